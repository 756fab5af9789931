package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.billing.domain.StripeCustomer;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceCreateParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/**
 * Who pays, and for what, on Stripe's side: the Stripe customer of a client (made once, on the platform account)
 * and the Stripe price of a membership's current price. Both are created with keys named after our records, so a
 * retry, or a second replica doing the same at once, finds the one Stripe already made.
 */
@ApplicationScoped
public class StripeCustomers {

    private final StripeGateway stripe;
    private final ClientService clients;

    public StripeCustomers(StripeGateway stripe, ClientService clients) {
        this.stripe = stripe;
        this.clients = clients;
    }

    /** The client a payment is for: a client's own record, or (staff) one they may see. */
    long payerOf(Caller caller, Long requested) {
        if (caller.isClient()) {
            long me = clients.clientIdOfUser(caller.organizationId(), caller.userId())
                    .orElseThrow(() -> ApiException.forbidden("Your login has no client record"));
            if (requested != null && requested != me) {
                throw ApiException.forbidden("Clients pay only for themselves");
            }
            return me;
        }
        if (requested == null) {
            throw ApiException.invalidField("client_id", "is required");
        }
        if (!clients.canSee(caller, requested)) {
            throw ApiException.notFound("Client");
        }
        return requested;
    }

    /** The client's Stripe customer, created once (the key names the client, so a retry finds the same one). */
    String customerOf(long org, long clientId) {
        Optional<StripeCustomer> known = QuarkusTransaction.requiringNew()
                .call(() -> StripeCustomer.<StripeCustomer>findByIdOptional(clientId));
        if (known.isPresent()) {
            return known.get().customerId;
        }
        ClientView client = clients.view(org, clientId).orElseThrow(() -> ApiException.notFound("Client"));
        CustomerCreateParams.Builder params = CustomerCreateParams.builder().setName(client.name())
                .putMetadata("organization_id", String.valueOf(org)).putMetadata("client_id", String.valueOf(clientId));
        if (client.email() != null) {
            params.setEmail(client.email());
        }
        Customer customer = stripe.call("customers.create", "customer-" + clientId, null,
                (c, o) -> c.v1().customers().create(params.build(), o));
        QuarkusTransaction.requiringNew().run(() -> StripeCustomer.getEntityManager().createNativeQuery(
                        "insert into stripe_customers (client_id, organization_id, customer_id) values (?1, ?2, ?3)"
                                + " on conflict (client_id) do nothing")
                .setParameter(1, clientId).setParameter(2, org).setParameter(3, customer.getId()).executeUpdate());
        return customer.getId();
    }

    /** The client and organization of a Stripe customer of ours. */
    Optional<StripeCustomer> ofCustomer(String customerId) {
        return customerId == null ? Optional.empty()
                : StripeCustomer.<StripeCustomer>find("customerId", customerId).firstResultOptional();
    }

    /**
     * The recurring Stripe price of a membership as it is priced now. Stripe's prices cannot change, so a new
     * price (or interval) gets a new Stripe price, keyed by what it charges.
     */
    String recurringPriceOf(Product product) {
        String key = product.priceMinor + "-" + product.currency + "-" + product.billingInterval;
        if (key.equals(product.stripePriceKey) && product.stripePriceId != null) {
            return product.stripePriceId;
        }
        PriceCreateParams params = PriceCreateParams.builder()
                .setCurrency(product.currency.toLowerCase(Locale.ROOT))
                .setUnitAmount(product.priceMinor)
                .setRecurring(PriceCreateParams.Recurring.builder().setInterval("week".equals(product.billingInterval)
                        ? PriceCreateParams.Recurring.Interval.WEEK : PriceCreateParams.Recurring.Interval.MONTH)
                        .build())
                .setProductData(PriceCreateParams.ProductData.builder().setName(product.name)
                        .putMetadata("organization_id", String.valueOf(product.organizationId))
                        .putMetadata("product_id", String.valueOf(product.id)).build())
                .putMetadata("product_id", String.valueOf(product.id))
                .build();
        Price price = stripe.call("prices.create", "price-" + product.id + "-" + key, null,
                (c, o) -> c.v1().prices().create(params, o));
        QuarkusTransaction.requiringNew().run(() -> Product.update("stripePriceId = ?1, stripePriceKey = ?2,"
                + " stripeProductId = ?3 where id = ?4", price.getId(), key, price.getProduct(), product.id));
        return price.getId();
    }
}

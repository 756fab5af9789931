package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.SubscriptionViews;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.billing.domain.Subscription;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.Text;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Stripe Checkout: a hosted payment page for one product, so card details are typed on Stripe's page. A package or
 * a single session is paid once (a pending payment of ours, key {@code checkout-payment-<id>}); a membership
 * subscribes (a pending subscription, key {@code checkout-subscription-<id>}). Both carry our ids in their
 * metadata, so the events that follow find them, in whatever order they come.
 */
@ApplicationScoped
public class CheckoutService {

    private final StripeGateway stripe;
    private final StripeConfig config;
    private final StripeCustomers customers;
    private final StripeService payments;
    private final SubscriptionService subscriptions;
    private final BillingAccountService accounts;
    private final ProductService products;
    private final AppConfig app;

    public CheckoutService(StripeGateway stripe, StripeConfig config, StripeCustomers customers,
                           StripeService payments, SubscriptionService subscriptions, BillingAccountService accounts,
                           ProductService products, AppConfig app) {
        this.stripe = stripe;
        this.config = config;
        this.customers = customers;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.products = products;
        this.app = app;
    }

    public SubscriptionViews.CheckoutCreated create(Caller caller, SubscriptionViews.CreateCheckout request) {
        long org = caller.organizationId();
        long clientId = customers.payerOf(caller, request.clientId());
        Problems problems = new Problems();
        String success = returnUrl(problems, "success_url", request.successUrl(),
                "/?checkout=success&session_id={CHECKOUT_SESSION_ID}");
        String cancel = returnUrl(problems, "cancel_url", request.cancelUrl(), "/?checkout=cancelled");
        Product product = request.productId() == null ? null
                : products.live(org, request.productId()).filter(p -> p.active).orElse(null);
        if (product == null) {
            problems.add("product_id", request.productId() == null ? "is required" : "names no product on sale");
        }
        problems.throwIfAny();
        String destination = subscriptions.connectedAccount(org);
        return Product.MEMBERSHIP.equals(product.kind)
                ? subscribe(caller, clientId, product, destination, success, cancel)
                : pay(caller, clientId, product, destination, success, cancel);
    }

    private SubscriptionViews.CheckoutCreated pay(Caller caller, long clientId, Product product, String destination,
                                                  String success, String cancel) {
        String currency = accounts.currencyOf(caller.organizationId());
        if (!currency.equals(product.currency)) {
            throw ApiException.invalidField("product_id", "is priced in " + product.currency + ", not in the"
                    + " organization's currency (" + currency + ")");
        }
        Payment pending = payments.startPending(caller, clientId, product, product.priceMinor, currency, product.name);
        Session session;
        try {
            String customer = customers.customerOf(caller.organizationId(), clientId);
            SessionCreateParams.PaymentIntentData.Builder intent = SessionCreateParams.PaymentIntentData.builder()
                    .setOnBehalfOf(destination)
                    .setTransferData(SessionCreateParams.PaymentIntentData.TransferData.builder()
                            .setDestination(destination).build())
                    .putAllMetadata(StripeService.metadata(pending));
            if (pending.platformFeeMinor > 0) {
                intent.setApplicationFeeAmount(pending.platformFeeMinor);
            }
            SessionCreateParams params = SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.PAYMENT)
                    .setCustomer(customer)
                    .setClientReferenceId(String.valueOf(pending.id))
                    .setSuccessUrl(success)
                    .setCancelUrl(cancel)
                    .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                            .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                    .setCurrency(currency.toLowerCase(Locale.ROOT))
                                    .setUnitAmount(product.priceMinor)
                                    .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                            .setName(product.name).build()).build()).build())
                    .setPaymentIntentData(intent.build())
                    .putAllMetadata(StripeService.metadata(pending))
                    .build();
            session = stripe.call("checkout.sessions.create", "checkout-payment-" + pending.id, null,
                    (c, o) -> c.v1().checkout().sessions().create(params, o));
        } catch (RuntimeException e) {
            StripeService.dropPending(pending.id);
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> Payment.update("stripeCheckoutSessionId = ?1 where id = ?2"
                + " and stripeCheckoutSessionId is null", session.getId(), pending.id));
        return new SubscriptionViews.CheckoutCreated(session.getId(), session.getUrl(), "payment", pending.id, null);
    }

    private SubscriptionViews.CheckoutCreated subscribe(Caller caller, long clientId, Product product,
                                                        String destination, String success, String cancel) {
        Subscription pending = subscriptions.start(caller, clientId, product);
        Session session;
        try {
            String customer = customers.customerOf(caller.organizationId(), clientId);
            String price = customers.recurringPriceOf(product);
            SessionCreateParams.SubscriptionData.Builder data = SessionCreateParams.SubscriptionData.builder()
                    .setOnBehalfOf(destination)
                    .setTransferData(SessionCreateParams.SubscriptionData.TransferData.builder()
                            .setDestination(destination).build())
                    .putAllMetadata(SubscriptionService.metadata(pending));
            if (config.platformFeeBps() > 0) {
                data.setApplicationFeePercent(subscriptions.feePercent());
            }
            SessionCreateParams params = SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                    .setCustomer(customer)
                    .setClientReferenceId("subscription-" + pending.id)
                    .setSuccessUrl(success)
                    .setCancelUrl(cancel)
                    .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                    .setSubscriptionData(data.build())
                    .putAllMetadata(SubscriptionService.metadata(pending))
                    .build();
            session = stripe.call("checkout.sessions.create", "checkout-subscription-" + pending.id, null,
                    (c, o) -> c.v1().checkout().sessions().create(params, o));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> Subscription.delete("id = ?1 and stripeSubscriptionId is null",
                    pending.id));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> Subscription.update("stripeCheckoutSessionId = ?1 where id = ?2",
                session.getId(), pending.id));
        return new SubscriptionViews.CheckoutCreated(session.getId(), session.getUrl(), "subscription", null,
                pending.id);
    }

    /**
     * Where Stripe sends the browser back: the SPA only (its origin, FRONTEND_URL), never a URL a request
     * chose elsewhere (Checkout would otherwise be an open redirect with our name on it).
     */
    private String returnUrl(Problems problems, String field, String requested, String defaultPath) {
        String base = app.frontendUrl().replaceAll("/+$", "");
        String url = Text.blankToNull(requested);
        if (url == null) {
            return base + defaultPath;
        }
        try {
            URI asked = URI.create(url.trim().replace("{CHECKOUT_SESSION_ID}", "session"));
            URI spa = URI.create(base);
            if (asked.getScheme() != null && asked.getScheme().equalsIgnoreCase(spa.getScheme())
                    && asked.getHost() != null && asked.getHost().equalsIgnoreCase(spa.getHost())
                    && port(asked) == port(spa)) {
                return url.trim();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(field, "must be a page of the app (" + base + ")");
        return null;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : Objects.equals(uri.getScheme(), "https") ? 443 : 80;
    }
}

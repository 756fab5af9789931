package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.ProductRequests;
import com.fitnesscrm.billing.api.ProductView;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue: packages, memberships and single sessions. Every member of the organization reads it (a client
 * sees what they can buy: the active products); only admins change it.
 */
@ApplicationScoped
public class ProductService {

    static final Set<String> KINDS = Set.of(Product.PACKAGE, Product.MEMBERSHIP, Product.SINGLE_SESSION);
    static final Set<String> INTERVALS = Set.of("week", "month");

    private final BillingAccountService accounts;
    private final Event<ActivityEvent> activity;

    public ProductService(BillingAccountService accounts, Event<ActivityEvent> activity) {
        this.accounts = accounts;
        this.activity = activity;
    }

    public List<ProductView> list(Caller caller, Boolean activeOnly) {
        boolean active = caller.isClient() || Boolean.TRUE.equals(activeOnly);
        return Product.<Product>list("organizationId = ?1 and deletedAt is null" + (active ? " and active = true" : "")
                + " order by kind, name, id", caller.organizationId()).stream().map(ProductService::view).toList();
    }

    public Optional<ProductView> find(Caller caller, long id) {
        return Product.findLive(caller.organizationId(), id)
                .filter(p -> p.active || !caller.isClient())
                .map(ProductService::view);
    }

    /** The product for another part of billing (a payment, a checkout): any product of the organization. */
    Optional<Product> live(long organizationId, long id) {
        return Product.findLive(organizationId, id);
    }

    @Transactional
    public ProductView create(Caller caller, ProductRequests.Save request) {
        BillingAccountService.requireAdmin(caller);
        Product product = new Product();
        product.organizationId = caller.organizationId();
        Problems problems = new Problems();
        String kind = Text.blankToNull(request.kind());
        if (kind == null) {
            problems.add("kind", "is required");
        } else if (!KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
            problems.add("kind", "must be one of package, membership, single_session");
        } else {
            product.kind = kind.toLowerCase(Locale.ROOT);
        }
        if (Text.blankToNull(request.name()) == null) {
            problems.add("name", "is required");
        }
        if (request.price() == null && request.priceMinor() == null) {
            problems.add("price", "is required");
        }
        apply(product, request, problems);
        problems.throwIfAny();
        product.persist();
        activity.fire(ActivityEvent.of(caller, ActivityEvent.CREATE, "product", product.id)
                .withDetails(Map.of("kind", product.kind)));
        return view(product);
    }

    @Transactional
    public Optional<ProductView> update(Caller caller, long id, ProductRequests.Save request) {
        BillingAccountService.requireAdmin(caller);
        Optional<Product> found = Product.findLive(caller.organizationId(), id);
        found.ifPresent(product -> {
            Problems problems = new Problems();
            if (Text.blankToNull(request.kind()) != null && !request.kind().trim().equalsIgnoreCase(product.kind)) {
                problems.add("kind", "cannot change: create another product");
            }
            if (request.name() != null && Text.blankToNull(request.name()) == null) {
                problems.add("name", "must not be empty");
            }
            apply(product, request, problems);
            problems.throwIfAny();
            product.updatedAt = Instant.now();
            activity.fire(ActivityEvent.of(caller, ActivityEvent.UPDATE, "product", product.id));
        });
        return found.map(ProductService::view);
    }

    /** Soft delete: payments and packages keep pointing at it. */
    @Transactional
    public boolean delete(Caller caller, long id) {
        BillingAccountService.requireAdmin(caller);
        Optional<Product> found = Product.findLive(caller.organizationId(), id);
        found.ifPresent(product -> {
            product.deletedAt = Instant.now();
            product.active = false;
            activity.fire(ActivityEvent.of(caller, ActivityEvent.DELETE, "product", product.id));
        });
        return found.isPresent();
    }

    private void apply(Product product, ProductRequests.Save request, Problems problems) {
        String orgCurrency = accounts.currencyOf(product.organizationId);
        String currency = Money.currency(problems, "currency", request.currency());
        if (currency != null && !currency.equals(orgCurrency)) {
            problems.add("currency", "must be the organization's currency (" + orgCurrency + ")");
        }
        product.currency = orgCurrency;
        if (Text.blankToNull(request.name()) != null) {
            product.name = request.name().trim();
        }
        if (request.description() != null) {
            product.description = Text.blankToNull(request.description());
        }
        Long price = Money.positiveMinor(problems, "price", request.price(), request.priceMinor(), orgCurrency);
        if (price != null) {
            product.priceMinor = price;
        }
        if (request.active() != null) {
            product.active = request.active();
        }
        if (product.kind == null) {
            return;
        }
        boolean isPackage = Product.PACKAGE.equals(product.kind);
        if (isPackage) {
            problems.range("session_count", request.sessionCount(), 1, 1000);
            problems.range("validity_days", request.validityDays(), 1, 3650);
            if (request.sessionCount() != null) {
                product.sessionCount = request.sessionCount();
            } else if (product.sessionCount == null) {
                problems.add("session_count", "is required for a package");
            }
            if (request.validityDays() != null) {
                product.validityDays = request.validityDays();
            }
        } else if (request.sessionCount() != null || request.validityDays() != null) {
            problems.add(request.sessionCount() != null ? "session_count" : "validity_days", "applies to packages only");
        }
        if (Product.MEMBERSHIP.equals(product.kind)) {
            String interval = Text.blankToNull(request.billingInterval());
            if (interval != null) {
                interval = interval.toLowerCase(Locale.ROOT).replaceFirst("ly$", "");
                if (!INTERVALS.contains(interval)) {
                    problems.add("billing_interval", "must be week or month");
                } else {
                    product.billingInterval = interval;
                }
            } else if (product.billingInterval == null) {
                problems.add("billing_interval", "is required for a membership");
            }
        } else if (Text.blankToNull(request.billingInterval()) != null) {
            problems.add("billing_interval", "applies to memberships only");
        }
    }

    static ProductView view(Product p) {
        return new ProductView(p.id, p.kind, p.name, p.description, Money.major(p.priceMinor, p.currency),
                p.priceMinor, p.currency, p.sessionCount, p.validityDays, p.billingInterval, p.active, p.createdAt,
                p.updatedAt);
    }
}

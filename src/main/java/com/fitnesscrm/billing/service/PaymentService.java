package com.fitnesscrm.billing.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.billing.api.PaymentRequests;
import com.fitnesscrm.billing.api.PaymentView;
import com.fitnesscrm.billing.domain.ClientPackage;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.Product;
import com.fitnesscrm.billing.domain.Refund;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Problems;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger: payments recorded by hand (cash, bank transfer, cheque) and, through {@code StripeService}, those
 * made with Stripe. Admins see and record the organization's payments, a trainer those of the clients they train,
 * a client only reads their own. Money never changes silently: a payment recorded by hand is voided rather than
 * deleted, refunds are rows of their own, and Stripe payments change only through Stripe.
 */
@ApplicationScoped
public class PaymentService {

    static final Set<String> MANUAL_METHODS = Set.of("cash", "bank_transfer", "check", "card", "other");
    static final Set<String> TYPES = Set.of("package", "membership", "session", "other");
    static final Set<String> STATUSES = Set.of(Payment.PENDING, Payment.SUCCEEDED, Payment.FAILED,
            Payment.PARTIALLY_REFUNDED, Payment.REFUNDED, Payment.VOID);
    /** A payment "received" in the future is a typing mistake; a day of slack covers time zones. */
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private final ClientService clients;
    private final OrganizationService organizations;
    private final BillingAccountService accounts;
    private final ProductService products;
    private final PackageService packages;
    private final Event<ActivityEvent> activity;

    public PaymentService(ClientService clients, OrganizationService organizations, BillingAccountService accounts,
                          ProductService products, PackageService packages, Event<ActivityEvent> activity) {
        this.clients = clients;
        this.organizations = organizations;
        this.accounts = accounts;
        this.products = products;
        this.packages = packages;
        this.activity = activity;
    }

    public PaymentRequests.PaymentPage list(Caller caller, PaymentRequests.Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        if (!restrict(caller, filter, where, params)) {
            return new PaymentRequests.PaymentPage(List.of(), 0, page.page(), page.perPage(), 0, false, page.hasPrev());
        }
        long total = Payment.count(where.toString(), params);
        List<Payment> rows = Payment.<Payment>find(where + " order by createdAt desc, id desc", params)
                .range(page.offset(), page.offset() + page.perPage() - 1).list();
        return new PaymentRequests.PaymentPage(views(caller.organizationId(), rows), total, page.page(),
                page.perPage(), page.pages(total), page.hasNext(total), page.hasPrev());
    }

    /** Every payment the filter selects, oldest first, for the CSV export (at most {@code limit}). */
    public List<PaymentView> export(Caller caller, PaymentRequests.Filter filter, int limit) {
        requireStaff(caller);
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        if (!restrict(caller, filter, where, params)) {
            return List.of();
        }
        return views(caller.organizationId(), Payment.<Payment>find(where + " order by createdAt, id", params)
                .range(0, limit - 1).list());
    }

    /** The filter's conditions; false when the caller can see no payment at all. */
    private boolean restrict(Caller caller, PaymentRequests.Filter filter, StringBuilder where, Parameters params) {
        ClientService.ClientScope scope = clients.listScope(caller, filter.clientId());
        if (scope.none()) {
            return false;
        }
        scope.restrict(where, params, "clientId");
        String status = choice("status", filter.status(), STATUSES);
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        String type = choice("payment_type", filter.paymentType(), TYPES);
        if (type != null) {
            where.append(" and paymentType = :type");
            params.and("type", type);
        }
        String method = choice("method", filter.method(), MANUAL_METHODS);
        if (method != null) {
            where.append(" and method = :method");
            params.and("method", method);
        }
        if (Text.blankToNull(filter.startDate()) == null && Text.blankToNull(filter.endDate()) == null) {
            return true;
        }
        ZoneId zone = organizations.zoneFor(caller);
        Instant from = FlexibleDateTime.parse("start_date", filter.startDate(), zone);
        if (from != null) {
            where.append(" and coalesce(paidAt, createdAt) >= :from");
            params.and("from", from);
        }
        LocalDate end = date("end_date", filter.endDate(), zone);
        if (end != null) {
            where.append(" and coalesce(paidAt, createdAt) < :to");
            params.and("to", end.plusDays(1).atStartOfDay(zone).toInstant());
        }
        return true;
    }

    public Optional<PaymentView> find(Caller caller, long id) {
        return Payment.<Payment>find("id = ?1 and organizationId = ?2", id, caller.organizationId())
                .firstResultOptional()
                .filter(p -> clients.canSee(caller, p.clientId))
                .map(p -> views(caller.organizationId(), List.of(p)).get(0));
    }

    @Transactional
    public PaymentView create(Caller caller, PaymentRequests.Save request) {
        requireStaff(caller);
        Problems problems = new Problems();
        if (request.clientId() == null) {
            throw ApiException.invalidField("client_id", "is required");
        }
        if (!clients.canSee(caller, request.clientId())) {
            throw ApiException.notFound("Client");
        }
        long org = caller.organizationId();
        Product product = null;
        if (request.productId() != null) {
            product = products.live(org, request.productId()).orElse(null);
            if (product == null) {
                problems.add("product_id", "names no product of the organization");
            } else if (!product.active) {
                problems.add("product_id", "is not on sale any more");
            }
        }
        String currency = accounts.currencyOf(org);
        checkCurrency(problems, request.currency(), currency);
        Payment payment = new Payment();
        payment.organizationId = org;
        payment.clientId = request.clientId();
        payment.currency = currency;
        payment.recordedBy = caller.userId();
        Long amount = Money.positiveMinor(problems, "amount", request.amount(), request.amountMinor(), currency);
        if (amount == null && request.amount() == null && request.amountMinor() == null) {
            if (product != null) {
                amount = product.priceMinor;
            } else {
                problems.add("amount", "is required");
            }
        }
        if (amount != null) {
            payment.amountMinor = amount;
        }
        payment.productId = product == null ? null : product.id;
        payment.method = choice("method", firstNonBlank(request.method(), request.paymentMethod()), MANUAL_METHODS);
        if (payment.method == null) {
            payment.method = "cash";
        }
        payment.paymentType = choice("payment_type", request.paymentType(), TYPES);
        if (payment.paymentType == null) {
            payment.paymentType = product == null ? "other" : typeOf(product);
        }
        String status = choice("status", request.status(), Set.of(Payment.PENDING, Payment.SUCCEEDED));
        payment.status = status == null ? Payment.SUCCEEDED : status;
        applyDetails(payment, request, organizations.zoneFor(caller), problems);
        if (payment.received() && payment.paidAt == null) {
            payment.paidAt = Instant.now();
        }
        problems.throwIfAny();
        payment.persist();
        if (product != null) {
            packages.grant(payment, product);
        }
        activity.fire(event(caller, ActivityEvent.CREATE, payment));
        return views(org, List.of(payment)).get(0);
    }

    /**
     * Changes the fields present. A Stripe payment takes only description, reference and notes (its money is
     * Stripe's); a voided one nothing. Pending → succeeded records the payment (and grants its package).
     */
    @Transactional
    public Optional<PaymentView> update(Caller caller, long id, PaymentRequests.Save request) {
        requireStaff(caller);
        Optional<Payment> found = Payment.findForUpdate(caller.organizationId(), id)
                .filter(p -> clients.canSee(caller, p.clientId));
        found.ifPresent(payment -> {
            if (Payment.VOID.equals(payment.status)) {
                throw ApiException.conflict("payment_void", "This payment is void");
            }
            Problems problems = new Problems();
            boolean moneyFields = request.amount() != null || request.amountMinor() != null
                    || Text.blankToNull(request.method()) != null || Text.blankToNull(request.paymentMethod()) != null
                    || Text.blankToNull(request.status()) != null || Text.blankToNull(request.paidAt()) != null
                    || Text.blankToNull(request.paymentDate()) != null || request.productId() != null
                    || request.clientId() != null && request.clientId() != payment.clientId.longValue();
            if (payment.throughStripe() && moneyFields) {
                throw ApiException.conflict("stripe_payment", "A Stripe payment changes through Stripe: only"
                        + " description, reference and notes can be edited");
            }
            if (request.clientId() != null && request.clientId() != payment.clientId.longValue()) {
                problems.add("client_id", "cannot change: void this payment and record another");
            }
            if (request.productId() != null && !request.productId().equals(payment.productId)) {
                problems.add("product_id", "cannot change: void this payment and record another");
            }
            checkCurrency(problems, request.currency(), payment.currency);
            Long amount = Money.positiveMinor(problems, "amount", request.amount(), request.amountMinor(),
                    payment.currency);
            if (amount != null) {
                if (amount < payment.refundedMinor) {
                    problems.add("amount", "is less than what was refunded already");
                } else {
                    payment.amountMinor = amount;
                }
            }
            String method = choice("method", firstNonBlank(request.method(), request.paymentMethod()), MANUAL_METHODS);
            if (method != null) {
                payment.method = method;
            }
            String type = choice("payment_type", request.paymentType(), TYPES);
            if (type != null) {
                payment.paymentType = type;
            }
            String status = choice("status", request.status(), STATUSES);
            boolean receivedNow = false;
            if (status != null && !status.equals(payment.status)) {
                if (Payment.PENDING.equals(payment.status) && Payment.SUCCEEDED.equals(status)) {
                    payment.status = status;
                    receivedNow = true;
                } else {
                    problems.add("status", "cannot go from " + payment.status + " to " + status
                            + (Payment.VOID.equals(status) ? " (DELETE voids a payment)" : "")
                            + (status.contains("refunded") ? " (use the refund endpoint)" : ""));
                }
            }
            applyDetails(payment, request, organizations.zoneFor(caller), problems);
            if (receivedNow && payment.paidAt == null) {
                payment.paidAt = Instant.now();
            }
            problems.throwIfAny();
            payment.updatedAt = Instant.now();
            if (receivedNow && payment.productId != null) {
                products.live(payment.organizationId, payment.productId).ifPresent(p -> packages.grant(payment, p));
            }
            activity.fire(event(caller, ActivityEvent.UPDATE, payment));
        });
        return found.map(p -> views(caller.organizationId(), List.of(p)).get(0));
    }

    /**
     * Voids a payment recorded by hand: it stays in the ledger (status void) but counts nowhere, and the package
     * it bought stops paying for sessions (those it paid for already stay paid). A Stripe payment is refunded.
     */
    @Transactional
    public Optional<PaymentView> voidPayment(Caller caller, long id) {
        requireStaff(caller);
        Optional<Payment> found = Payment.findForUpdate(caller.organizationId(), id)
                .filter(p -> clients.canSee(caller, p.clientId));
        found.ifPresent(payment -> {
            if (payment.throughStripe()) {
                throw ApiException.conflict("stripe_payment", "A Stripe payment cannot be voided: refund it");
            }
            if (Payment.VOID.equals(payment.status)) {
                return;
            }
            payment.status = Payment.VOID;
            payment.voidedAt = Instant.now();
            payment.updatedAt = payment.voidedAt;
            packages.voidFor(payment);
            activity.fire(event(caller, ActivityEvent.DELETE, payment));
        });
        return found.map(p -> views(caller.organizationId(), List.of(p)).get(0));
    }

    /** Records a refund of a payment taken by hand (money given back in cash or by transfer). */
    @Transactional
    public Optional<PaymentView> refundManual(Caller caller, long id, PaymentRequests.Refund request) {
        requireStaff(caller);
        Optional<Payment> found = Payment.findForUpdate(caller.organizationId(), id)
                .filter(p -> clients.canSee(caller, p.clientId));
        found.ifPresent(payment -> {
            if (payment.throughStripe()) {
                throw ApiException.conflict("stripe_payment", "A Stripe payment is refunded through Stripe:"
                        + " POST /api/stripe/refund");
            }
            long amount = refundableAmount(payment, request.amount(), request.amountMinor());
            Refund refund = new Refund();
            refund.organizationId = payment.organizationId;
            refund.paymentId = payment.id;
            refund.amountMinor = amount;
            refund.reason = Text.blankToNull(request.reason());
            refund.status = Refund.SUCCEEDED;
            refund.createdBy = caller.userId();
            refund.persist();
            applyRefund(payment, amount);
            activity.fire(event(caller, ActivityEvent.UPDATE, payment).withDetails(Map.of("refund_minor", amount)));
        });
        return found.map(p -> views(caller.organizationId(), List.of(p)).get(0));
    }

    /**
     * The amount a refund may give back: what was asked (default: all not yet refunded), never more than that.
     * Throws the field error otherwise; the payment must be received.
     */
    long refundableAmount(Payment payment, java.math.BigDecimal amount, Long amountMinor) {
        if (!payment.received()) {
            throw ApiException.conflict("not_refundable", "Only a received payment can be refunded (this one is "
                    + payment.status + ")");
        }
        long left = payment.amountMinor - payment.refundedMinor;
        if (left <= 0) {
            throw ApiException.conflict("already_refunded", "This payment is refunded in full already");
        }
        Problems problems = new Problems();
        Long asked = Money.positiveMinor(problems, "amount", amount, amountMinor, payment.currency);
        problems.throwIfAny();
        if (asked == null) {
            return left;
        }
        if (asked > left) {
            throw ApiException.invalidField("amount", "is more than the " + Money.major(left, payment.currency)
                    + " " + payment.currency + " not refunded yet");
        }
        return asked;
    }

    /** Adds a refund to the payment's total; refunded in full voids the package it bought. */
    void applyRefund(Payment payment, long amountMinor) {
        payment.refundedMinor = Math.min(payment.amountMinor, payment.refundedMinor + amountMinor);
        payment.status = payment.refundedMinor >= payment.amountMinor ? Payment.REFUNDED : Payment.PARTIALLY_REFUNDED;
        payment.updatedAt = Instant.now();
        if (Payment.REFUNDED.equals(payment.status)) {
            packages.voidFor(payment);
        }
    }

    private void applyDetails(Payment payment, PaymentRequests.Save request, ZoneId zone, Problems problems) {
        if (request.description() != null) {
            payment.description = Text.blankToNull(request.description());
        }
        if (request.reference() != null) {
            payment.reference = Text.blankToNull(request.reference());
        }
        if (request.notes() != null) {
            payment.notes = Text.blankToNull(request.notes());
        }
        if (request.dueDate() != null) {
            payment.dueDate = date("due_date", request.dueDate(), zone);
        }
        String paidAtField = Text.blankToNull(request.paidAt()) != null ? "paid_at" : "payment_date";
        Instant paidAt = FlexibleDateTime.parse(paidAtField, firstNonBlank(request.paidAt(), request.paymentDate()),
                zone);
        if (paidAt != null) {
            if (paidAt.isAfter(Instant.now().plus(FUTURE_SLACK))) {
                problems.add(paidAtField, "must not be in the future");
            } else if (!payment.received()) {
                problems.add(paidAtField, "applies to a received payment only");
            } else {
                payment.paidAt = paidAt;
            }
        }
    }

    private static void checkCurrency(Problems problems, String requested, String expected) {
        String currency = Money.currency(problems, "currency", requested);
        if (currency != null && !currency.equals(expected)) {
            problems.add("currency", "must be the organization's currency (" + expected + ")");
        }
    }

    List<PaymentView> views(long organizationId, List<Payment> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, String> names = clients.namesOf(organizationId,
                rows.stream().map(p -> p.clientId).collect(Collectors.toSet()));
        Collection<Long> ids = rows.stream().map(p -> p.id).toList();
        Map<Long, Long> packageOf = new HashMap<>();
        ClientPackage.<ClientPackage>list("organizationId = ?1 and paymentId in ?2", organizationId, ids)
                .forEach(p -> packageOf.put(p.paymentId, p.id));
        return rows.stream().map(p -> view(p, names.get(p.clientId), packageOf.get(p.id))).toList();
    }

    static PaymentView view(Payment p, String clientName, Long packageId) {
        return new PaymentView(p.id, p.clientId, clientName, p.productId, packageId,
                Money.major(p.amountMinor, p.currency), p.amountMinor, p.currency,
                Money.major(p.refundedMinor, p.currency), p.refundedMinor,
                Money.major(p.amountMinor - p.refundedMinor, p.currency), p.platformFeeMinor, p.method, p.method,
                p.paymentType, p.status, p.description, p.reference, p.notes, p.dueDate, p.paidAt, p.paidAt,
                p.failureMessage, p.stripePaymentIntentId, p.recordedBy, p.voidedAt, p.createdAt, p.updatedAt);
    }

    static ActivityEvent event(Caller caller, String action, Payment payment) {
        return ActivityEvent.of(caller, action, "payment", payment.id).withOwners(null, payment.clientId)
                .withDetails(Map.of("status", payment.status, "payment_type", payment.paymentType));
    }

    static String typeOf(Product product) {
        return switch (product.kind) {
            case Product.PACKAGE -> "package";
            case Product.MEMBERSHIP -> "membership";
            default -> "session";
        };
    }

    /** Admins and trainers record and export payments; a client only reads their own. */
    static void requireStaff(Caller caller) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Only the organization's staff record payments");
        }
    }

    static String choice(String field, String value, Set<String> allowed) {
        String v = Text.blankToNull(value);
        if (v == null) {
            return null;
        }
        String normalized = v.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if ("cheque".equals(normalized)) {
            normalized = "check";
        }
        if (!allowed.contains(normalized)) {
            throw ApiException.invalidField(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return normalized;
    }

    static LocalDate date(String field, String value, ZoneId zone) {
        Instant instant = FlexibleDateTime.parse(field, value, zone);
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    private static String firstNonBlank(String a, String b) {
        return Text.blankToNull(a) != null ? a : Text.blankToNull(b);
    }
}

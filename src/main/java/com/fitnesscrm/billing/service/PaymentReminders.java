package com.fitnesscrm.billing.service;

import com.fitnesscrm.billing.api.SubscriptionViews;
import com.fitnesscrm.billing.domain.Invoice;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.billing.domain.PaymentReminder;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.observability.JobMonitor;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.PageRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reminders of money owed, for the automation feature to send: a failed card payment or invoice charge (made when
 * Stripe says so), and overdue money (a payment recorded as due on a date now past, an open invoice past its due
 * date: found by a scan every few minutes). One reminder per payment or invoice and kind (unique indexes), so a
 * scan on two replicas at once, or an event delivered twice, makes one; it is resolved when the money arrives.
 */
@ApplicationScoped
public class PaymentReminders {

    private static final Logger LOG = Logger.getLogger(PaymentReminders.class);
    static final String JOB = "payment-reminders";
    /** The advisory lock of the overdue scan: one replica scans at a time (the others skip that run). */
    private static final long SCAN_LOCK = 0x5041_594d_5245_4dL;
    static final Set<String> STATUSES = Set.of("open", "resolved", "all");

    private final ClientService clients;
    private final MeterRegistry metrics;
    private final BillingConfig config;

    public PaymentReminders(ClientService clients, MeterRegistry metrics, BillingConfig config) {
        this.clients = clients;
        this.metrics = metrics;
        this.config = config;
    }

    /** A card payment failed: remind the client (again, if an earlier reminder was resolved). */
    @Transactional(Transactional.TxType.MANDATORY)
    void paymentFailed(Payment payment) {
        int made = Panache.getEntityManager().createNativeQuery("insert into payment_reminders (organization_id,"
                        + " client_id, kind, payment_id, amount_minor, currency, reason) values (?1, ?2, 'payment_failed',"
                        + " ?3, ?4, ?5, ?6) on conflict (kind, payment_id) where payment_id is not null do update set"
                        + " resolved_at = null, reason = excluded.reason where payment_reminders.resolved_at is not null")
                .setParameter(1, payment.organizationId).setParameter(2, payment.clientId)
                .setParameter(3, payment.id).setParameter(4, payment.amountMinor).setParameter(5, payment.currency)
                .setParameter(6, payment.failureMessage).executeUpdate();
        counted(PaymentReminder.PAYMENT_FAILED, made);
    }

    /** An invoice's charge failed. */
    @Transactional(Transactional.TxType.MANDATORY)
    void invoiceFailed(Invoice invoice, String reason) {
        int made = Panache.getEntityManager().createNativeQuery("insert into payment_reminders (organization_id,"
                        + " client_id, kind, invoice_id, amount_minor, currency, reason, due_at) values (?1, ?2,"
                        + " 'payment_failed', ?3, ?4, ?5, ?6, ?7) on conflict (kind, invoice_id) where invoice_id is not"
                        + " null do update set resolved_at = null, reason = excluded.reason"
                        + " where payment_reminders.resolved_at is not null")
                .setParameter(1, invoice.organizationId).setParameter(2, invoice.clientId)
                .setParameter(3, invoice.id).setParameter(4, invoice.amountDueMinor - invoice.amountPaidMinor)
                .setParameter(5, invoice.currency).setParameter(6, reason).setParameter(7, invoice.dueAt)
                .executeUpdate();
        counted(PaymentReminder.PAYMENT_FAILED, made);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void paymentSettled(long paymentId) {
        PaymentReminder.update("resolvedAt = ?1 where paymentId = ?2 and resolvedAt is null", Instant.now(), paymentId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void invoiceSettled(long invoiceId) {
        PaymentReminder.update("resolvedAt = ?1 where invoiceId = ?2 and resolvedAt is null", Instant.now(), invoiceId);
    }

    /** The overdue scan, on whichever replica takes the lock first. */
    @Scheduled(identity = JOB, every = "${app.billing.reminders-interval:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledScan(ScheduledExecution execution) {
        MDC.put("job_run_id", JobMonitor.runId(execution));
        try {
            scan();
        } finally {
            MDC.remove("job_run_id");
        }
    }

    /** Makes the reminders of money now overdue and resolves those no longer owed; the number made. */
    public int scan() {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, SCAN_LOCK)
                    .getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                LOG.debug("Payment reminder scan skipped: another replica is scanning");
                return 0;
            }
            // A payment recorded as due: overdue the day after its due date (in the organization's zone).
            int payments = em.createNativeQuery("insert into payment_reminders (organization_id, client_id, kind,"
                    + " payment_id, amount_minor, currency, reason, due_at)"
                    + " select p.organization_id, p.client_id, 'invoice_overdue', p.id, p.amount_minor, p.currency,"
                    + " 'Payment due ' || p.due_date || ' is overdue', (p.due_date + 1) at time zone o.time_zone"
                    + " from payments p join organizations o on o.id = p.organization_id"
                    + " where p.status = 'pending' and p.due_date is not null and p.due_date < current_date + 1"
                    + " and (p.due_date + 1) at time zone o.time_zone <= now()"
                    + " on conflict do nothing").executeUpdate();
            int invoices = em.createNativeQuery("insert into payment_reminders (organization_id, client_id, kind,"
                    + " invoice_id, amount_minor, currency, reason, due_at)"
                    + " select i.organization_id, i.client_id, 'invoice_overdue', i.id,"
                    + " i.amount_due_minor - i.amount_paid_minor, i.currency,"
                    + " 'Invoice ' || coalesce(i.number, i.stripe_invoice_id) || ' is overdue', i.due_at"
                    + " from invoices i where i.status = 'open' and i.due_at < now()"
                    + " on conflict do nothing").executeUpdate();
            // Money that arrived (or was voided) some other way than an event we handle.
            em.createNativeQuery("update payment_reminders r set resolved_at = now() from payments p"
                    + " where r.resolved_at is null and r.payment_id = p.id and p.status not in ('pending', 'failed')")
                    .executeUpdate();
            em.createNativeQuery("update payment_reminders r set resolved_at = now() from invoices i"
                    + " where r.resolved_at is null and r.invoice_id = i.id and i.status <> 'open'").executeUpdate();
            counted(PaymentReminder.INVOICE_OVERDUE, payments + invoices);
            if (payments + invoices > 0) {
                LOG.infof("Payment reminders: %d overdue payments, %d overdue invoices (scan every %s)", payments,
                        invoices, config.remindersInterval());
            }
            return payments + invoices;
        });
    }

    /** Staff see their clients' reminders, a client their own; open ones unless asked otherwise. */
    public SubscriptionViews.ReminderPage list(Caller caller, Long clientId, String status, PageRequest page) {
        String which = PaymentService.choice("status", status, STATUSES);
        ClientService.ClientScope scope = clients.listScope(caller, clientId);
        if (scope.none()) {
            return new SubscriptionViews.ReminderPage(List.of(), 0, page.page(), page.perPage(), 0, false,
                    page.hasPrev());
        }
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        scope.restrict(where, params, "clientId");
        if (which == null || "open".equals(which)) {
            where.append(" and resolvedAt is null");
        } else if ("resolved".equals(which)) {
            where.append(" and resolvedAt is not null");
        }
        long total = PaymentReminder.count(where.toString(), params);
        List<PaymentReminder> rows = PaymentReminder.<PaymentReminder>find(where + " order by createdAt desc, id desc",
                params).range(page.offset(), page.offset() + page.perPage() - 1).list();
        Map<Long, String> names = clients.namesOf(caller.organizationId(),
                rows.stream().map(r -> r.clientId).distinct().toList());
        return new SubscriptionViews.ReminderPage(rows.stream().map(r -> new SubscriptionViews.ReminderView(r.id,
                r.clientId, names.get(r.clientId), r.kind, r.paymentId, r.invoiceId, Money.major(r.amountMinor,
                r.currency), r.amountMinor, r.currency, r.reason, r.dueAt, r.createdAt, r.resolvedAt,
                r.resolvedAt == null ? "open" : "resolved")).toList(), total, page.page(), page.perPage(),
                page.pages(total), page.hasNext(total), page.hasPrev());
    }

    private void counted(String kind, int made) {
        if (made > 0) {
            metrics.counter("fitnesscrm.payment.reminders", "kind", kind).increment(made);
        }
    }
}

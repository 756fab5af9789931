package com.fitnesscrm.billing.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.billing.api.PackageView;
import com.fitnesscrm.billing.api.PaymentView;
import com.fitnesscrm.billing.api.RevenueViews;
import com.fitnesscrm.billing.domain.Payment;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.fitnesscrm.common.cache.ReadModelKey;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.TimeZones;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revenue, summed by PostgreSQL over the received payments (the covering index {@code payments_org_paid_idx}):
 * money received minus refunds, in the organization's currency. Admins see the organization's; a trainer the
 * revenue of the clients they train. The dashboard is a cached read model (a payment's change fires its activity
 * event, which invalidates it).
 */
@ApplicationScoped
public class RevenueService {

    static final int TREND_MONTHS = 12;
    static final int TOP_CLIENTS = 10;
    private static final String RECEIVED = "status in ('succeeded', 'partially_refunded', 'refunded')";
    private static final String NET = "amount_minor - refunded_minor";

    private final ClientService clients;
    private final TrainerService trainers;
    private final OrganizationService organizations;
    private final BillingAccountService accounts;
    private final PackageService packages;
    private final PaymentService payments;
    private final ReadModelCache readModels;

    public RevenueService(ClientService clients, TrainerService trainers, OrganizationService organizations,
                          BillingAccountService accounts, PackageService packages, PaymentService payments,
                          ReadModelCache readModels) {
        this.clients = clients;
        this.trainers = trainers;
        this.organizations = organizations;
        this.accounts = accounts;
        this.packages = packages;
        this.payments = payments;
        this.readModels = readModels;
    }

    /** Whose revenue: the organization's (admins), or that of a trainer's clients; -1 matches no one. */
    record Scope(String sql, Long trainerId) {

        static final Scope ORGANIZATION = new Scope("", null);

        static Scope ofTrainer(long trainerId) {
            // A subquery rather than a list of ids: one statement text (and plan) for every trainer.
            return new Scope(" and client_id in (select a.client_id from trainer_client_assignments a"
                    + " where a.organization_id = :org and a.trainer_id = :trainer and a.deleted_at is null)",
                    trainerId);
        }

        Query bind(Query query) {
            return trainerId == null ? query : query.setParameter("trainer", trainerId);
        }
    }

    private Scope scopeOf(Caller caller) {
        if (caller.isAdmin()) {
            return Scope.ORGANIZATION;
        }
        if (caller.isTrainer()) {
            return Scope.ofTrainer(trainers.trainerIdOfUser(caller.organizationId(), caller.userId()).orElse(-1L));
        }
        throw ApiException.forbidden("Revenue is for the organization's staff");
    }

    public JsonText dashboardJson(Caller caller) {
        Scope scope = scopeOf(caller);
        ZoneId zone = organizations.zoneOf(caller.organizationId());
        Instant now = Instant.now();
        YearMonth month = YearMonth.from(now.atZone(zone));
        ReadModelKey key = ReadModelKey.of("revenue-dashboard", caller.organizationId(), null,
                scope.trainerId() == null ? "org" : "trainer-" + scope.trainerId(), zone.getId());
        // Valid until the month ends (this month's and the trend's figures change then without a write).
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return readModels.readJson(key, RevenueViews.Dashboard.class,
                () -> dashboard(caller.organizationId(), scope, zone, now), d -> monthEnd);
    }

    RevenueViews.Dashboard dashboard(long org, Scope scope, ZoneId zone, Instant now) {
        String currency = accounts.currencyOf(org);
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Instant yearStart = today.withDayOfYear(1).atStartOfDay(zone).toInstant();
        YearMonth firstMonth = YearMonth.from(today).minusMonths(TREND_MONTHS - 1);

        Object[] totals = (Object[]) scope.bind(native_("select coalesce(sum(" + NET + "), 0),"
                        + " coalesce(sum(" + NET + ") filter (where paid_at >= :month), 0),"
                        + " coalesce(sum(" + NET + ") filter (where paid_at >= :year), 0), count(*)"
                        + " from payments where organization_id = :org and " + RECEIVED + scope.sql())
                .setParameter("org", org).setParameter("month", ts(monthStart)).setParameter("year", ts(yearStart)))
                .getSingleResult();
        Object[] pending = (Object[]) scope.bind(native_("select coalesce(sum(amount_minor), 0), count(*)"
                        + " from payments where organization_id = :org and status = 'pending'" + scope.sql())
                .setParameter("org", org)).getSingleResult();

        Map<String, Double> byType = new LinkedHashMap<>();
        for (String type : PaymentService.TYPES.stream().sorted().toList()) {
            byType.put(type, 0.0);
        }
        for (Object r : scope.bind(native_("select payment_type, sum(" + NET + ") from payments"
                + " where organization_id = :org and " + RECEIVED + scope.sql() + " group by payment_type")
                .setParameter("org", org)).getResultList()) {
            Object[] row = (Object[]) r;
            byType.put((String) row[0], Money.major(n(row[1]), currency));
        }

        Map<String, Long> perMonth = new HashMap<>();
        for (Object r : scope.bind(native_("select to_char(paid_at at time zone :zone, 'YYYY-MM'), sum(" + NET + ")"
                        + " from payments where organization_id = :org and " + RECEIVED + scope.sql()
                        + " and paid_at >= :from group by 1")
                .setParameter("zone", TimeZones.forSql(zone)).setParameter("org", org)
                .setParameter("from", ts(firstMonth.atDay(1).atStartOfDay(zone).toInstant()))).getResultList()) {
            Object[] row = (Object[]) r;
            perMonth.put((String) row[0], n(row[1]));
        }
        List<RevenueViews.MonthRevenue> trend = new ArrayList<>();
        for (YearMonth m = firstMonth; !m.isAfter(YearMonth.from(today)); m = m.plusMonths(1)) {
            trend.add(new RevenueViews.MonthRevenue(m.toString(), Money.major(perMonth.getOrDefault(m.toString(), 0L),
                    currency)));
        }

        long total = n(totals[0]);
        long count = n(totals[3]);
        return new RevenueViews.Dashboard(Money.major(total, currency), Money.major(n(totals[1]), currency),
                Money.major(n(totals[2]), currency), count, Money.major(n(pending[0]), currency), n(pending[1]),
                average(total, count, currency), byType, trend, currency);
    }

    /** Revenue between two dates (the organization's days, both included; default: the last 30 days). */
    public RevenueViews.Report report(Caller caller, String startDate, String endDate) {
        Scope scope = scopeOf(caller);
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        LocalDate today = LocalDate.now(zone);
        LocalDate end = Optional.ofNullable(PaymentService.date("end_date", endDate, zone)).orElse(today);
        LocalDate start = Optional.ofNullable(PaymentService.date("start_date", startDate, zone))
                .orElse(end.minusDays(29));
        if (start.isAfter(end)) {
            throw ApiException.invalidField("start_date", "must not be after end_date");
        }
        String currency = accounts.currencyOf(org);
        String range = " and paid_at >= :from and paid_at < :to";
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant to = end.plusDays(1).atStartOfDay(zone).toInstant();

        long total = 0;
        long count = 0;
        List<RevenueViews.Share> byMethod = new ArrayList<>();
        for (Object r : bound(scope, "select method, sum(" + NET + "), count(*) from payments where organization_id"
                + " = :org and " + RECEIVED + scope.sql() + range + " group by method order by 2 desc, 1", org, from, to)) {
            Object[] row = (Object[]) r;
            byMethod.add(new RevenueViews.Share((String) row[0], Money.major(n(row[1]), currency), n(row[2])));
            total += n(row[1]);
            count += n(row[2]);
        }
        List<RevenueViews.TypeShare> byType = new ArrayList<>();
        for (Object r : bound(scope, "select payment_type, sum(" + NET + "), count(*) from payments where"
                + " organization_id = :org and " + RECEIVED + scope.sql() + range + " group by payment_type"
                + " order by 2 desc, 1", org, from, to)) {
            Object[] row = (Object[]) r;
            byType.add(new RevenueViews.TypeShare((String) row[0], Money.major(n(row[1]), currency), n(row[2])));
        }
        List<Object[]> top = new ArrayList<>();
        for (Object r : bound(scope, "select client_id, sum(" + NET + ") from payments where organization_id = :org"
                + " and " + RECEIVED + scope.sql() + range + " group by client_id order by 2 desc, 1 limit "
                + TOP_CLIENTS, org, from, to)) {
            top.add((Object[]) r);
        }
        Map<Long, String> names = clients.namesOf(org, top.stream().map(row -> n(row[0])).toList());
        List<RevenueViews.TopClient> topClients = top.stream().map(row -> new RevenueViews.TopClient(n(row[0]),
                names.getOrDefault(n(row[0]), ""), Money.major(n(row[1]), currency))).toList();
        return new RevenueViews.Report(Money.major(total, currency), count, average(total, count, currency),
                byMethod, byType, topClients, new RevenueViews.DateRange(start, end), currency);
    }

    /** A client's payments in figures, with their packages; anyone who may see the client may read it. */
    public Optional<RevenueViews.ClientSummary> clientSummary(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            return Optional.empty();
        }
        long org = caller.organizationId();
        String currency = accounts.currencyOf(org);
        Object[] row = (Object[]) native_("select"
                + " coalesce(sum(amount_minor) filter (where " + RECEIVED + "), 0),"
                + " coalesce(sum(refunded_minor) filter (where " + RECEIVED + "), 0),"
                + " count(*) filter (where " + RECEIVED + "),"
                + " coalesce(sum(amount_minor) filter (where status = 'pending'), 0),"
                + " count(*) filter (where status = 'pending'),"
                + " max(paid_at) filter (where " + RECEIVED + ")"
                + " from payments where organization_id = :org and client_id = :client")
                .setParameter("org", org).setParameter("client", clientId).getSingleResult();
        List<PackageView> owned = packages.views(org, clientId);
        int remaining = owned.stream().filter(p -> "active".equals(p.status()))
                .mapToInt(PackageView::sessionsRemaining).sum();
        List<PaymentView> recent = payments.views(org, Payment.<Payment>find(
                "organizationId = ?1 and clientId = ?2 order by createdAt desc, id desc", org, clientId)
                .range(0, 9).list());
        // Read (and remembered for this request) by the visibility check above.
        String name = clients.view(org, clientId).map(ClientView::name).orElse("");
        long paid = n(row[0]);
        long refunded = n(row[1]);
        return Optional.of(new RevenueViews.ClientSummary(clientId, name, currency, Money.major(paid, currency),
                Money.major(refunded, currency), Money.major(paid - refunded, currency), n(row[2]),
                Money.major(n(row[3]), currency), n(row[4]), instant(row[5]), remaining, owned, recent));
    }

    private static List<?> bound(Scope scope, String sql, long org, Instant from, Instant to) {
        return scope.bind(native_(sql).setParameter("org", org).setParameter("from", ts(from))
                .setParameter("to", ts(to))).getResultList();
    }

    private static Query native_(String sql) {
        return Panache.getEntityManager().createNativeQuery(sql);
    }

    private static double average(long total, long count, String currency) {
        if (count == 0) {
            return 0.0;
        }
        // Rounded to the currency's minor unit.
        return Money.major(Math.round((double) total / count), currency);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}

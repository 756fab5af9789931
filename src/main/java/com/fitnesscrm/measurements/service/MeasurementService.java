package com.fitnesscrm.measurements.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.FieldError;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.measurements.api.MeasurementRequests;
import com.fitnesscrm.measurements.api.MeasurementView;
import com.fitnesscrm.measurements.domain.Measurement;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Clients' body measurements. Whoever may see a client reads and records that client's measurements: admins, the
 * client's trainers and the client. Values are stored in kg and cm and shown in the reader's unit system (their
 * {@code unit_system} setting, or {@code units} for one request).
 */
@ApplicationScoped
public class MeasurementService {

    /** The client portal asks without a limit and reduces over the answer; this bounds it. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = PageRequest.MAX_PER_PAGE;

    static final int MIN_WEIGHT_KG = 1;
    static final int MAX_WEIGHT_KG = 700;
    static final int MAX_MUSCLE_KG = 300;
    static final int MIN_CM = 1;
    static final int MAX_CM = 300;

    private final ClientService clients;
    private final OrganizationService organizations;
    private final Event<ActivityEvent> activity;

    public MeasurementService(ClientService clients, OrganizationService organizations,
                              Event<ActivityEvent> activity) {
        this.clients = clients;
        this.organizations = organizations;
        this.activity = activity;
    }

    /** Newest first, at most {@code limit} (default 100). */
    public List<MeasurementView> list(Caller caller, MeasurementRequests.Filter filter, Integer limit, String units) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        UnitSystem system = systemFor(caller, units);
        return query(caller, filter).map(q -> views(caller, q.range(0, size - 1).list(), system)).orElse(List.of());
    }

    /** The admin's paged form: {@code {measurements, data}} with the page's figures. */
    public MeasurementRequests.Page page(Caller caller, MeasurementRequests.Filter filter, PageRequest paging,
                                         String units) {
        UnitSystem system = systemFor(caller, units);
        Optional<PanacheQuery<Measurement>> query = query(caller, filter);
        long total = query.map(PanacheQuery::count).orElse(0L);
        List<MeasurementView> items = query.map(q -> views(caller,
                q.range(paging.offset(), paging.offset() + paging.perPage() - 1).list(), system)).orElse(List.of());
        return new MeasurementRequests.Page(items, items, total, paging.page(), paging.perPage(), paging.pages(total));
    }

    public Optional<MeasurementView> find(Caller caller, long id, String units) {
        UnitSystem system = systemFor(caller, units);
        return visible(caller, id).map(m -> views(caller, List.of(m), system).get(0));
    }

    /**
     * The client's newest measurement in the caller's unit system, for the client portal's figures: empty when the
     * client has none yet, a 404 ApiException when the caller may not see the client.
     */
    public Optional<MeasurementView> latest(Caller caller, long clientId) {
        return latest(caller, clientId, null);
    }

    /** As {@link #latest(Caller, long)}; a client the caller may not see is a 404, no measurement yet is empty. */
    public Optional<MeasurementView> latest(Caller caller, long clientId, String units) {
        UnitSystem system = systemFor(caller, units);
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
        return Measurement.<Measurement>find("organizationId = ?1 and clientId = ?2"
                        + " order by measurementDate desc, id desc", caller.organizationId(), clientId)
                .firstResultOptional().map(m -> views(caller, List.of(m), system).get(0));
    }

    /** The progress charts, oldest first; empty when the caller may not see the client. */
    public Optional<MeasurementRequests.Progress> progress(Caller caller, long clientId, String units) {
        UnitSystem system = systemFor(caller, units);
        if (!clients.canSee(caller, clientId)) {
            return Optional.empty();
        }
        List<Measurement> rows = Measurement.list("organizationId = ?1 and clientId = ?2"
                + " order by measurementDate, id", caller.organizationId(), clientId);
        return Optional.of(Charts.of(rows, system));
    }

    @Transactional
    public MeasurementView create(Caller caller, MeasurementRequests.Save request, String units) {
        UnitSystem system = systemFor(caller, units);
        Long clientId = request.clientId();
        if (clientId == null && caller.isClient()) {
            clientId = clients.clientIdOfUser(caller.organizationId(), caller.userId()).orElse(null);
        }
        if (clientId == null) {
            throw ApiException.invalidField("client_id", "is required");
        }
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
        Measurement m = new Measurement();
        m.organizationId = caller.organizationId();
        m.clientId = clientId;
        m.recordedBy = caller.role().value();
        m.recordedByUserId = caller.userId();
        apply(m, request, system, organizations.zoneFor(caller));
        if (m.measurementDate == null) {
            m.measurementDate = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        m.persist();
        activity.fire(event(caller, ActivityEvent.CREATE, m));
        return views(caller, List.of(m), system).get(0);
    }

    /** Fields present are changed; a unit sent converts only the fields sent with it. The client stays. */
    @Transactional
    public Optional<MeasurementView> update(Caller caller, long id, MeasurementRequests.Save request, String units) {
        UnitSystem system = systemFor(caller, units);
        Optional<Measurement> found = visible(caller, id);
        found.ifPresent(m -> {
            apply(m, request, system, organizations.zoneFor(caller));
            m.updatedAt = Instant.now();
            activity.fire(event(caller, ActivityEvent.UPDATE, m));
        });
        return found.map(m -> views(caller, List.of(m), system).get(0));
    }

    @Transactional
    public boolean delete(Caller caller, long id) {
        Optional<Measurement> found = visible(caller, id);
        found.ifPresent(m -> {
            m.delete();
            activity.fire(event(caller, ActivityEvent.DELETE, m));
        });
        return found.isPresent();
    }

    /** Whether this client has a measurement with this id in the caller's organization (a photo may name it). */
    public boolean isOfClient(Caller caller, long clientId, long measurementId) {
        return Measurement.count("id = ?1 and organizationId = ?2 and clientId = ?3", measurementId,
                caller.organizationId(), clientId) > 0;
    }

    private Optional<Measurement> visible(Caller caller, long id) {
        return Measurement.findInOrganization(caller.organizationId(), id)
                .filter(m -> clients.canSee(caller, m.clientId));
    }

    /**
     * The caller's measurements, newest first, or empty when they may see none. A client_id the caller may not
     * see is a 404, as for any other record.
     */
    private Optional<PanacheQuery<Measurement>> query(Caller caller, MeasurementRequests.Filter filter) {
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        ClientService.ClientScope scope = clients.listScope(caller, filter.clientId());
        if (scope.none()) {
            return Optional.empty();
        }
        scope.restrict(where, params, "clientId");
        ZoneId zone = organizations.zoneFor(caller);
        Instant from = FlexibleDateTime.parse("start_date", filter.startDate(), zone);
        if (from != null) {
            where.append(" and measurementDate >= :from");
            params.and("from", from);
        }
        Instant until = FlexibleDateTime.parse("end_date", filter.endDate(), zone);
        if (until != null) {
            // A date alone as the end means that whole day.
            if (filter.endDate().trim().length() == 10) {
                until = until.atZone(zone).plusDays(1).toInstant();
                where.append(" and measurementDate < :until");
            } else {
                where.append(" and measurementDate <= :until");
            }
            params.and("until", until);
        }
        return Optional.of(Measurement.find(where + " order by measurementDate desc, id desc", params));
    }


    /** The units asked for in this request, else the caller's setting. */
    private UnitSystem systemFor(Caller caller, String units) {
        UnitSystem asked = UnitSystem.parse("units", units);
        return asked != null ? asked : UnitSystem.parse("unit_system", organizations.unitSystem(caller));
    }

    /**
     * Checks every field first and reports all problems at once (400 with one detail per field), then writes;
     * numbers without a unit are in the request's unit system.
     */
    private static void apply(Measurement m, MeasurementRequests.Save r, UnitSystem system, ZoneId zone) {
        UnitSystem massUnit = Optional.ofNullable(UnitSystem.ofWeightUnit(r.weightUnit())).orElse(system);
        UnitSystem lengthUnit = Optional.ofNullable(UnitSystem.ofLengthUnit(r.measurementUnit())).orElse(system);
        Checks checks = new Checks();
        BigDecimal weight = checks.mass("weight", r.weight(), massUnit, MIN_WEIGHT_KG, MAX_WEIGHT_KG);
        BigDecimal muscle = checks.mass("muscle_mass", r.muscleMass(), massUnit, MIN_WEIGHT_KG, MAX_MUSCLE_KG);
        BigDecimal bodyFat = checks.plain("body_fat_percentage", r.bodyFatPercentage(), 1, 75, "%");
        BigDecimal bmi = checks.plain("bmi", r.bmi(), 5, 100, "");
        Map<String, BigDecimal> lengths = new java.util.LinkedHashMap<>();
        lengths.put("chest", checks.length("chest", r.chest(), lengthUnit));
        lengths.put("waist", checks.length("waist", r.waist(), lengthUnit));
        lengths.put("hips", checks.length("hips", r.hips(), lengthUnit));
        lengths.put("thigh_left", checks.length("thigh_left", r.thighLeft(), lengthUnit));
        lengths.put("thigh_right", checks.length("thigh_right", r.thighRight(), lengthUnit));
        lengths.put("arm_left", checks.length("arm_left", r.armLeft(), lengthUnit));
        lengths.put("arm_right", checks.length("arm_right", r.armRight(), lengthUnit));
        lengths.put("calf_left", checks.length("calf_left", r.calfLeft(), lengthUnit));
        lengths.put("calf_right", checks.length("calf_right", r.calfRight(), lengthUnit));
        Integer heartRate = checks.whole("resting_heart_rate", r.restingHeartRate(), 20, 250);
        Integer systolic = checks.whole("blood_pressure_systolic", r.bloodPressureSystolic(), 50, 300);
        Integer diastolic = checks.whole("blood_pressure_diastolic", r.bloodPressureDiastolic(), 20, 200);
        Integer newSystolic = systolic != null ? systolic : m.bloodPressureSystolic;
        Integer newDiastolic = diastolic != null ? diastolic : m.bloodPressureDiastolic;
        if ((systolic != null || diastolic != null) && newSystolic != null && newDiastolic != null
                && newDiastolic >= newSystolic) {
            checks.fail("blood_pressure_diastolic", "must be lower than blood_pressure_systolic");
        }
        Instant date = null;
        if (Text.blankToNull(r.measurementDate()) != null) {
            try {
                date = FlexibleDateTime.parse("measurement_date", r.measurementDate(), zone);
            } catch (ApiException e) {
                e.details().forEach(checks.problems::add);
            }
        }
        checks.throwIfAny();

        if (date != null) {
            m.measurementDate = date;
        }
        set(weight, v -> m.weightKg = v);
        set(muscle, v -> m.muscleMassKg = v);
        set(bodyFat, v -> m.bodyFatPercentage = v);
        set(bmi, v -> m.bmi = v);
        set(lengths.get("chest"), v -> m.chestCm = v);
        set(lengths.get("waist"), v -> m.waistCm = v);
        set(lengths.get("hips"), v -> m.hipsCm = v);
        set(lengths.get("thigh_left"), v -> m.thighLeftCm = v);
        set(lengths.get("thigh_right"), v -> m.thighRightCm = v);
        set(lengths.get("arm_left"), v -> m.armLeftCm = v);
        set(lengths.get("arm_right"), v -> m.armRightCm = v);
        set(lengths.get("calf_left"), v -> m.calfLeftCm = v);
        set(lengths.get("calf_right"), v -> m.calfRightCm = v);
        set(heartRate, v -> m.restingHeartRate = v);
        set(systolic, v -> m.bloodPressureSystolic = v);
        set(diastolic, v -> m.bloodPressureDiastolic = v);
        if (r.notes() != null) {
            m.notes = Text.blankToNull(r.notes());
        }
    }

    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Collects the problems of one request's numbers. */
    private static final class Checks {
        final List<FieldError> problems = new ArrayList<>();

        BigDecimal mass(String field, Double value, UnitSystem unit, int minKg, int maxKg) {
            if (!finite(field, value)) {
                return null;
            }
            BigDecimal kg = unit.toKg(value);
            if (kg.compareTo(BigDecimal.valueOf(minKg)) < 0 || kg.compareTo(BigDecimal.valueOf(maxKg)) > 0) {
                fail(field, "must be between " + unit.massBound(minKg) + " and " + unit.massBound(maxKg));
                return null;
            }
            return kg;
        }

        BigDecimal length(String field, Double value, UnitSystem unit) {
            if (!finite(field, value)) {
                return null;
            }
            BigDecimal cm = unit.toCm(value);
            if (cm.compareTo(BigDecimal.valueOf(MIN_CM)) < 0 || cm.compareTo(BigDecimal.valueOf(MAX_CM)) > 0) {
                fail(field, "must be between " + unit.lengthBound(MIN_CM) + " and " + unit.lengthBound(MAX_CM));
                return null;
            }
            return cm;
        }

        BigDecimal plain(String field, Double value, int min, int max, String unit) {
            if (!finite(field, value)) {
                return null;
            }
            BigDecimal number = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
            if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                fail(field, "must be between " + min + " and " + max + unit);
                return null;
            }
            return number;
        }

        Integer whole(String field, Double value, int min, int max) {
            if (!finite(field, value)) {
                return null;
            }
            long rounded = Math.round(value);
            if (rounded < min || rounded > max) {
                fail(field, "must be between " + min + " and " + max);
                return null;
            }
            return (int) rounded;
        }

        private boolean finite(String field, Double value) {
            if (value == null) {
                return false;
            }
            if (value.isNaN() || value.isInfinite()) {
                fail(field, "must be a number");
                return false;
            }
            return true;
        }

        void fail(String field, String message) {
            problems.add(new FieldError(field, message));
        }

        void throwIfAny() {
            ApiException.failIfAny(problems);
        }
    }

    private List<MeasurementView> views(Caller caller, List<Measurement> rows, UnitSystem system) {
        Map<Long, String> names = clients.namesOf(caller.organizationId(),
                rows.stream().map(m -> m.clientId).distinct().toList());
        return rows.stream().map(m -> view(m, names.get(m.clientId), system)).toList();
    }

    static MeasurementView view(Measurement m, String clientName, UnitSystem s) {
        return new MeasurementView(m.id, m.clientId, clientName, m.measurementDate, m.measurementDate,
                s.fromKg(m.weightKg), s.weightUnit, decimal(m.bodyFatPercentage), s.fromKg(m.muscleMassKg),
                decimal(m.bmi), s.fromCm(m.chestCm), s.fromCm(m.waistCm), s.fromCm(m.hipsCm), s.fromCm(m.thighLeftCm),
                s.fromCm(m.thighRightCm), s.fromCm(m.armLeftCm), s.fromCm(m.armRightCm), s.fromCm(m.calfLeftCm),
                s.fromCm(m.calfRightCm), s.lengthUnit, m.restingHeartRate, m.bloodPressureSystolic,
                m.bloodPressureDiastolic, m.notes, m.recordedBy, m.createdAt, m.updatedAt);
    }

    static Double decimal(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static ActivityEvent event(Caller caller, String action, Measurement m) {
        return ActivityEvent.of(caller, action, "measurement", m.id).withOwners(null, m.clientId);
    }

    /** Builds the SPA's four charts from measurements in date order. */
    static final class Charts {

        private Charts() {
        }

        static MeasurementRequests.Progress of(List<Measurement> rows, UnitSystem s) {
            List<Measurement> weighed = having(rows, m -> m.weightKg);
            MeasurementRequests.WeightChart weight = weighed.isEmpty() ? null : new MeasurementRequests.WeightChart(
                    dates(weighed), column(weighed, m -> s.fromKg(m.weightKg)), s.weightUnit);

            List<Measurement> composed = having(rows, m -> m.bodyFatPercentage, m -> m.muscleMassKg, m -> m.bmi);
            MeasurementRequests.BodyComposition composition = composed.isEmpty() ? null
                    : new MeasurementRequests.BodyComposition(dates(composed),
                    column(composed, m -> decimal(m.bodyFatPercentage)), column(composed, m -> s.fromKg(m.muscleMassKg)),
                    column(composed, m -> decimal(m.bmi)), s.weightUnit);

            List<Measurement> taped = having(rows, m -> m.chestCm, m -> m.waistCm, m -> m.hipsCm, m -> m.thighLeftCm,
                    m -> m.thighRightCm, m -> m.armLeftCm, m -> m.armRightCm, m -> m.calfLeftCm, m -> m.calfRightCm);
            MeasurementRequests.Circumferences circumferences = taped.isEmpty() ? null
                    : new MeasurementRequests.Circumferences(dates(taped), column(taped, m -> s.fromCm(m.chestCm)),
                    column(taped, m -> s.fromCm(m.waistCm)), column(taped, m -> s.fromCm(m.hipsCm)),
                    column(taped, m -> s.fromCm(m.thighLeftCm)), column(taped, m -> s.fromCm(m.thighRightCm)),
                    column(taped, m -> s.fromCm(m.armLeftCm)), column(taped, m -> s.fromCm(m.armRightCm)),
                    column(taped, m -> s.fromCm(m.calfLeftCm)), column(taped, m -> s.fromCm(m.calfRightCm)),
                    s.lengthUnit);

            List<Measurement> vital = having(rows, m -> m.restingHeartRate, m -> m.bloodPressureSystolic,
                    m -> m.bloodPressureDiastolic);
            MeasurementRequests.Vitals vitals = vital.isEmpty() ? null : new MeasurementRequests.Vitals(dates(vital),
                    column(vital, m -> m.restingHeartRate), column(vital, m -> m.bloodPressureSystolic),
                    column(vital, m -> m.bloodPressureDiastolic));
            return new MeasurementRequests.Progress(weight, composition, circumferences, vitals);
        }

        @SafeVarargs
        private static List<Measurement> having(List<Measurement> rows, Function<Measurement, Object>... values) {
            return rows.stream().filter(m -> java.util.Arrays.stream(values).anyMatch(v -> v.apply(m) != null))
                    .toList();
        }

        private static List<Instant> dates(List<Measurement> rows) {
            return rows.stream().map(m -> m.measurementDate).toList();
        }

        /** One value per row, null where the row has none (Stream.toList keeps nulls). */
        private static <T> List<T> column(List<Measurement> rows, Function<Measurement, T> value) {
            return rows.stream().map(value).toList();
        }
    }
}

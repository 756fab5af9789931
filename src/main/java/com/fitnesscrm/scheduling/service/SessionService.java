package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.fitnesscrm.common.cache.ReadModelKey;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Causes;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import com.fitnesscrm.trainers.api.TrainerDeleted;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Training sessions. Admins see and book for the whole organization; a trainer books and sees their own
 * sessions with their own clients; a client sees their own sessions and requests one with one of their
 * trainers. Overlaps of the same trainer or client are refused with 409 (by the database too, for races),
 * unless an admin or trainer explicitly overrides.
 */
@ApplicationScoped
public class SessionService {

    static final Set<String> STATUSES = Set.of("scheduled", "requested", "completed", "cancelled", "no-show");
    static final int DEFAULT_MINUTES = 60;
    static final int MAX_MINUTES = 12 * 60;
    /** PostgreSQL exclusion_violation: an overlap the exclusion constraints refused. */
    static final String OVERLAP_SQL_STATE = "23P01";
    private static final String DEADLOCK_SQL_STATE = "40P01";

    private final TrainerService trainers;
    private final ClientService clients;
    private final OrganizationService organizations;
    private final BookingRules rules;
    private final BookingNotifications notices;
    private final Event<ActivityEvent> activity;
    private final ReadModelCache readModels;
    private final SessionCharges charges;

    public SessionService(TrainerService trainers, ClientService clients, OrganizationService organizations,
                          BookingRules rules, BookingNotifications notices, Event<ActivityEvent> activity,
                          ReadModelCache readModels, SessionCharges charges) {
        this.readModels = readModels;
        this.charges = charges;
        this.trainers = trainers;
        this.clients = clients;
        this.organizations = organizations;
        this.rules = rules;
        this.notices = notices;
        this.activity = activity;
    }

    /**
     * The list form of the sessions the caller sees that match the filter, as JSON: a read model cached per caller
     * and filter (the calendar asks for the same week again and again), invalidated by every write to the
     * organization's sessions, trainers and clients (their names are in the list). The filter is checked first, so
     * bad input is refused before the cache is asked.
     */
    public JsonText list(Caller caller, SessionRequests.Filter filter) {
        ListQuery query = listQuery(caller, filter);
        // The condition and its values are the whole query: with the caller's identity they name the result.
        ReadModelKey key = ReadModelKey.of("sessions", caller.organizationId(), null, caller.role().value(),
                caller.userId(), query.where(), new TreeMap<>(query.params().map()));
        return readModels.readJson(key, SessionView.class, () -> listForm(query.where(), query.params(), null),
                (List<SessionView> sessions) -> null);
    }

    /** As {@link #list}, as values, computed now (the calendar export and the demo data). */
    public List<SessionView> sessions(Caller caller, SessionRequests.Filter filter) {
        ListQuery query = listQuery(caller, filter);
        return listForm(query.where(), query.params(), null);
    }

    private record ListQuery(StringBuilder where, Parameters params) {
    }

    private ListQuery listQuery(Caller caller, SessionRequests.Filter filter) {
        StringBuilder where = new StringBuilder();
        Parameters params = scopeOf(caller).restrict(caller.organizationId(), where);
        ZoneId zone = organizations.zoneFor(caller);
        if (filter.trainerId() != null) {
            where.append(" and s.trainerId = :trainer");
            params.and("trainer", filter.trainerId());
        }
        if (filter.clientId() != null) {
            where.append(" and s.clientId = :client");
            params.and("client", filter.clientId());
        }
        String status = Text.blankToNull(filter.status());
        if (status != null) {
            where.append(" and s.status = :status");
            params.and("status", status(status));
        }
        Instant from = FlexibleDateTime.parse("start_date", filter.startDate(), zone);
        if (from != null) {
            where.append(" and s.startsAt >= :from");
            params.and("from", from);
        }
        Instant to = FlexibleDateTime.parse("end_date", filter.endDate(), zone);
        if (to != null) {
            where.append(" and s.startsAt <= :to");
            params.and("to", to);
        }
        return new ListQuery(where, params);
    }

    /** The caller's next {@code limit} live sessions from {@code from} on, in the list form. */
    public List<SessionView> next(Caller caller, SessionScope scope, Instant from, int limit) {
        StringBuilder where = new StringBuilder();
        Parameters params = scope.restrict(caller.organizationId(), where);
        where.append(" and s.status <> 'cancelled' and s.startsAt >= :from");
        params.and("from", from);
        return listForm(where, params, limit);
    }

    /** The client's next live session among those the caller sees (a trainer: only their own with the client). */
    public Optional<SessionView> nextOfClient(Caller caller, long clientId, Instant from) {
        StringBuilder where = new StringBuilder();
        Parameters params = scopeOf(caller).restrict(caller.organizationId(), where);
        where.append(" and s.clientId = :client and s.status <> 'cancelled' and s.startsAt >= :from");
        params.and("client", clientId).and("from", from);
        return listForm(where, params, 1).stream().findFirst();
    }

    /**
     * The list form in one statement: the sessions' columns with their trainer's and client's names joined in
     * (read-only values, no managed entities, no second and third query with an IN list of every id on the
     * page). The names join the trainer and client rows of the session's organization by id, deleted or not,
     * as a session keeps showing whom it was with.
     */
    private static final String LIST_FORM = "select s.id, s.trainerId, s.clientId, s.startsAt, s.endsAt,"
            + " s.sessionType, s.location, s.notes, s.status, s.recurringSessionId, s.lateCancellation, s.declined,"
            + " s.cancelledAt, s.paidByPackageId, t.name, c.name, s.createdAt, s.updatedAt, s.deletedAt"
            + " from TrainingSession s"
            + " left join Trainer t on t.id = s.trainerId and t.organizationId = s.organizationId"
            + " left join Client c on c.id = s.clientId and c.organizationId = s.organizationId where ";

    private static List<SessionView> listForm(StringBuilder where, Parameters params, Integer limit) {
        var query = Panache.getEntityManager().createQuery(LIST_FORM + where + " order by s.startsAt, s.id",
                Object[].class);
        params.map().forEach(query::setParameter);
        if (limit != null) {
            query.setMaxResults(limit);
        }
        return query.getResultList().stream().map(SessionService::listView).toList();
    }

    private static SessionView listView(Object[] r) {
        Instant startsAt = (Instant) r[3];
        Instant endsAt = (Instant) r[4];
        return new SessionView((Long) r[0], (Long) r[1], (Long) r[2], startsAt, endsAt,
                (int) Duration.between(startsAt, endsAt).toMinutes(), (String) r[5], (String) r[6], (String) r[7],
                (String) r[8], (Long) r[9], (Boolean) r[10], (Boolean) r[11], (Instant) r[12], (Long) r[13],
                (String) r[14], (String) r[15], null, null, (Instant) r[16], (Instant) r[17], (Instant) r[18]);
    }

    /**
     * Whose sessions a caller sees: the organization's (admins), a trainer's own, a client's own. A login without
     * a trainer or client record sees none (id -1).
     */
    public record SessionScope(String column, long id) {

        static final SessionScope ORGANIZATION = new SessionScope(null, 0);

        /** The JPQL condition on TrainingSession {@code s}, started in {@code where}; its parameters returned. */
        Parameters restrict(long organizationId, StringBuilder where) {
            where.append("s.organizationId = :org and s.deletedAt is null");
            Parameters params = Parameters.with("org", organizationId);
            if (column != null) {
                where.append(" and s.").append(column).append(" = :mine");
                params.and("mine", id);
            }
            return params;
        }

        /** The same condition on the training_sessions table, for native aggregate queries. */
        String sqlCondition() {
            return column == null ? "" : " and " + ("trainerId".equals(column) ? "trainer_id" : "client_id") + " = :mine";
        }
    }

    public SessionScope scopeOf(Caller caller) {
        if (caller.isTrainer()) {
            return new SessionScope("trainerId", myTrainerId(caller).orElse(-1L));
        }
        if (caller.isClient()) {
            return new SessionScope("clientId", myClientId(caller).orElse(-1L));
        }
        return SessionScope.ORGANIZATION;
    }

    public Optional<SessionView> find(Caller caller, long id) {
        return visible(caller, id).map(this::detail);
    }

    /**
     * Books a session. A client's booking is a request (status requested) that must fit the trainer's
     * availability and is confirmed or declined by the trainer, who is told about it by email.
     */
    @Transactional
    public SessionView create(Caller caller, SessionRequests.Create request) {
        long org = caller.organizationId();
        long trainerId = request.trainerId();
        long clientId = request.clientId();
        String status = Text.blankToNull(request.status()) == null ? TrainingSession.SCHEDULED : status(request.status());
        boolean override = Boolean.TRUE.equals(request.overrideConflicts());
        if (caller.isClient()) {
            status = TrainingSession.REQUESTED;
            override = false;
        }
        // Read before the booking takes the trainer's lock, so the locked stretch stays short. For an admin the
        // views are the existence check too (one query each, not two).
        TrainerView trainer;
        ClientView client;
        if (caller.isAdmin()) {
            trainer = trainers.liveView(org, trainerId).orElseThrow(() -> ApiException.notFound("Trainer"));
            client = clients.liveView(org, clientId).orElseThrow(() -> ApiException.notFound("Client"));
        } else {
            authorizeBooking(caller, trainerId, clientId);
            trainer = trainers.view(org, trainerId).orElse(null);
            client = clients.view(org, clientId).orElse(null);
        }
        Instant start = FlexibleDateTime.parse("session_date", request.sessionDate(), organizations.zoneFor(caller));
        int minutes = minutes(request.duration());
        if (caller.isClient() && start.isBefore(Instant.now())) {
            // Trainers may log a session after the fact; a client's request is for a slot still to come.
            throw ApiException.invalidField("session_date", "must be in the future");
        }

        TrainingSession session = new TrainingSession();
        session.organizationId = org;
        session.trainerId = trainerId;
        session.clientId = clientId;
        session.startsAt = start;
        session.endsAt = start.plus(Duration.ofMinutes(minutes));
        session.sessionType = Text.blankToNull(request.sessionType());
        session.location = Text.blankToNull(request.location());
        session.notes = Text.blankToNull(request.notes());
        session.status = status;
        session.createdBy = caller.userId();
        if (TrainingSession.CANCELLED.equals(status)) {
            session.cancelledAt = Instant.now();
            session.cancelledBy = caller.userId();
        }
        charges.settle(session, null);
        checkAndSave(session, caller, override);
        if (TrainingSession.REQUESTED.equals(session.status)) {
            notices.requested(session);
        }
        record(caller, ActivityEvent.CREATE, session, Map.of("session_date", session.startsAt.toString(),
                "status", session.status));
        return detail(session, trainer, client);
    }

    /**
     * Who may book whom: an admin any trainer and client of the organization; a trainer only themself with a
     * client they train; a client only themself with one of their trainers.
     */
    void authorizeBooking(Caller caller, long trainerId, long clientId) {
        long org = caller.organizationId();
        if (caller.isClient()) {
            long me = myClientId(caller).orElseThrow(() -> ApiException.forbidden("Your login has no client record"));
            if (clientId != me) {
                throw ApiException.forbidden("Clients can book sessions only for themselves");
            }
            if (!trainers.exists(org, trainerId) || !clients.isAssigned(trainerId, me)) {
                throw ApiException.notFound("Trainer");
            }
        } else if (caller.isTrainer()) {
            long me = myTrainerId(caller).orElseThrow(() -> ApiException.forbidden("Your login has no trainer profile"));
            if (trainerId != me) {
                throw ApiException.forbidden("Trainers book sessions only for themselves");
            }
            if (!clients.isAssigned(me, clientId)) {
                throw ApiException.notFound("Client");
            }
        } else {
            if (!trainers.exists(org, trainerId)) {
                throw ApiException.notFound("Trainer");
            }
            if (!clients.exists(org, clientId)) {
                throw ApiException.notFound("Client");
            }
        }
    }

    /**
     * Admins edit any session; a trainer edits their own; a client may only cancel their own (late when inside
     * the cancellation window). Moving a session, or reviving a cancelled one, re-checks the booking rules.
     */
    @Transactional
    public Optional<SessionView> update(Caller caller, long id, SessionRequests.Update request) {
        Optional<TrainingSession> found = visible(caller, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TrainingSession session = found.get();
        String previousStatus = session.status;
        Long previousClient = session.clientId;
        String newStatus = Text.blankToNull(request.status()) == null ? null : status(request.status());
        if (caller.isClient()) {
            authorizeClientChange(caller, session, request, newStatus);
        }
        List<String> changed = new ArrayList<>();
        boolean recheck = applyChanges(caller, session, request, changed);
        if (newStatus != null && !newStatus.equals(previousStatus)) {
            changeStatus(caller, session, newStatus);
            changed.add("status");
            // Reviving a cancelled session or confirming a request books the slot anew.
            recheck |= TrainingSession.CANCELLED.equals(previousStatus)
                    || TrainingSession.REQUESTED.equals(previousStatus) && !TrainingSession.CANCELLED.equals(newStatus);
        }
        if (request.lateCancellation() != null) {
            if (!TrainingSession.CANCELLED.equals(session.status)) {
                throw ApiException.invalidField("late_cancellation", "only a cancelled session can be a late cancellation");
            }
            session.lateCancellation = request.lateCancellation();
            changed.add("late_cancellation");
        }
        session.updatedAt = Instant.now();
        // Only a change to what decides the charge settles it: a policy applies from when it is set, so editing
        // an old session's notes never charges (or refunds) it under today's policy.
        if (changed.contains("status") || changed.contains("late_cancellation") || changed.contains("client_id")) {
            charges.settle(session, previousClient);
        }
        boolean override = Boolean.TRUE.equals(request.overrideConflicts()) && !caller.isClient();
        if (recheck) {
            checkAndSave(session, caller, override);
        } else {
            persist(session);
        }
        announceStatusChange(caller, session, previousStatus);
        record(caller, ActivityEvent.UPDATE, session, Map.of("fields", changed));
        return Optional.of(detail(session));
    }

    /**
     * A client may cancel their own session while it is still ahead and booked or requested — nothing else: the
     * trainer's notes, a recorded outcome (completed, no-show) and the time are not theirs to change.
     */
    private void authorizeClientChange(Caller caller, TrainingSession session, SessionRequests.Update request,
                                       String newStatus) {
        // A form may echo the session back with the status changed: echoed values are no change.
        boolean sameTime = Text.blankToNull(request.sessionDate()) == null || session.startsAt.equals(
                FlexibleDateTime.parse("session_date", request.sessionDate(), organizations.zoneFor(caller)));
        boolean onlyCancels = TrainingSession.CANCELLED.equals(newStatus) && sameTime
                && (request.duration() == null || request.duration() == durationOf(session))
                && (request.trainerId() == null || request.trainerId().equals(session.trainerId))
                && (request.clientId() == null || request.clientId().equals(session.clientId))
                && request.lateCancellation() == null && !Boolean.TRUE.equals(request.overrideConflicts())
                && echoes(request.notes(), session.notes) && echoes(request.location(), session.location)
                && echoes(request.sessionType(), session.sessionType);
        if (!onlyCancels) {
            throw ApiException.forbidden("Clients can only cancel their sessions; ask your trainer to change one");
        }
        boolean open = TrainingSession.SCHEDULED.equals(session.status) || TrainingSession.REQUESTED.equals(session.status)
                || TrainingSession.CANCELLED.equals(session.status);
        if (!open || session.endsAt.isBefore(Instant.now())) {
            throw ApiException.conflict("session_closed", "This session is " + session.status
                    + (open ? " and already over" : "") + "; it can no longer be cancelled");
        }
    }

    private static boolean echoes(String sent, String stored) {
        return sent == null || java.util.Objects.equals(Text.blankToNull(sent), stored);
    }

    /** The request's trainer, client, time and text fields; true when the slot moved (rules must be re-checked). */
    private boolean applyChanges(Caller caller, TrainingSession session, SessionRequests.Update request,
                                 List<String> changed) {
        long org = caller.organizationId();
        boolean moved = false;
        if (request.trainerId() != null && !request.trainerId().equals(session.trainerId)) {
            if (!caller.isAdmin()) {
                throw ApiException.forbidden("Only an admin can hand a session to another trainer");
            }
            if (!trainers.exists(org, request.trainerId())) {
                throw ApiException.notFound("Trainer");
            }
            session.trainerId = request.trainerId();
            changed.add("trainer_id");
            moved = true;
        }
        if (request.clientId() != null && !request.clientId().equals(session.clientId)) {
            boolean allowed = caller.isAdmin() ? clients.exists(org, request.clientId())
                    : caller.isTrainer() && clients.isAssigned(session.trainerId, request.clientId());
            if (!allowed) {
                throw ApiException.notFound("Client");
            }
            session.clientId = request.clientId();
            changed.add("client_id");
            moved = true;
        }
        int minutes = request.duration() != null ? minutes(request.duration()) : durationOf(session);
        if (Text.blankToNull(request.sessionDate()) != null) {
            Instant start = FlexibleDateTime.parse("session_date", request.sessionDate(), organizations.zoneFor(caller));
            if (!start.equals(session.startsAt)) {
                session.startsAt = start;
                changed.add("session_date");
                moved = true;
            }
        }
        Instant end = session.startsAt.plus(Duration.ofMinutes(minutes));
        if (!end.equals(session.endsAt)) {
            session.endsAt = end;
            changed.add("duration");
            moved = true;
        }
        applyDetails(session, request, changed);
        return moved || Boolean.TRUE.equals(request.overrideConflicts()) && !caller.isClient();
    }

    /** The descriptive fields (type, location, notes) present in the request; "" clears one. */
    static void applyDetails(TrainingSession session, SessionRequests.Update request, List<String> changed) {
        if (request.sessionType() != null) {
            session.sessionType = Text.blankToNull(request.sessionType());
            changed.add("session_type");
        }
        if (request.location() != null) {
            session.location = Text.blankToNull(request.location());
            changed.add("location");
        }
        if (request.notes() != null) {
            session.notes = Text.blankToNull(request.notes());
            changed.add("notes");
        }
    }

    /**
     * A status change and what it means: a cancellation records when and by whom, and a client's inside the
     * cancellation window is late; a trainer cancelling a request declines it.
     */
    void changeStatus(Caller caller, TrainingSession session, String newStatus) {
        String previous = session.status;
        session.status = newStatus;
        if (TrainingSession.CANCELLED.equals(newStatus)) {
            Instant now = Instant.now();
            session.cancelledAt = now;
            session.cancelledBy = caller.userId();
            session.declined = TrainingSession.REQUESTED.equals(previous) && !caller.isClient();
            // Withdrawing a request that was never confirmed costs the trainer nothing: never late.
            if (caller.isClient() && TrainingSession.SCHEDULED.equals(previous)) {
                int windowHours = rules.policyOf(session.organizationId).cancellationWindowHours;
                session.lateCancellation = now.isAfter(session.startsAt.minus(Duration.ofHours(windowHours)));
            }
        } else if (TrainingSession.CANCELLED.equals(previous)) {
            session.cancelledAt = null;
            session.cancelledBy = null;
            session.lateCancellation = false;
            session.declined = false;
        }
    }

    /** Tells the other side of the booking about a confirmation, a decline or a client's cancellation. */
    void announceStatusChange(Caller caller, TrainingSession session, String previousStatus) {
        if (session.status.equals(previousStatus)) {
            return;
        }
        if (TrainingSession.REQUESTED.equals(previousStatus) && TrainingSession.SCHEDULED.equals(session.status)) {
            notices.confirmed(session);
        } else if (session.declined && TrainingSession.CANCELLED.equals(session.status)) {
            notices.declined(session, null);
        } else if (caller.isClient() && TrainingSession.CANCELLED.equals(session.status)) {
            notices.cancelledByClient(session);
        }
    }

    /** The trainer (or an admin) accepts a client's request; the slot is re-checked against the rules. */
    @Transactional
    public Optional<SessionView> confirm(Caller caller, long id) {
        return answerRequest(caller, id, TrainingSession.SCHEDULED, null);
    }

    /** The trainer (or an admin) turns a client's request down, optionally saying why. */
    @Transactional
    public Optional<SessionView> decline(Caller caller, long id, String reason) {
        return answerRequest(caller, id, TrainingSession.CANCELLED, reason);
    }

    private Optional<SessionView> answerRequest(Caller caller, long id, String newStatus, String reason) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Only the trainer or an admin answers a session request");
        }
        Optional<TrainingSession> found = visible(caller, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TrainingSession session = found.get();
        if (!TrainingSession.REQUESTED.equals(session.status)) {
            throw ApiException.conflict("not_requested", "This session is " + session.status
                    + ", not a pending request");
        }
        changeStatus(caller, session, newStatus);
        session.updatedAt = Instant.now();
        if (TrainingSession.SCHEDULED.equals(newStatus)) {
            checkAndSave(session, caller, false);
            notices.confirmed(session);
        } else {
            persist(session);
            notices.declined(session, reason);
        }
        record(caller, ActivityEvent.UPDATE, session, Map.of("fields", List.of("status"), "status", session.status));
        return Optional.of(detail(session));
    }

    @Transactional
    public boolean delete(Caller caller, long id) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cancel sessions instead of deleting them");
        }
        Optional<TrainingSession> found = visible(caller, id);
        found.ifPresent(session -> {
            session.deletedAt = Instant.now();
            session.updatedAt = session.deletedAt;
            charges.settle(session, session.clientId);
            record(caller, ActivityEvent.DELETE, session, Map.of("session_date", session.startsAt.toString()));
        });
        return found.isPresent();
    }

    /** A deleted trainer's upcoming sessions are cancelled; past ones stay as history. */
    void onTrainerDeleted(@Observes TrainerDeleted event) {
        TrainingSession.update("status = 'cancelled', updatedAt = ?1 where organizationId = ?2 and trainerId = ?3"
                        + " and startsAt > ?1 and deletedAt is null and status in ('scheduled', 'requested')",
                Instant.now(), event.organizationId(), event.trainerId());
    }

    /**
     * Checks the slot against the booking rules (other sessions, buffer, working hours, time off) under the
     * trainer's lock, then saves. An override (admins and trainers) books anyway; only a real overlap then
     * marks the session as allowed to overlap, so the database keeps guarding everything else.
     */
    void checkAndSave(TrainingSession session, Caller caller, boolean override) {
        if (!TrainingSession.CANCELLED.equals(session.status)) {
            BookingRules.Check check = rules.check(session.organizationId, session.trainerId, session.clientId,
                    session.startsAt, session.endsAt, organizations.zoneOf(session.organizationId),
                    session.id == null ? List.of() : List.of(session.id));
            if (!check.bookable() && !override) {
                throw conflict(check, organizations.zoneFor(caller), caller);
            }
            session.allowOverlap = override && !check.overlaps().isEmpty();
        }
        persist(session);
    }

    /** Flushes, turning a race the exclusion constraints caught into the same 409 as the checks give. */
    private static void persist(TrainingSession session) {
        try {
            session.persistAndFlush();
        } catch (PersistenceException e) {
            // 40P01: concurrent bookings each waiting on another's exclusion check (three or more in a ring);
            // PostgreSQL aborts one of them, which lost the race just as an overlap would have.
            if (Causes.hasSqlState(e, OVERLAP_SQL_STATE) || Causes.hasSqlState(e, DEADLOCK_SQL_STATE)) {
                throw ApiException.conflict("session_conflict",
                        "This time was just booked by someone else for the same trainer or client");
            }
            throw e;
        }
    }

    ApiException conflict(BookingRules.Check check, ZoneId zone, Caller caller) {
        SessionView first = check.overlaps().isEmpty() ? null : conflictView(check.overlaps().get(0), caller);
        return new ApiException(409, check.code(), check.message(), check.details(zone), first, null);
    }

    void record(Caller caller, String action, TrainingSession session, Map<String, Object> details) {
        activity.fire(ActivityEvent.of(caller, action, "session", session.id)
                .withOwners(session.trainerId, session.clientId)
                .withDetails(details));
    }

    /**
     * What a 409 may show of the session in the way. It can be someone else's appointment (the trainer's
     * session with another client), so only an admin sees more than when it is and whether it is live.
     */
    private static SessionView conflictView(TrainingSession s, Caller caller) {
        if (caller.isAdmin()) {
            return view(s, null, null);
        }
        return new SessionView(s.id, s.trainerId, s.clientId, s.startsAt, s.endsAt, durationOf(s), null, null, null,
                s.status, null, false, false, null, null, null, null, null, null, null, null, null);
    }

    Optional<TrainingSession> visible(Caller caller, long id) {
        Optional<TrainingSession> session = TrainingSession.findLive(caller.organizationId(), id);
        if (session.isEmpty() || caller.isAdmin()) {
            return session;
        }
        if (caller.isTrainer()) {
            long me = myTrainerId(caller).orElse(-1L);
            return session.filter(s -> s.trainerId == me);
        }
        long me = myClientId(caller).orElse(-1L);
        return session.filter(s -> s.clientId == me);
    }

    long myTrainerIdOrNone(Caller caller) {
        return myTrainerId(caller).orElse(-1L);
    }

    private Optional<Long> myTrainerId(Caller caller) {
        return trainers.trainerIdOfUser(caller.organizationId(), caller.userId());
    }

    private Optional<Long> myClientId(Caller caller) {
        return clients.clientIdOfUser(caller.organizationId(), caller.userId());
    }

    static int minutes(Integer duration) {
        int minutes = duration == null ? DEFAULT_MINUTES : duration;
        if (minutes < 1) {
            throw ApiException.invalidField("duration", "must be at least 1 minute (the end must be after the start)");
        }
        if (minutes > MAX_MINUTES) {
            throw ApiException.invalidField("duration", "must be at most 12 hours (" + MAX_MINUTES + " minutes)");
        }
        return minutes;
    }

    /** The SPA writes "no-show"; the API's first draft said "no_show": both are read. */
    static String status(String value) {
        String status = value.trim().toLowerCase().replace('_', '-');
        if (!STATUSES.contains(status)) {
            throw ApiException.invalidField("status", "must be one of scheduled, requested, completed, cancelled, no-show");
        }
        return status;
    }

    SessionView detail(TrainingSession s) {
        return detail(s, trainers.view(s.organizationId, s.trainerId).orElse(null),
                clients.view(s.organizationId, s.clientId).orElse(null));
    }

    private static SessionView detail(TrainingSession s, TrainerView trainer, ClientView client) {
        return new SessionView(s.id, s.trainerId, s.clientId, s.startsAt, s.endsAt, durationOf(s), s.sessionType,
                s.location, s.notes, s.status, s.recurringSessionId, s.lateCancellation, s.declined, s.cancelledAt,
                s.paidByPackageId, trainer == null ? null : trainer.name(),
                client == null ? null : client.name(), trainer, client, s.createdAt, s.updatedAt, s.deletedAt);
    }

    private static SessionView view(TrainingSession s, String trainerName, String clientName) {
        return new SessionView(s.id, s.trainerId, s.clientId, s.startsAt, s.endsAt, durationOf(s), s.sessionType,
                s.location, s.notes, s.status, s.recurringSessionId, s.lateCancellation, s.declined, s.cancelledAt,
                s.paidByPackageId, trainerName, clientName, null, null,
                s.createdAt, s.updatedAt, s.deletedAt);
    }

    static int durationOf(TrainingSession s) {
        return (int) Duration.between(s.startsAt, s.endsAt).toMinutes();
    }
}

package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.error.Causes;
import com.fitnesscrm.common.error.FieldError;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import com.fitnesscrm.trainers.api.TrainerDeleted;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TrainerService trainers;
    private final ClientService clients;
    private final OrganizationService organizations;

    public SessionService(TrainerService trainers, ClientService clients, OrganizationService organizations) {
        this.trainers = trainers;
        this.clients = clients;
        this.organizations = organizations;
    }

    public List<SessionView> list(Caller caller, SessionRequests.Filter filter) {
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        StringBuilder where = new StringBuilder("organizationId = :org and deletedAt is null");
        Parameters params = Parameters.with("org", org);
        if (caller.isTrainer()) {
            where.append(" and trainerId = :mine");
            params.and("mine", myTrainerId(caller).orElse(-1L));
        } else if (caller.isClient()) {
            where.append(" and clientId = :mine");
            params.and("mine", myClientId(caller).orElse(-1L));
        }
        if (filter.trainerId() != null) {
            where.append(" and trainerId = :trainer");
            params.and("trainer", filter.trainerId());
        }
        if (filter.clientId() != null) {
            where.append(" and clientId = :client");
            params.and("client", filter.clientId());
        }
        String status = Text.blankToNull(filter.status());
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status(status));
        }
        Instant from = FlexibleDateTime.parse("start_date", filter.startDate(), zone);
        if (from != null) {
            where.append(" and startsAt >= :from");
            params.and("from", from);
        }
        Instant to = FlexibleDateTime.parse("end_date", filter.endDate(), zone);
        if (to != null) {
            where.append(" and startsAt <= :to");
            params.and("to", to);
        }
        List<TrainingSession> sessions = TrainingSession.list(where + " order by startsAt, id", params);
        Map<Long, String> trainerNames = trainers.namesOf(org,
                sessions.stream().map(s -> s.trainerId).collect(Collectors.toSet()));
        Map<Long, String> clientNames = clients.namesOf(org,
                sessions.stream().map(s -> s.clientId).collect(Collectors.toSet()));
        return sessions.stream()
                .map(s -> view(s, trainerNames.get(s.trainerId), clientNames.get(s.clientId)))
                .toList();
    }

    public Optional<SessionView> find(Caller caller, long id) {
        return visible(caller, id).map(this::detail);
    }

    @Transactional
    public SessionView create(Caller caller, SessionRequests.Create request) {
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        long trainerId = request.trainerId();
        long clientId = request.clientId();
        String status = request.status() == null || request.status().isBlank() ? "scheduled" : status(request.status());
        boolean override = Boolean.TRUE.equals(request.overrideConflicts());
        if (caller.isClient()) {
            status = "requested";
            override = false;
        }
        authorizeBooking(caller, trainerId, clientId);
        Instant start = FlexibleDateTime.parse("session_date", request.sessionDate(), zone);
        int minutes = minutes(request.duration());

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
        session.allowOverlap = override;
        session.createdBy = caller.userId();
        save(session, zone, caller);
        return detail(session);
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
     * Admins edit any session; a trainer edits their own; a client may only cancel their own. Moving a session
     * re-checks overlaps.
     */
    @Transactional
    public Optional<SessionView> update(Caller caller, long id, SessionRequests.Update request) {
        Optional<TrainingSession> found = visible(caller, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TrainingSession session = found.get();
        long org = caller.organizationId();
        ZoneId zone = organizations.zoneOf(org);
        if (caller.isClient()) {
            boolean onlyCancels = "cancelled".equals(request.status() == null ? null : status(request.status()))
                    && request.sessionDate() == null && request.duration() == null && request.trainerId() == null
                    && request.clientId() == null;
            if (!onlyCancels) {
                throw ApiException.forbidden("Clients can only cancel their sessions; ask your trainer to move one");
            }
        }
        if (request.trainerId() != null && !request.trainerId().equals(session.trainerId)) {
            if (!caller.isAdmin()) {
                throw ApiException.forbidden("Only an admin can hand a session to another trainer");
            }
            if (!trainers.exists(org, request.trainerId())) {
                throw ApiException.notFound("Trainer");
            }
            session.trainerId = request.trainerId();
        }
        if (request.clientId() != null && !request.clientId().equals(session.clientId)) {
            boolean allowed = caller.isAdmin() ? clients.exists(org, request.clientId())
                    : caller.isTrainer() && clients.isAssigned(session.trainerId, request.clientId());
            if (!allowed) {
                throw ApiException.notFound("Client");
            }
            session.clientId = request.clientId();
        }
        int minutes = request.duration() != null ? minutes(request.duration())
                : (int) Duration.between(session.startsAt, session.endsAt).toMinutes();
        if (request.sessionDate() != null) {
            session.startsAt = FlexibleDateTime.parse("session_date", request.sessionDate(), zone);
        }
        session.endsAt = session.startsAt.plus(Duration.ofMinutes(minutes));
        if (request.sessionType() != null) {
            session.sessionType = Text.blankToNull(request.sessionType());
        }
        if (request.location() != null) {
            session.location = Text.blankToNull(request.location());
        }
        if (request.notes() != null) {
            session.notes = Text.blankToNull(request.notes());
        }
        if (Text.blankToNull(request.status()) != null) {
            session.status = status(request.status());
        }
        if (request.overrideConflicts() != null && !caller.isClient()) {
            session.allowOverlap = request.overrideConflicts();
        }
        session.updatedAt = Instant.now();
        save(session, zone, caller);
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
        });
        return found.isPresent();
    }

    /** A deleted trainer's upcoming sessions are cancelled; past ones stay as history. */
    void onTrainerDeleted(@Observes TrainerDeleted event) {
        TrainingSession.update("status = 'cancelled', updatedAt = ?1 where organizationId = ?2 and trainerId = ?3"
                        + " and startsAt > ?1 and deletedAt is null and status in ('scheduled', 'requested')",
                Instant.now(), event.organizationId(), event.trainerId());
    }

    /** Refuses overlaps with a clear 409 first; the exclusion constraints catch what a race slips past. */
    private void save(TrainingSession session, ZoneId zone, Caller caller) {
        if (!session.allowOverlap && !TrainingSession.CANCELLED.equals(session.status)) {
            List<TrainingSession> conflicts = TrainingSession.overlapping(session.organizationId, session.trainerId,
                    session.clientId, session.startsAt, session.endsAt, session.id);
            if (!conflicts.isEmpty()) {
                throw conflict(conflicts, zone, caller);
            }
        }
        try {
            session.persistAndFlush();
        } catch (PersistenceException e) {
            if (Causes.hasSqlState(e, OVERLAP_SQL_STATE)) {
                throw ApiException.conflict("session_conflict",
                        "This time was just booked by someone else for the same trainer or client");
            }
            throw e;
        }
    }

    private ApiException conflict(List<TrainingSession> conflicts, ZoneId zone, Caller caller) {
        List<FieldError> details = conflicts.stream()
                .map(c -> new FieldError("session_date", "overlaps session " + c.id + " ("
                        + WHEN.format(c.startsAt.atZone(zone)) + "–" + WHEN.format(c.endsAt.atZone(zone)).substring(11)
                        + ", " + c.status + ")"))
                .toList();
        return new ApiException(409, "session_conflict",
                "This time overlaps another session of the same trainer or client", details,
                conflictView(conflicts.get(0), caller), null);
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
                s.status, null, null, null, null, null, null, null, null);
    }

    private Optional<TrainingSession> visible(Caller caller, long id) {
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

    private SessionView detail(TrainingSession s) {
        var trainer = trainers.view(s.organizationId, s.trainerId).orElse(null);
        var client = clients.view(s.organizationId, s.clientId).orElse(null);
        return new SessionView(s.id, s.trainerId, s.clientId, s.startsAt, s.endsAt, durationOf(s), s.sessionType,
                s.location, s.notes, s.status, s.recurringSessionId, trainer == null ? null : trainer.name(),
                client == null ? null : client.name(), trainer, client, s.createdAt, s.updatedAt, s.deletedAt);
    }

    private static SessionView view(TrainingSession s, String trainerName, String clientName) {
        return new SessionView(s.id, s.trainerId, s.clientId, s.startsAt, s.endsAt, durationOf(s), s.sessionType,
                s.location, s.notes, s.status, s.recurringSessionId, trainerName, clientName, null, null,
                s.createdAt, s.updatedAt, s.deletedAt);
    }

    private static int durationOf(TrainingSession s) {
        return (int) Duration.between(s.startsAt, s.endsAt).toMinutes();
    }
}

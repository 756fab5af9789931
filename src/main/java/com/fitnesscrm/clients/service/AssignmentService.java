package com.fitnesscrm.clients.service;

import com.fitnesscrm.clients.api.AssignmentView;
import com.fitnesscrm.clients.api.ClientRequests;
import com.fitnesscrm.clients.api.CrmFigures;
import com.fitnesscrm.clients.domain.Assignment;
import com.fitnesscrm.clients.domain.Client;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.trainers.api.TrainerDeleted;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Trainer–client assignments and the CRM counters. */
@ApplicationScoped
public class AssignmentService {

    private final ClientService clients;
    private final TrainerService trainers;
    private final EntityManager em;
    private final Event<ActivityEvent> activity;

    public AssignmentService(ClientService clients, TrainerService trainers, EntityManager em,
                             Event<ActivityEvent> activity) {
        this.clients = clients;
        this.trainers = trainers;
        this.em = em;
        this.activity = activity;
    }

    /**
     * Admins link any trainer and client of the organization. A trainer may share one of their own clients with
     * a colleague (or themself), but cannot claim a client they do not already train.
     */
    @Transactional
    public AssignmentView assign(Caller caller, ClientRequests.Assign request) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot assign trainers");
        }
        long org = caller.organizationId();
        if (!trainers.exists(org, request.trainerId())) {
            throw ApiException.notFound("Trainer");
        }
        Client client = clients.visible(caller, request.clientId())
                .orElseThrow(() -> ApiException.notFound("Client"));
        if (Assignment.linked(request.trainerId(), client.id)) {
            throw ApiException.conflict("already_assigned", "This client is already assigned to this trainer");
        }
        Assignment assignment = clients.link(org, request.trainerId(), client.id, request.notes());
        activity.fire(event(caller, ActivityEvent.CREATE, assignment, client));
        return view(assignment);
    }

    /** Admins see every assignment; a trainer sees their own; a client sees their trainers. */
    public List<AssignmentView> list(Caller caller) {
        long org = caller.organizationId();
        Sort order = Sort.by("createdAt").and("id");
        List<Assignment> rows;
        if (caller.isAdmin()) {
            rows = Assignment.list("organizationId = ?1 and deletedAt is null", order, org);
        } else if (caller.isTrainer()) {
            long trainerId = clients.callerTrainerId(caller).orElse(-1L);
            rows = Assignment.list("organizationId = ?1 and trainerId = ?2 and deletedAt is null", order, org,
                    trainerId);
        } else {
            long clientId = Client.findByUser(org, caller.userId()).map(c -> c.id).orElse(-1L);
            rows = Assignment.list("organizationId = ?1 and clientId = ?2 and deletedAt is null", order, org,
                    clientId);
        }
        return rows.stream().map(AssignmentService::view).toList();
    }

    @Transactional
    public boolean unassign(Caller caller, long id) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot change assignments");
        }
        Optional<Assignment> found = Assignment.<Assignment>find("id = ?1 and organizationId = ?2 and deletedAt is null",
                id, caller.organizationId()).firstResultOptional();
        if (found.isPresent() && !caller.isAdmin()) {
            long trainerId = clients.callerTrainerId(caller).orElse(-1L);
            found = found.filter(a -> a.trainerId == trainerId);
        }
        found.ifPresent(a -> {
            clients.changed();
            a.deletedAt = Instant.now();
            a.status = "ended";
            Client client = Client.<Client>findByIdOptional(a.clientId).orElse(null);
            activity.fire(event(caller, ActivityEvent.DELETE, a, client));
        });
        return found.isPresent();
    }

    /**
     * The counters at the top of each portal: the organization's for an admin; a trainer's own clients; a
     * client's own trainers.
     */
    public CrmFigures.Dashboard dashboard(Caller caller) {
        long org = caller.organizationId();
        if (caller.isTrainer()) {
            long me = trainers.trainerIdOfUser(org, caller.userId()).orElse(-1L);
            long mine = Assignment.count("organizationId = ?1 and trainerId = ?2 and deletedAt is null", org, me);
            return new CrmFigures.Dashboard(trainers.count(org), mine, mine);
        }
        if (caller.isClient()) {
            long me = clients.clientIdOfUser(org, caller.userId()).orElse(-1L);
            long mine = Assignment.count("organizationId = ?1 and clientId = ?2 and deletedAt is null", org, me);
            return new CrmFigures.Dashboard(mine, me < 0 ? 0 : 1, mine);
        }
        return new CrmFigures.Dashboard(trainers.count(org), clients.count(org),
                Assignment.count("organizationId = ?1 and deletedAt is null", org));
    }

    /** One aggregate query for the assignment figures. */
    public CrmFigures.Stats stats(Caller caller) {
        requireStaff(caller);
        long org = caller.organizationId();
        Object[] row = (Object[]) em.createQuery("select count(distinct a.trainerId), count(distinct a.clientId)"
                        + " from Assignment a where a.organizationId = :org and a.deletedAt is null")
                .setParameter("org", org)
                .getSingleResult();
        return new CrmFigures.Stats(trainers.count(org), clients.count(org), ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue());
    }

    void onTrainerDeleted(@Observes TrainerDeleted event) {
        clients.changed();
        Assignment.endAllOfTrainer(event.organizationId(), event.trainerId());
    }

    private static void requireStaff(Caller caller) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot see organization figures");
        }
    }

    /**
     * Named after the client (the feed's name/email columns) with the trainer in the details; both own the row,
     * so the trainer and the client each see the link being made and ended.
     */
    private ActivityEvent event(Caller caller, String action, Assignment a, Client client) {
        Map<String, Object> details = new HashMap<>();
        details.put("trainer_id", a.trainerId);
        details.put("trainer_name", trainers.namesOf(a.organizationId, List.of(a.trainerId)).get(a.trainerId));
        details.put("client_id", a.clientId);
        return ActivityEvent.of(caller, action, "assignment", a.id)
                .withSubject(client == null ? null : client.name, client == null ? null : client.email)
                .withOwners(a.trainerId, a.clientId)
                .withDetails(details);
    }

    static AssignmentView view(Assignment a) {
        return new AssignmentView(a.id, a.trainerId, a.clientId, a.notes, a.status, a.createdAt, a.updatedAt,
                a.deletedAt);
    }
}

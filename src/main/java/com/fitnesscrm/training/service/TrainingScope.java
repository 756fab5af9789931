package com.fitnesscrm.training.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Who may touch whose training data, decided once for templates, programs, assignments, logs and figures: admins
 * the whole organization, a trainer the clients they train, a client themself. A client the caller may not see is
 * "not found", exactly like another organization's.
 */
@ApplicationScoped
public class TrainingScope {

    private final ClientService clients;
    private final TrainerService trainers;
    private final OrganizationService organizations;

    public TrainingScope(ClientService clients, TrainerService trainers, OrganizationService organizations) {
        this.clients = clients;
        this.trainers = trainers;
        this.organizations = organizations;
    }

    boolean canSee(Caller caller, long clientId) {
        return clients.canSee(caller, clientId);
    }

    /** 404 unless the caller may see the client (admin, one of its trainers, the client themself). */
    void requireVisibleClient(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
    }

    /** The client's trainers and admins only; a client reaching their own record gets 403, anyone else 404. */
    void requireStaffFor(Caller caller, long clientId, String what) {
        requireVisibleClient(caller, clientId);
        if (caller.isClient()) {
            throw ApiException.forbidden("Only the client's trainers and admins can " + what);
        }
    }

    static void requireStaff(Caller caller, String what) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Only trainers and admins can " + what);
        }
    }

    /** The caller's own client record, or -1 (matches nothing) when the caller is not a client. */
    long ownClientId(Caller caller) {
        return caller.isClient() ? clients.clientIdOfUser(caller.organizationId(), caller.userId()).orElse(-1L) : -1L;
    }

    /** The login of a trainer profile (the trainer portal filters templates by its trainer id). */
    Optional<Long> userOfTrainer(long organizationId, long trainerId) {
        return trainers.view(organizationId, trainerId).map(TrainerView::userId);
    }

    /**
     * The zone the client lives in: their own login's zone when set, else the organization's. Days of streaks and
     * weeks of completion are calendar days there, never the server's.
     */
    ZoneId clientZone(long organizationId, long clientId) {
        return clients.view(organizationId, clientId).map(ClientView::userId)
                .flatMap(userId -> organizations.zoneOfMember(organizationId, userId))
                .orElseGet(() -> organizations.zoneOf(organizationId));
    }

    /**
     * JPQL condition on a template or program alias: what the caller may read. Staff see public ones and their own,
     * admins everything; a client only what is assigned to them ({@code assigned}, a condition on :client).
     */
    Condition readable(Caller caller, String alias, String assigned) {
        String base = alias + ".organizationId = :org and " + alias + ".deletedAt is null";
        Parameters params = Parameters.with("org", caller.organizationId());
        if (caller.isAdmin()) {
            return new Condition(base, params);
        }
        if (caller.isTrainer()) {
            return new Condition(base + " and (" + alias + ".isPublic = true or " + alias + ".createdBy = :me)",
                    params.and("me", caller.userId()));
        }
        return new Condition(base + " and " + assigned, params.and("client", ownClientId(caller)));
    }

    /** A JPQL condition with its named parameters. */
    record Condition(String where, Parameters params) {
    }
}

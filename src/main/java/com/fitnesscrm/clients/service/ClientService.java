package com.fitnesscrm.clients.service;

import com.fitnesscrm.auth.api.MemberJoined;
import com.fitnesscrm.auth.service.AccountService;
import com.fitnesscrm.clients.api.ClientPage;
import com.fitnesscrm.clients.api.ClientRequests;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.domain.Assignment;
import com.fitnesscrm.clients.domain.Client;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.fitnesscrm.common.cache.ReadModelKey;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.persistence.RequestMemo;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Client records. Admins see the whole organization; a trainer sees only the clients assigned to them; a client
 * sees only themself. A record the caller may not see is reported as not found, exactly like another tenant's.
 */
@ApplicationScoped
public class ClientService {

    private final AccountService accounts;
    private final TrainerService trainers;
    private final Event<ActivityEvent> activity;
    private final RequestMemo memo;
    private final ReadModelCache readModels;

    public ClientService(AccountService accounts, TrainerService trainers, Event<ActivityEvent> activity,
                         RequestMemo memo, ReadModelCache readModels) {
        this.readModels = readModels;
        this.accounts = accounts;
        this.trainers = trainers;
        this.activity = activity;
        this.memo = memo;
    }

    /**
     * What one request remembers of clients (see {@link RequestMemo}): who may see which client, the client behind
     * a login, a client's record view. Every write of this service forgets them, as do assignment changes.
     */
    static final String MEMO = "clients";

    /**
     * A page of the clients the caller sees, as JSON: a read model cached per caller, filter and page (every SPA
     * page that shows a picker asks for it), invalidated by every write to the organization's clients and
     * assignments.
     */
    public JsonText list(Caller caller, ClientRequests.Filter filter, PageRequest page) {
        if (caller.isClient()) {
            return readModels.readJson(ReadModelKey.of("clients", caller.organizationId(), null,
                    caller.role().value(), caller.userId(), page.page(), page.perPage()), ClientPage.class,
                    () -> ownRecordAsList(caller, page), (ClientPage view) -> null);
        }
        String search = Text.blankToNull(filter.search());
        String status = Text.blankToNull(filter.status());
        String goals = Text.blankToNull(filter.goals());
        ReadModelKey key = ReadModelKey.of("clients", caller.organizationId(), null, caller.role().value(),
                caller.userId(), search, status == null ? null : status.toLowerCase(), goals, page.page(),
                page.perPage());
        return readModels.readJson(key, ClientPage.class, () -> page(caller, search, status, goals, page),
                (ClientPage view) -> null);
    }

    private ClientPage page(Caller caller, String search, String status, String goals, PageRequest page) {
        Parameters params = Parameters.with("org", caller.organizationId());
        if (!caller.isAdmin()) {
            params.and("trainer", callerTrainerId(caller).orElse(-1L));
        }
        if (search != null) {
            params.and("q", Text.containsPattern(search));
        }
        if (status != null) {
            params.and("status", status.toLowerCase());
        }
        if (goals != null) {
            params.and("goals", Text.containsPattern(goals));
        }
        String where = " where " + condition("c", caller.isAdmin(), search != null, status != null, goals != null);
        // Page and total in one statement, the total as a scalar subquery over the same condition: it counts the
        // organization's index entries (an index-only scan) while the page reads only its own rows, where a
        // count(*) over () made the database carry every matching row through a window (bench/README.md).
        String total = "(select count(*) from Client t where "
                + condition("t", caller.isAdmin(), search != null, status != null, goals != null) + ")";
        // Values, not managed entities: nothing here is written.
        TypedQuery<Object[]> query = Panache.getEntityManager()
                .createQuery(PAGE_COLUMNS + total + " from Client c" + where + " order by lower(c.name), c.id",
                        Object[].class)
                .setFirstResult(page.offset()).setMaxResults(page.perPage());
        params.map().forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        List<ClientView> items = rows.stream().map(ClientService::view).toList();
        // A page past the end has no row to carry the total: only then is it counted on its own.
        long count;
        if (!rows.isEmpty()) {
            count = ((Number) rows.get(0)[VIEW_COLUMNS]).longValue();
        } else if (page.offset() == 0) {
            count = 0;
        } else {
            TypedQuery<Long> counted = Panache.getEntityManager()
                    .createQuery("select count(*) from Client c" + where, Long.class);
            params.map().forEach(counted::setParameter);
            count = counted.getSingleResult();
        }
        return new ClientPage(items, items, count, page.page(), page.perPage(), page.pages(count),
                page.hasNext(count), page.hasPrev());
    }

    /** The list's condition on Client {@code alias}; the parameters are named alike in every variant. */
    private static String condition(String alias, boolean admin, boolean search, boolean status, boolean goals) {
        StringBuilder where = new StringBuilder(alias).append(".organizationId = :org and ").append(alias)
                .append(".deletedAt is null");
        if (!admin) {
            where.append(" and exists (select 1 from Assignment a where a.clientId = ").append(alias)
                    .append(".id and a.trainerId = :trainer and a.deletedAt is null)");
        }
        if (search) {
            where.append(" and (lower(").append(alias).append(".name) like :q escape '\\' or ").append(alias)
                    .append(".email like :q escape '\\' or ").append(alias).append(".phone like :q escape '\\')");
        }
        if (status) {
            where.append(" and ").append(alias).append(".status = :status");
        }
        if (goals) {
            where.append(" and lower(").append(alias).append(".goals) like :goals escape '\\'");
        }
        return where.toString();
    }

    /**
     * A client's client list is their own record (the messages page loads the trainer and the client list for every
     * role): the list shape with one row, on page 1. Filters do not narrow it; there is only the one row to show.
     */
    private static ClientPage ownRecordAsList(Caller caller, PageRequest page) {
        List<ClientView> own = Client.findByUser(caller.organizationId(), caller.userId())
                .map(ClientService::view).stream().toList();
        List<ClientView> items = page.page() == 1 ? own : List.of();
        return new ClientPage(items, items, own.size(), page.page(), page.perPage(), page.pages(own.size()),
                page.hasNext(own.size()), page.hasPrev());
    }

    /** The columns of {@link ClientView}, in its order; the total of the filtered set follows. */
    private static final String PAGE_COLUMNS = "select c.id, c.name, c.email, c.phone, c.age, c.goals,"
            + " c.medicalConditions, c.emergencyContact, c.emergencyPhone, c.status, c.membershipType, c.startDate,"
            + " c.userId, c.createdAt, c.updatedAt, c.deletedAt, ";
    private static final int VIEW_COLUMNS = 16;

    private static ClientView view(Object[] r) {
        return new ClientView((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Integer) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10],
                (Instant) r[11], (Long) r[12], (Instant) r[13], (Instant) r[14], (Instant) r[15]);
    }

    public Optional<ClientView> find(Caller caller, long id) {
        return visible(caller, id).map(ClientService::view);
    }

    public Optional<ClientView> mine(Caller caller) {
        return Client.findByUser(caller.organizationId(), caller.userId()).map(ClientService::view);
    }

    /** Admins and trainers add clients; a trainer's new client is assigned to that trainer. */
    @Transactional
    public ClientView create(Caller caller, ClientRequests.Create request) {
        changed();
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot create clients");
        }
        long org = caller.organizationId();
        Long trainerId = null;
        if (!caller.isAdmin()) {
            trainerId = callerTrainerId(caller)
                    .orElseThrow(() -> ApiException.forbidden("Your login has no trainer profile"));
        }
        String email = Text.normalizeEmail(request.email());
        if (Client.findByEmail(org, email).isPresent()) {
            throw ApiException.conflict("email_taken", "A client with this email already exists");
        }
        Client client = new Client();
        client.organizationId = org;
        client.name = request.name().trim();
        client.email = email;
        client.phone = Text.blankToNull(request.phone());
        client.age = request.age();
        client.goals = Text.blankToNull(request.goals());
        client.medicalConditions = Text.blankToNull(request.medicalConditions());
        client.emergencyContact = Text.blankToNull(request.emergencyContact());
        client.emergencyPhone = Text.blankToNull(request.emergencyPhone());
        client.status = Text.blankToNull(request.status()) == null ? "active" : request.status();
        client.membershipType = Text.blankToNull(request.membershipType());
        if (Text.blankToNull(request.password()) != null) {
            client.userId = accounts.createLogin(org, email, client.name, Role.CLIENT, request.password(),
                    caller.userId());
        }
        client.persist();
        if (trainerId != null) {
            link(org, trainerId, client.id, null);
        }
        activity.fire(event(caller, ActivityEvent.CREATE, client));
        return view(client);
    }

    /**
     * Admins and the client's trainers edit every field; a client edits their own contact, goals and health
     * details, but not their status or membership.
     */
    @Transactional
    public Optional<ClientView> update(Caller caller, long id, ClientRequests.Update request) {
        changed();
        Optional<Client> found = visible(caller, id);
        found.ifPresent(client -> {
            Map<String, Object> before = recorded(client);
            if (request.name() != null) {
                if (request.name().isBlank()) {
                    throw ApiException.invalidField("name", "must not be blank");
                }
                client.name = request.name().trim();
            }
            if (request.email() != null) {
                String email = Text.normalizeEmail(request.email());
                if (email.isEmpty()) {
                    throw ApiException.invalidField("email", "must not be blank");
                }
                if (!email.equals(client.email) && Client.findByEmail(client.organizationId, email).isPresent()) {
                    throw ApiException.conflict("email_taken", "A client with this email already exists");
                }
                client.email = email;
            }
            if (request.phone() != null) {
                client.phone = Text.blankToNull(request.phone());
            }
            if (request.age() != null) {
                client.age = request.age();
            }
            if (request.goals() != null) {
                client.goals = Text.blankToNull(request.goals());
            }
            if (request.medicalConditions() != null) {
                client.medicalConditions = Text.blankToNull(request.medicalConditions());
            }
            if (request.emergencyContact() != null) {
                client.emergencyContact = Text.blankToNull(request.emergencyContact());
            }
            if (request.emergencyPhone() != null) {
                client.emergencyPhone = Text.blankToNull(request.emergencyPhone());
            }
            if (!caller.isClient()) {
                if (Text.blankToNull(request.status()) != null) {
                    client.status = request.status();
                }
                if (request.membershipType() != null) {
                    client.membershipType = Text.blankToNull(request.membershipType());
                }
            }
            client.updatedAt = Instant.now();
            if (client.userId != null) {
                accounts.updateIdentity(client.organizationId, client.userId, client.email, client.name);
            }
            activity.fire(event(caller, ActivityEvent.UPDATE, client)
                    .withChangedFields(before, recorded(client)));
        });
        return found.map(ClientService::view);
    }

    /** Soft delete by an admin or the client's trainer: the login is disabled and assignments end. */
    @Transactional
    public boolean delete(Caller caller, long id) {
        changed();
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot delete client records");
        }
        Optional<Client> found = visible(caller, id);
        found.ifPresent(client -> {
            client.deletedAt = Instant.now();
            client.status = "inactive";
            Assignment.endAllOfClient(client.organizationId, client.id);
            if (client.userId != null) {
                accounts.disable(client.organizationId, client.userId, caller.userId());
            }
            activity.fire(event(caller, ActivityEvent.DELETE, client));
        });
        return found.isPresent();
    }

    @Transactional
    public boolean setPassword(Caller caller, long id, String password) {
        changed();
        if (caller.isClient()) {
            throw ApiException.forbidden("Use /api/auth/change-password to change your own password");
        }
        Optional<Client> found = visible(caller, id);
        found.ifPresent(client -> {
            if (client.userId == null) {
                client.userId = accounts.createLogin(client.organizationId, client.email, client.name, Role.CLIENT,
                        password, caller.userId());
            } else {
                accounts.setPassword(client.organizationId, client.userId, password, caller.userId());
            }
        });
        return found.isPresent();
    }

    // ---- used by other features (through this service only) ----

    /** True when the caller may see this client: admin, one of the client's trainers, or the client. */
    public boolean canSee(Caller caller, long clientId) {
        return memo.remember(MEMO, new Visibility(caller.organizationId(), caller.userId(), caller.role(), clientId),
                () -> {
                    Optional<Client> client = visible(caller, clientId);
                    // The feature that asked usually wants the record next (a zone, a name): it is read already.
                    client.ifPresent(c -> memo.remember(MEMO, new RecordOf(c.organizationId, c.id),
                            () -> Optional.of(view(c))));
                    return client.isPresent();
                });
    }

    /** Whom a visibility decision was made for: the same login may act in another role only with another token. */
    private record Visibility(long organizationId, long userId, Role role, long clientId) {
    }

    /** Names by id, in one query, for lists that show whom a record concerns (no N+1). */
    public Map<Long, String> namesOf(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Client.<Client>list("organizationId = ?1 and id in ?2", organizationId, ids).stream()
                .collect(Collectors.toMap(c -> c.id, c -> c.name));
    }

    /** A client's record for another feature that already decided the caller may see it. */
    public Optional<ClientView> view(long organizationId, long clientId) {
        return memo.remember(MEMO, new RecordOf(organizationId, clientId),
                () -> Client.<Client>find("id = ?1 and organizationId = ?2", clientId, organizationId)
                        .firstResultOptional().map(ClientService::view));
    }

    private record RecordOf(long organizationId, long clientId) {
    }

    /** A client that is not deleted, as a view: an existence check that also gives what the answer shows. */
    public Optional<ClientView> liveView(long organizationId, long clientId) {
        return Client.findLive(organizationId, clientId).map(ClientService::view);
    }

    public boolean exists(long organizationId, long clientId) {
        return Client.findLive(organizationId, clientId).isPresent();
    }

    /** The client record behind a login, if the login is a client's. */
    public Optional<Long> clientIdOfUser(long organizationId, long userId) {
        return memo.remember(MEMO, new ClientOfUser(organizationId, userId),
                () -> Client.findByUser(organizationId, userId).map(c -> c.id));
    }

    private record ClientOfUser(long organizationId, long userId) {
    }

    /**
     * The clients a non-admin caller may see: a client's own record, or the clients a trainer trains (empty for
     * anyone else). Admins see the whole organization, so callers test {@code caller.isAdmin()} first.
     */
    public List<Long> visibleClientIds(Caller caller) {
        if (caller.isClient()) {
            return clientIdOfUser(caller.organizationId(), caller.userId()).map(List::of).orElse(List.of());
        }
        return trainers.trainerIdOfUser(caller.organizationId(), caller.userId())
                .map(trainerId -> clientIdsOfTrainer(caller.organizationId(), trainerId))
                .orElse(List.of());
    }

    /**
     * Which clients a list of client records (goals, measurements, photos) may show: the one the request names —
     * a 404 when the caller may not see it — else every client the caller sees. {@link ClientScope#all()} is the
     * whole organization (an admin without a filter).
     */
    public ClientScope listScope(Caller caller, Long requestedClientId) {
        if (requestedClientId != null) {
            if (!canSee(caller, requestedClientId)) {
                throw ApiException.notFound("Client");
            }
            return new ClientScope(List.of(requestedClientId));
        }
        return caller.isAdmin() ? new ClientScope(null) : new ClientScope(visibleClientIds(caller));
    }

    /** The clients a list is restricted to; {@code ids} null means no restriction within the organization. */
    public record ClientScope(List<Long> ids) {

        public boolean all() {
            return ids == null;
        }

        public boolean none() {
            return ids != null && ids.isEmpty();
        }

        /** Appends the JPQL restriction on {@code column} (nothing for all) and binds its parameter. */
        public void restrict(StringBuilder where, Parameters params, String column) {
            if (ids != null) {
                where.append(" and ").append(column).append(" in :scopeClients");
                // An empty IN list is not valid SQL; -1 matches no row.
                params.and("scopeClients", ids.isEmpty() ? List.of(-1L) : ids);
            }
        }
    }

    /** The clients a trainer currently trains. */
    public List<Long> clientIdsOfTrainer(long organizationId, long trainerId) {
        return Assignment.<Assignment>list("organizationId = ?1 and trainerId = ?2 and deletedAt is null",
                organizationId, trainerId).stream().map(a -> a.clientId).distinct().toList();
    }

    /** Whether the trainer currently trains the client. */
    public boolean isAssigned(long trainerId, long clientId) {
        return Assignment.linked(trainerId, clientId);
    }

    public long count(long organizationId) {
        return Client.count("organizationId = ?1 and deletedAt is null", organizationId);
    }

    Optional<Client> visible(Caller caller, long id) {
        Optional<Client> client = Client.findLive(caller.organizationId(), id);
        if (client.isEmpty() || caller.isAdmin()) {
            return client;
        }
        if (caller.isClient()) {
            return client.filter(c -> c.userId != null && c.userId == caller.userId());
        }
        Optional<Long> trainerId = callerTrainerId(caller);
        return client.filter(c -> trainerId.isPresent() && Assignment.linked(trainerId.get(), c.id));
    }

    Optional<Long> callerTrainerId(Caller caller) {
        return trainers.trainerIdOfUser(caller.organizationId(), caller.userId());
    }

    /** Forgets what this request remembered of clients: a client record or an assignment is about to change. */
    void changed() {
        memo.forget(MEMO);
    }

    Assignment link(long organizationId, long trainerId, long clientId, String notes) {
        changed();
        Assignment assignment = new Assignment();
        assignment.organizationId = organizationId;
        assignment.trainerId = trainerId;
        assignment.clientId = clientId;
        assignment.notes = notes;
        assignment.persist();
        return assignment;
    }

    /** An invited client gets a record on joining, assigned to the trainer who invited them. */
    void onMemberJoined(@Observes MemberJoined joined, ReadModelCache readModels) {
        changed();
        // Joining is not audited as a change of the record; the counters still change.
        readModels.organizationChanged(joined.organizationId());
        if (!Role.CLIENT.value().equals(joined.role())) {
            return;
        }
        Client client = Client.findByEmail(joined.organizationId(), joined.email())
                .filter(c -> c.userId == null)
                .orElseGet(Client::new);
        boolean created = client.id == null;
        client.organizationId = joined.organizationId();
        client.userId = joined.userId();
        client.email = joined.email();
        if (client.name == null) {
            client.name = joined.name();
        }
        client.updatedAt = Instant.now();
        client.persist();
        if (joined.invitedByUserId() != null) {
            Client saved = client;
            trainers.trainerIdOfUser(joined.organizationId(), joined.invitedByUserId())
                    .filter(trainerId -> created || !Assignment.linked(trainerId, saved.id))
                    .ifPresent(trainerId -> link(joined.organizationId(), trainerId, saved.id, null));
        }
    }

    /** A client's activity concerns the client only: who trains them changes, so no trainer is recorded. */
    private static ActivityEvent event(Caller caller, String action, Client client) {
        return ActivityEvent.of(caller, action, "client", client.id)
                .withSubject(client.name, client.email)
                .withOwners(null, client.id);
    }

    /** The fields an update may change, by their API names; the feed names what changed, never the values. */
    private static Map<String, Object> recorded(Client c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", c.name);
        fields.put("email", c.email);
        fields.put("phone", c.phone);
        fields.put("age", c.age);
        fields.put("goals", c.goals);
        fields.put("medical_conditions", c.medicalConditions);
        fields.put("emergency_contact", c.emergencyContact);
        fields.put("emergency_phone", c.emergencyPhone);
        fields.put("status", c.status);
        fields.put("membership_type", c.membershipType);
        return fields;
    }

    static ClientView view(Client c) {
        return new ClientView(c.id, c.name, c.email, c.phone, c.age, c.goals, c.medicalConditions,
                c.emergencyContact, c.emergencyPhone, c.status, c.membershipType, c.startDate, c.userId,
                c.createdAt, c.updatedAt, c.deletedAt);
    }
}

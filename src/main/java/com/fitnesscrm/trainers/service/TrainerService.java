package com.fitnesscrm.trainers.service;

import com.fitnesscrm.auth.api.MemberJoined;
import com.fitnesscrm.auth.service.AccountService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.persistence.RequestMemo;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.trainers.api.ClientTrainers;
import com.fitnesscrm.trainers.api.TrainerContact;
import com.fitnesscrm.trainers.api.TrainerContactPage;
import com.fitnesscrm.trainers.api.TrainerDeleted;
import com.fitnesscrm.trainers.api.TrainerPage;
import com.fitnesscrm.trainers.api.TrainerRequests;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fitnesscrm.trainers.domain.Trainer;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Trainer profiles. Admins manage them; trainers read the team and edit their own profile; a client lists only
 * their own trainers' contact details and reads nothing else here. Everything is scoped to the caller's organization, so another tenant's id is simply not found.
 */
@ApplicationScoped
public class TrainerService {

    private final AccountService accounts;
    private final Event<TrainerDeleted> deleted;
    private final Event<ActivityEvent> activity;
    private final ClientTrainers clientTrainers;
    private final RequestMemo memo;

    /** What one request remembers (see {@link RequestMemo}): the trainer profile behind a login. */
    static final String MEMO = "trainers";

    public TrainerService(AccountService accounts, Event<TrainerDeleted> deleted, Event<ActivityEvent> activity,
                          ClientTrainers clientTrainers, RequestMemo memo) {
        this.accounts = accounts;
        this.deleted = deleted;
        this.activity = activity;
        this.clientTrainers = clientTrainers;
        this.memo = memo;
    }

    public TrainerPage list(Caller caller, TrainerRequests.Filter filter, PageRequest page) {
        requireStaff(caller);
        PanacheQuery<Trainer> query = query(caller, filter, null);
        long total = query.count();
        List<TrainerView> items = query.range(page.offset(), page.offset() + page.perPage() - 1).list()
                .stream().map(TrainerService::view).toList();
        return new TrainerPage(items, items, total, page.page(), page.perPage(), page.pages(total),
                page.hasNext(total), page.hasPrev());
    }

    /**
     * A client's own trainers (the client portal's "your trainer" card, the message picker), with the same filters
     * and paging as {@link #list}, as contact cards: never another trainer, never rates, notes or logins.
     */
    public TrainerContactPage contactsOfClient(Caller caller, TrainerRequests.Filter filter, PageRequest page) {
        if (!caller.isClient()) {
            throw ApiException.forbidden("Only a client lists their own trainers this way");
        }
        List<Long> assigned = clientTrainers.trainerIdsOfClientLogin(caller.organizationId(), caller.userId());
        PanacheQuery<Trainer> query = query(caller, filter, assigned);
        long total = query.count();
        List<TrainerContact> items = query.range(page.offset(), page.offset() + page.perPage() - 1).list()
                .stream().map(t -> new TrainerContact(t.id, t.name, t.email, t.phone, t.specialization,
                        t.certification)).toList();
        return new TrainerContactPage(items, items, total, page.page(), page.perPage(), page.pages(total),
                page.hasNext(total), page.hasPrev());
    }

    /** The organization's live trainers matching the filter, by name; only {@code onlyIds} when given. */
    private static PanacheQuery<Trainer> query(Caller caller, TrainerRequests.Filter filter, List<Long> onlyIds) {
        StringBuilder where = new StringBuilder("organizationId = :org and deletedAt is null");
        Parameters params = Parameters.with("org", caller.organizationId());
        if (onlyIds != null) {
            where.append(" and id in :only");
            // An empty IN list is not valid SQL; -1 matches no row.
            params.and("only", onlyIds.isEmpty() ? List.of(-1L) : onlyIds);
        }
        String search = Text.blankToNull(filter.search());
        if (search != null) {
            where.append(" and (lower(name) like :q escape '\\' or email like :q escape '\\' or phone like :q escape '\\')");
            params.and("q", Text.containsPattern(search));
        }
        String specialization = Text.blankToNull(filter.specialization());
        if (specialization != null) {
            where.append(" and lower(specialization) like :spec escape '\\'");
            params.and("spec", Text.containsPattern(specialization));
        }
        if (filter.active() != null) {
            where.append(" and active = :active");
            params.and("active", filter.active());
        }
        return Trainer.find(where + " order by lower(name), id", params);
    }

    public Optional<TrainerView> find(Caller caller, long id) {
        requireStaff(caller);
        return Trainer.findLive(caller.organizationId(), id).map(TrainerService::view);
    }

    public Optional<TrainerView> mine(Caller caller) {
        return Trainer.findByUser(caller.organizationId(), caller.userId()).map(TrainerService::view);
    }

    @Transactional
    public TrainerView create(Caller caller, TrainerRequests.Create request) {
        memo.forget(MEMO);
        requireAdmin(caller);
        long org = caller.organizationId();
        String email = Text.normalizeEmail(request.email());
        if (Trainer.findByEmail(org, email).isPresent()) {
            throw ApiException.conflict("email_taken", "A trainer with this email already exists");
        }
        Trainer trainer = new Trainer();
        trainer.organizationId = org;
        trainer.name = request.name().trim();
        trainer.email = email;
        trainer.phone = Text.blankToNull(request.phone());
        trainer.specialization = Text.blankToNull(request.specialization());
        trainer.certification = Text.blankToNull(request.certification());
        trainer.experience = request.experience();
        trainer.bio = Text.blankToNull(request.bio());
        trainer.hourlyRate = request.hourlyRate();
        trainer.active = request.active() == null || request.active();
        if (Text.blankToNull(request.password()) != null) {
            trainer.userId = accounts.createLogin(org, email, trainer.name, Role.TRAINER, request.password(),
                    caller.userId());
        }
        trainer.persist();
        activity.fire(event(caller, ActivityEvent.CREATE, trainer));
        return view(trainer);
    }

    /** Admins edit any trainer; a trainer edits their own profile, but not whether they are active. */
    @Transactional
    public Optional<TrainerView> update(Caller caller, long id, TrainerRequests.Update request) {
        requireStaff(caller);
        Optional<Trainer> found = Trainer.findLive(caller.organizationId(), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Trainer trainer = found.get();
        boolean self = trainer.userId != null && trainer.userId == caller.userId();
        if (!caller.isAdmin() && !self) {
            throw ApiException.forbidden("Trainers can edit only their own profile");
        }
        Map<String, Object> before = recorded(trainer);
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw ApiException.invalidField("name", "must not be blank");
            }
            trainer.name = request.name().trim();
        }
        if (request.email() != null) {
            String email = Text.normalizeEmail(request.email());
            if (email.isEmpty()) {
                throw ApiException.invalidField("email", "must not be blank");
            }
            if (!email.equals(trainer.email) && Trainer.findByEmail(trainer.organizationId, email).isPresent()) {
                throw ApiException.conflict("email_taken", "A trainer with this email already exists");
            }
            trainer.email = email;
        }
        if (request.phone() != null) {
            trainer.phone = Text.blankToNull(request.phone());
        }
        if (request.specialization() != null) {
            trainer.specialization = Text.blankToNull(request.specialization());
        }
        if (request.certification() != null) {
            trainer.certification = Text.blankToNull(request.certification());
        }
        if (request.experience() != null) {
            trainer.experience = request.experience();
        }
        if (request.bio() != null) {
            trainer.bio = Text.blankToNull(request.bio());
        }
        if (request.hourlyRate() != null) {
            trainer.hourlyRate = request.hourlyRate();
        }
        if (request.active() != null && caller.isAdmin()) {
            trainer.active = request.active();
        }
        trainer.updatedAt = Instant.now();
        if (trainer.userId != null) {
            accounts.updateIdentity(trainer.organizationId, trainer.userId, trainer.email, trainer.name);
        }
        activity.fire(event(caller, ActivityEvent.UPDATE, trainer).withChangedFields(before, recorded(trainer)));
        return Optional.of(view(trainer));
    }

    /** Soft delete: the login is disabled and features linked to the trainer are told to let go. */
    @Transactional
    public boolean delete(Caller caller, long id) {
        memo.forget(MEMO);
        requireAdmin(caller);
        Optional<Trainer> found = Trainer.findLive(caller.organizationId(), id);
        found.ifPresent(trainer -> {
            trainer.deletedAt = Instant.now();
            trainer.active = false;
            if (trainer.userId != null) {
                accounts.disable(trainer.organizationId, trainer.userId, caller.userId());
            }
            deleted.fire(new TrainerDeleted(trainer.organizationId, trainer.id));
            activity.fire(event(caller, ActivityEvent.DELETE, trainer));
        });
        return found.isPresent();
    }

    /** An admin sets a trainer's password, creating the login when the trainer has none yet. */
    @Transactional
    public boolean setPassword(Caller caller, long id, String password) {
        memo.forget(MEMO);
        requireAdmin(caller);
        Optional<Trainer> found = Trainer.findLive(caller.organizationId(), id);
        found.ifPresent(trainer -> {
            if (trainer.userId == null) {
                trainer.userId = accounts.createLogin(trainer.organizationId, trainer.email, trainer.name,
                        Role.TRAINER, password, caller.userId());
            } else {
                accounts.setPassword(trainer.organizationId, trainer.userId, password, caller.userId());
            }
        });
        return found.isPresent();
    }

    // ---- used by other features (through this service only) ----

    /** The trainer profile behind a login, if the login trains. */
    public Optional<Long> trainerIdOfUser(long organizationId, long userId) {
        return memo.remember(MEMO, new TrainerOfUser(organizationId, userId),
                () -> Trainer.findByUser(organizationId, userId).map(t -> t.id));
    }

    private record TrainerOfUser(long organizationId, long userId) {
    }

    /** A trainer that is not deleted, as a view: an existence check that also gives what the answer shows. */
    public Optional<TrainerView> liveView(long organizationId, long trainerId) {
        return Trainer.findLive(organizationId, trainerId).map(TrainerService::view);
    }

    public boolean exists(long organizationId, long trainerId) {
        return Trainer.findLive(organizationId, trainerId).isPresent();
    }

    /** Names by id, in one query, for lists that show who trains (no N+1). */
    public Map<Long, String> namesOf(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Trainer.<Trainer>list("organizationId = ?1 and id in ?2", organizationId, ids).stream()
                .collect(Collectors.toMap(t -> t.id, t -> t.name));
    }

    /** A trainer's record for another feature that already decided the caller may see it. */
    public Optional<TrainerView> view(long organizationId, long trainerId) {
        return Trainer.<Trainer>find("id = ?1 and organizationId = ?2", trainerId, organizationId)
                .firstResultOptional().map(TrainerService::view);
    }

    public long count(long organizationId) {
        return Trainer.count("organizationId = ?1 and deletedAt is null", organizationId);
    }

    /** The registrant of a new organization trains too; an invited trainer gets a profile on joining. */
    void onMemberJoined(@Observes MemberJoined joined, ReadModelCache readModels) {
        memo.forget(MEMO);
        // Joining is not audited as a change of the record; the counters still change.
        readModels.organizationChanged(joined.organizationId());
        boolean registrant = Role.ADMIN.value().equals(joined.role()) && joined.invitedByUserId() == null;
        if (!registrant && !Role.TRAINER.value().equals(joined.role())) {
            return;
        }
        Trainer trainer = Trainer.findByEmail(joined.organizationId(), joined.email())
                .filter(t -> t.userId == null)
                .orElseGet(Trainer::new);
        trainer.organizationId = joined.organizationId();
        trainer.userId = joined.userId();
        trainer.email = joined.email();
        if (trainer.name == null) {
            trainer.name = joined.name();
        }
        trainer.updatedAt = Instant.now();
        trainer.persist();
    }

    private static void requireStaff(Caller caller) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot access trainer records");
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin can do this");
        }
    }

    private static ActivityEvent event(Caller caller, String action, Trainer trainer) {
        return ActivityEvent.of(caller, action, "trainer", trainer.id)
                .withSubject(trainer.name, trainer.email)
                .withOwners(trainer.id, null);
    }

    /** The fields an update may change, by their API names; the feed names what changed, never the values. */
    private static Map<String, Object> recorded(Trainer t) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", t.name);
        fields.put("email", t.email);
        fields.put("phone", t.phone);
        fields.put("specialization", t.specialization);
        fields.put("certification", t.certification);
        fields.put("experience", t.experience);
        fields.put("bio", t.bio);
        // 50 and 50.00 are the same rate; BigDecimal.equals would call that a change.
        fields.put("hourly_rate", t.hourlyRate == null ? null : t.hourlyRate.stripTrailingZeros());
        fields.put("active", t.active);
        return fields;
    }

    static TrainerView view(Trainer t) {
        return new TrainerView(t.id, t.name, t.email, t.phone, t.specialization, t.certification, t.experience,
                t.bio, t.hourlyRate, t.active, t.userId, t.createdAt, t.updatedAt, t.deletedAt);
    }
}

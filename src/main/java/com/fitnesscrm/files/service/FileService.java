package com.fitnesscrm.files.service;

import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.SignedUrls;
import com.fitnesscrm.common.storage.DetectedType;
import com.fitnesscrm.common.storage.StorageConfig;
import com.fitnesscrm.common.storage.Uploads;
import com.fitnesscrm.common.web.PageRequest;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.files.api.FileRequests;
import com.fitnesscrm.files.api.FileView;
import com.fitnesscrm.files.domain.StoredFile;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.service.SessionService;
import com.fitnesscrm.trainers.service.TrainerService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.Query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Files: documents and media attached to a client, a trainer or a session. Who sees a file: admins every file of
 * the organization; a client the files about them; a trainer the files of the clients assigned to them, plus the
 * organization's files about no client (studio documents) that name no other trainer. Anything else is 404.
 * Uploads follow the same rules as progress photos (type from the bytes, size limit, hourly allowance, storage
 * write before the row, object removed after the row's delete).
 */
@ApplicationScoped
public class FileService {

    public static final String DOWNLOAD_PATH = "/api/files/{id}/download";
    static final int DEFAULT_PER_PAGE = 50;
    static final Set<DetectedType> ALLOWED = Set.of(DetectedType.PDF, DetectedType.DOC, DetectedType.DOCX,
            DetectedType.TXT, DetectedType.PNG, DetectedType.JPEG, DetectedType.GIF, DetectedType.MP4,
            DetectedType.MOV, DetectedType.AVI);
    /** The category options, in the order the SPA's select shows them. */
    static final Map<String, String> CATEGORIES = categories();

    private final ClientService clients;
    private final TrainerService trainers;
    private final SessionService sessions;
    private final Uploads uploads;
    private final SignedUrls signedUrls;
    private final StorageConfig storageConfig;
    private final FileConfig config;
    private final Event<ActivityEvent> activity;

    public FileService(ClientService clients, TrainerService trainers, SessionService sessions, Uploads uploads,
                       SignedUrls signedUrls, StorageConfig storageConfig, FileConfig config,
                       Event<ActivityEvent> activity) {
        this.clients = clients;
        this.trainers = trainers;
        this.sessions = sessions;
        this.uploads = uploads;
        this.signedUrls = signedUrls;
        this.storageConfig = storageConfig;
        this.config = config;
        this.activity = activity;
    }

    public long maxUploadBytes() {
        return config.maxUploadSize().asLongValue();
    }

    public FileRequests.Page list(Caller caller, FileRequests.Filter filter, Integer page, Integer perPage) {
        PageRequest paging = PageRequest.of(page, perPage == null ? DEFAULT_PER_PAGE : perPage);
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, filter.clientId(), params, false);
        if (filter.trainerId() != null) {
            where += " and trainerId = :trainer";
            params.put("trainer", filter.trainerId());
        }
        if (filter.sessionId() != null) {
            where += " and sessionId = :session";
            params.put("session", filter.sessionId());
        }
        String category = Text.blankToNull(filter.category());
        if (category != null) {
            where += " and category = :category";
            params.put("category", key(category));
        }
        var query = StoredFile.<StoredFile>find(where + " order by createdAt desc, id desc", params);
        long total = query.count();
        List<FileView> files = query.range(paging.offset(), paging.offset() + paging.perPage() - 1).list()
                .stream().map(this::view).toList();
        return new FileRequests.Page(files, total, paging.pages(total), paging.page());
    }

    public Optional<FileView> find(Caller caller, long id) {
        return visible(caller, id).map(this::view);
    }

    public List<FileRequests.Option> categoryOptions() {
        return CATEGORIES.entrySet().stream().map(e -> new FileRequests.Option(e.getKey(), e.getValue())).toList();
    }

    /** Counts, total size and files per category of what the caller sees, aggregated in PostgreSQL. */
    public FileRequests.Stats stats(Caller caller, Long clientId) {
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, clientId, params, true);
        Query totals = StoredFile.getEntityManager().createNativeQuery("select count(*), coalesce(sum(file_size), 0),"
                + " round(coalesce(sum(file_size), 0) / 1048576.0, 2) from files where " + where);
        params.forEach(totals::setParameter);
        Object[] row = (Object[]) totals.getSingleResult();
        Query perCategory = StoredFile.getEntityManager().createNativeQuery("select category, count(*) from files"
                + " where " + where + " group by category order by category");
        params.forEach(perCategory::setParameter);
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (Object result : perCategory.getResultList()) {
            Object[] pair = (Object[]) result;
            byCategory.put((String) pair[0], ((Number) pair[1]).longValue());
        }
        return new FileRequests.Stats(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((BigDecimal) row[2]).doubleValue(), byCategory);
    }

    public FileView upload(Caller caller, FileRequests.Upload form, Uploads.Incoming file) {
        uploads.countUpload(caller);
        String category = category(form.category());
        Links links = links(caller, form.clientId(), form.trainerId(), form.sessionId(), true);
        String description = description(form.description());
        return uploads.storeAndRecord(caller.organizationId(), "files", file, ALLOWED, maxUploadBytes(), stored -> {
            StoredFile f = new StoredFile();
            f.organizationId = caller.organizationId();
            f.storageKey = stored.key();
            f.originalFilename = fileName(file.fileName(), stored.type());
            f.fileSize = stored.size();
            f.fileType = stored.type().mimeType();
            f.category = category;
            f.clientId = links.clientId();
            f.trainerId = links.trainerId();
            f.sessionId = links.sessionId();
            f.description = description;
            f.uploadedBy = caller.userId();
            f.persist();
            activity.fire(event(caller, ActivityEvent.CREATE, f));
            return view(f);
        });
    }

    public Optional<FileView> update(Caller caller, long id, FileRequests.Update request) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<StoredFile> found = visible(caller, id);
            found.ifPresent(f -> {
                requireEditable(caller, f);
                if (request.category() != null) {
                    f.category = category(request.category());
                }
                if (request.description() != null) {
                    f.description = description(request.description());
                }
                if (request.clientId() != null || request.trainerId() != null || request.sessionId() != null) {
                    Links links = links(caller,
                            request.clientId() != null ? request.clientId() : text(f.clientId),
                            request.trainerId() != null ? request.trainerId() : text(f.trainerId),
                            request.sessionId() != null ? request.sessionId() : text(f.sessionId), false);
                    f.clientId = links.clientId();
                    f.trainerId = links.trainerId();
                    f.sessionId = links.sessionId();
                }
                f.updatedAt = Instant.now();
                activity.fire(event(caller, ActivityEvent.UPDATE, f));
            });
            return found.map(this::view);
        });
    }

    /** Deletes the row, then (after its commit) the stored object. */
    public boolean delete(Caller caller, long id) {
        Optional<String> key = QuarkusTransaction.requiringNew().call(() -> {
            Optional<StoredFile> found = visible(caller, id);
            found.ifPresent(f -> {
                requireEditable(caller, f);
                f.delete();
                activity.fire(event(caller, ActivityEvent.DELETE, f));
            });
            return found.map(f -> f.storageKey);
        });
        key.ifPresent(uploads::discard);
        return key.isPresent();
    }

    /**
     * The file for a download: through a signed link ({@code expires} and {@code signature} present), or for a
     * caller who may see it. Every signed-link failure is the same 401 (see PhotoService#file).
     */
    public Uploads.Opened download(Caller caller, long id, String expires, String signature) {
        StoredFile file;
        if (expires != null || signature != null) {
            file = signedFile(id, expires, signature);
        } else if (caller != null) {
            file = visible(caller, id).orElseThrow(() -> ApiException.notFound("File"));
        } else {
            throw ApiException.unauthorized("unauthorized", "Authentication required: send a bearer token or open"
                    + " the file's download_url");
        }
        return uploads.open(file.storageKey)
                .map(object -> new Uploads.Opened(object, file.fileType, file.originalFilename))
                .orElseThrow(() -> ApiException.notFound("Stored file"));
    }

    private StoredFile signedFile(long id, String expires, String signature) {
        long expiry = signedUrls.requireUnexpired(expires, "download");
        StoredFile file = StoredFile.<StoredFile>findByIdOptional(id).orElseThrow(() -> SignedUrls.invalidLink("download"));
        if (!signedUrls.verify(DOWNLOAD_PATH, file.id, file.organizationId, expiry, signature)) {
            throw SignedUrls.invalidLink("download");
        }
        return file;
    }

    // ---------- rules ----------

    /** The files the caller sees (and, optionally, of one client they see), as a JPQL or SQL condition. */
    private String where(Caller caller, Long clientId, Map<String, Object> params, boolean sql) {
        String client = sql ? "client_id" : "clientId";
        String trainer = sql ? "trainer_id" : "trainerId";
        StringBuilder where = new StringBuilder(sql ? "organization_id = :org" : "organizationId = :org");
        params.put("org", caller.organizationId());
        if (clientId != null) {
            requireVisibleClient(caller, clientId);
            where.append(" and ").append(client).append(" = :client");
            params.put("client", clientId);
        }
        if (caller.isClient()) {
            where.append(" and ").append(client).append(" = :self");
            params.put("self", clients.clientIdOfUser(caller.organizationId(), caller.userId()).orElse(-1L));
        } else if (!caller.isAdmin()) {
            long trainerId = trainerIdOf(caller).orElse(-1L);
            List<Long> mine = clients.clientIdsOfTrainer(caller.organizationId(), trainerId);
            where.append(" and (").append(client).append(" in :mine or (").append(client).append(" is null and (")
                    .append(trainer).append(" is null or ").append(trainer).append(" = :me)))");
            // An empty IN list is not valid SQL; -1 matches no row.
            params.put("mine", mine.isEmpty() ? List.of(-1L) : mine);
            params.put("me", trainerId);
        }
        return where.toString();
    }

    private Optional<StoredFile> visible(Caller caller, long id) {
        return StoredFile.findInOrganization(caller.organizationId(), id).filter(f -> canSee(caller, f));
    }

    private boolean canSee(Caller caller, StoredFile f) {
        if (caller.isAdmin()) {
            return true;
        }
        if (f.clientId != null) {
            return clients.canSee(caller, f.clientId);
        }
        if (caller.isClient()) {
            return false;
        }
        return f.trainerId == null || Objects.equals(f.trainerId, trainerIdOf(caller).orElse(null));
    }

    /** Staff change the files they see; a client only the files they uploaded themself. */
    private static void requireEditable(Caller caller, StoredFile f) {
        if (caller.isClient() && !Objects.equals(f.uploadedBy, caller.userId())) {
            throw ApiException.forbidden("Only your trainer can change or remove this file");
        }
    }

    private void requireVisibleClient(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
    }

    private Optional<Long> trainerIdOf(Caller caller) {
        return trainers.trainerIdOfUser(caller.organizationId(), caller.userId());
    }

    private record Links(Long clientId, Long trainerId, Long sessionId) {
    }

    /**
     * Whom a file is about. A client's files are always their own. A trainer's files name themself as trainer
     * (the SPA sends user ids here, so what it sends is not trusted); admins may name any trainer. A session must
     * be one the caller sees, and gives the file its client when none is named.
     */
    private Links links(Caller caller, String clientText, String trainerText, String sessionText, boolean creating) {
        Long clientId = QueryValues.id("client_id", clientText);
        Long trainerId = QueryValues.id("trainer_id", trainerText);
        Long sessionId = QueryValues.id("session_id", sessionText);
        if (caller.isClient()) {
            long self = clients.clientIdOfUser(caller.organizationId(), caller.userId())
                    .orElseThrow(() -> ApiException.forbidden("Your login has no client record"));
            if (clientId != null && clientId != self) {
                throw ApiException.notFound("Client");
            }
            clientId = self;
            trainerId = null;
        } else if (caller.isTrainer()) {
            if (creating || trainerId != null) {
                trainerId = trainerIdOf(caller).orElse(null);
            }
        } else if (trainerId != null && !trainers.exists(caller.organizationId(), trainerId)) {
            throw ApiException.notFound("Trainer");
        }
        if (sessionId != null) {
            SessionView session = sessions.find(caller, sessionId)
                    .orElseThrow(() -> ApiException.notFound("Session"));
            if (clientId == null) {
                clientId = session.clientId();
            } else if (clientId != session.clientId()) {
                throw ApiException.invalidField("session_id", "is a session of another client");
            }
        }
        if (clientId != null) {
            requireVisibleClient(caller, clientId);
        }
        return new Links(clientId, trainerId, sessionId);
    }

    static String category(String value) {
        String category = key(value);
        if (category == null) {
            throw ApiException.invalidField("category", "is required");
        }
        if (!CATEGORIES.containsKey(category)) {
            throw ApiException.invalidField("category", "must be one of " + String.join(", ", CATEGORIES.keySet()));
        }
        return category;
    }

    private static String description(String value) {
        String text = Text.blankToNull(value);
        if (text != null && text.length() > 5000) {
            throw ApiException.invalidField("description", "must be at most 5000 characters");
        }
        return text;
    }

    static String key(String value) {
        String text = Text.blankToNull(value);
        return text == null ? null : text.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    private static String text(Long id) {
        return id == null ? "" : id.toString();
    }

    /** The name the user gave (without any path), or one made from the detected type. */
    private static String fileName(String name, DetectedType type) {
        String text = Text.blankToNull(name);
        if (text == null) {
            return "file." + type.extension();
        }
        String base = text.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isBlank()) {
            return "file." + type.extension();
        }
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }

    private static Map<String, String> categories() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("workout_plan", "Workout plan");
        options.put("nutrition_plan", "Nutrition plan");
        options.put("assessment", "Assessment");
        options.put("progress_photo", "Progress photo");
        options.put("waiver", "Waiver");
        options.put("contract", "Contract");
        options.put("medical", "Medical");
        options.put("invoice", "Invoice");
        options.put("other", "Other");
        return options;
    }

    private static ActivityEvent event(Caller caller, String action, StoredFile f) {
        return ActivityEvent.of(caller, action, "file", f.id).withSubject(f.originalFilename, null)
                .withOwners(f.trainerId, f.clientId);
    }

    FileView view(StoredFile f) {
        String url = signedUrls.url(DOWNLOAD_PATH, f.id, f.organizationId, storageConfig.signedUrlTtl());
        String stored = f.storageKey.substring(f.storageKey.lastIndexOf('/') + 1);
        return new FileView(f.id, stored, f.originalFilename, DOWNLOAD_PATH.replace("{id}", f.id.toString()),
                f.fileSize, f.fileType, f.category, f.clientId, f.trainerId, f.sessionId, f.description,
                f.uploadedBy, f.createdAt, f.updatedAt, url);
    }
}

package com.fitnesscrm.photos.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.measurements.service.MeasurementService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.SignedUrls;
import com.fitnesscrm.common.storage.DetectedType;
import com.fitnesscrm.common.storage.StorageConfig;
import com.fitnesscrm.common.storage.Uploads;
import com.fitnesscrm.common.time.FlexibleDateTime;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.photos.api.PhotoRequests;
import com.fitnesscrm.photos.api.PhotoView;
import com.fitnesscrm.photos.domain.ProgressPhoto;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Progress photos: a client's photos are seen by that client, the trainers assigned to them and admins; anyone
 * else (another trainer, another organization) gets 404. Staff upload for the clients they see, a client for
 * themself. The upload is checked and written to storage before its row is inserted (no database connection is
 * held during the transfer); if the insert fails the object is removed again, and a deleted photo's object is
 * removed after the row's commit.
 */
@ApplicationScoped
public class PhotoService {

    public static final String FILE_PATH = "/api/progress-photos/{id}/file";
    static final Set<String> TYPES = Set.of("front", "side", "back", "other");
    static final List<String> COMPARED_TYPES = List.of("front", "side", "back");
    static final Set<DetectedType> ALLOWED = Set.of(DetectedType.PNG, DetectedType.JPEG, DetectedType.GIF,
            DetectedType.WEBP);

    private final ClientService clients;
    private final MeasurementService measurements;
    private final OrganizationService organizations;
    private final Uploads uploads;
    private final SignedUrls signedUrls;
    private final StorageConfig storageConfig;
    private final PhotoConfig config;
    private final Event<ActivityEvent> activity;

    public PhotoService(ClientService clients, MeasurementService measurements, OrganizationService organizations,
                        Uploads uploads, SignedUrls signedUrls, StorageConfig storageConfig, PhotoConfig config,
                        Event<ActivityEvent> activity) {
        this.clients = clients;
        this.measurements = measurements;
        this.organizations = organizations;
        this.uploads = uploads;
        this.signedUrls = signedUrls;
        this.storageConfig = storageConfig;
        this.config = config;
        this.activity = activity;
    }

    public long maxUploadBytes() {
        return config.maxUploadSize().asLongValue();
    }

    public PhotoRequests.ListResult list(Caller caller, PhotoRequests.Filter filter) {
        StringBuilder where = new StringBuilder("organizationId = :org");
        Parameters params = Parameters.with("org", caller.organizationId());
        clients.listScope(caller, filter.clientId()).restrict(where, params, "clientId");
        String type = Text.blankToNull(filter.photoType());
        if (type != null) {
            where.append(" and photoType = :type");
            params.and("type", photoType(type));
        }
        ZoneId zone = organizations.zoneFor(caller);
        Instant from = FlexibleDateTime.parse("date_from", filter.dateFrom(), zone);
        if (from != null) {
            where.append(" and takenDate >= :from");
            params.and("from", from);
        }
        Instant to = FlexibleDateTime.parse("date_to", filter.dateTo(), zone);
        if (to != null) {
            // A date alone means the whole of that day.
            boolean dateOnly = filter.dateTo().trim().length() == 10;
            where.append(dateOnly ? " and takenDate < :to" : " and takenDate <= :to");
            params.and("to", dateOnly ? to.plus(1, ChronoUnit.DAYS) : to);
        }
        List<PhotoView> photos = ProgressPhoto.<ProgressPhoto>find(where + " order by takenDate desc, id desc", params)
                .list().stream().map(this::view).toList();
        return new PhotoRequests.ListResult(true, photos, photos.size());
    }

    public Optional<PhotoView> find(Caller caller, long id) {
        return visible(caller, id).map(this::view);
    }

    /**
     * Stores a new photo. The caller's hourly upload allowance is counted first; then the form is read, the
     * client checked, and the image validated and stored; then the row is written in its own transaction.
     */
    public PhotoView upload(Caller caller, PhotoRequests.Upload form, Uploads.Incoming file) {
        uploads.countUpload(caller);
        long clientId = uploadClient(caller, form.clientId());
        String type = Text.blankToNull(form.photoType()) == null ? "other" : photoType(form.photoType());
        Instant taken = FlexibleDateTime.parse("taken_date", form.takenDate(), organizations.zoneFor(caller));
        Long measurementId = measurementOf(caller, clientId, form.measurementId());
        String caption = Text.blankToNull(form.caption());
        if (caption != null && caption.length() > 2000) {
            throw ApiException.invalidField("caption", "must be at most 2000 characters");
        }
        return uploads.storeAndRecord(caller.organizationId(), "photos", file, ALLOWED, maxUploadBytes(), stored -> {
            ProgressPhoto photo = new ProgressPhoto();
            photo.organizationId = caller.organizationId();
            photo.clientId = clientId;
            photo.measurementId = measurementId;
            photo.storageKey = stored.key();
            photo.contentType = stored.type().mimeType();
            photo.fileSize = stored.size();
            photo.originalFilename = fileName(file.fileName());
            photo.photoType = type;
            photo.caption = caption;
            photo.takenDate = taken == null ? Instant.now() : taken;
            photo.uploadedBy = caller.userId();
            photo.persist();
            activity.fire(event(caller, ActivityEvent.CREATE, photo));
            return view(photo);
        });
    }

    public Optional<PhotoView> update(Caller caller, long id, PhotoRequests.Update request) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<ProgressPhoto> found = visible(caller, id);
            found.ifPresent(photo -> {
                if (request.photoType() != null) {
                    photo.photoType = Text.blankToNull(request.photoType()) == null ? "other"
                            : photoType(request.photoType());
                }
                if (request.caption() != null) {
                    photo.caption = Text.blankToNull(request.caption());
                }
                if (Text.blankToNull(request.takenDate()) != null) {
                    photo.takenDate = FlexibleDateTime.parse("taken_date", request.takenDate(),
                            organizations.zoneFor(caller));
                }
                if (request.measurementId() != null) {
                    photo.measurementId = measurementOf(caller, photo.clientId, request.measurementId());
                }
                activity.fire(event(caller, ActivityEvent.UPDATE, photo));
            });
            return found.map(this::view);
        });
    }

    /** Deletes the row, then (after its commit) the stored image. */
    public boolean delete(Caller caller, long id) {
        Optional<String> key = QuarkusTransaction.requiringNew().call(() -> {
            Optional<ProgressPhoto> found = visible(caller, id);
            found.ifPresent(photo -> {
                photo.delete();
                activity.fire(event(caller, ActivityEvent.DELETE, photo));
            });
            return found.map(photo -> photo.storageKey);
        });
        key.ifPresent(uploads::discard);
        return key.isPresent();
    }

    /** Per type (front, side, back), the client's earliest and latest photo and how many there are. */
    public Optional<PhotoRequests.ComparisonData> comparison(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = ProgressPhoto.getEntityManager().createNativeQuery(
                        "select photo_type, count(*),"
                                + " (array_agg(id order by taken_date, id))[1],"
                                + " (array_agg(id order by taken_date desc, id desc))[1]"
                                + " from progress_photos where organization_id = ?1 and client_id = ?2"
                                + " and photo_type in ('front', 'side', 'back') group by photo_type")
                .setParameter(1, caller.organizationId())
                .setParameter(2, clientId)
                .getResultList();
        List<Long> ids = rows.stream().flatMap(r -> java.util.stream.Stream.of(((Number) r[2]).longValue(),
                ((Number) r[3]).longValue())).distinct().toList();
        Map<Long, PhotoView> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            ProgressPhoto.<ProgressPhoto>list("organizationId = ?1 and id in ?2", caller.organizationId(), ids)
                    .forEach(photo -> byId.put(photo.id, view(photo)));
        }
        Map<String, PhotoRequests.Pair> pairs = new HashMap<>();
        for (Object[] row : rows) {
            long total = ((Number) row[1]).longValue();
            long first = ((Number) row[2]).longValue();
            long last = ((Number) row[3]).longValue();
            pairs.put((String) row[0], new PhotoRequests.Pair(byId.get(first), total > 1 ? byId.get(last) : null,
                    total));
        }
        return Optional.of(new PhotoRequests.ComparisonData(pairs.get("front"), pairs.get("side"), pairs.get("back")));
    }

    /**
     * The image for a download: through a signed link ({@code expires} and {@code signature} present), or for a
     * caller who may see the photo. Any signed-link failure (expired, altered, another photo's, no such photo)
     * is the same 401, so a link reveals nothing about other ids; a bearer caller gets 404 for what they may not see.
     */
    public Uploads.Opened file(Caller caller, long id, String expires, String signature) {
        ProgressPhoto photo;
        if (expires != null || signature != null) {
            photo = signedPhoto(id, expires, signature);
        } else if (caller != null) {
            photo = visible(caller, id).orElseThrow(() -> ApiException.notFound("Progress photo"));
        } else {
            throw ApiException.unauthorized("unauthorized", "Authentication required: send a bearer token or open"
                    + " the photo's file_url");
        }
        return uploads.open(photo.storageKey)
                .map(object -> new Uploads.Opened(object, photo.contentType, downloadName(photo)))
                .orElseThrow(() -> ApiException.notFound("Progress photo file"));
    }

    private ProgressPhoto signedPhoto(long id, String expires, String signature) {
        long expiry = signedUrls.requireUnexpired(expires, "photo");
        ProgressPhoto photo = ProgressPhoto.<ProgressPhoto>findByIdOptional(id).orElseThrow(() -> SignedUrls.invalidLink("photo"));
        if (!signedUrls.verify(FILE_PATH, photo.id, photo.organizationId, expiry, signature)) {
            throw SignedUrls.invalidLink("photo");
        }
        return photo;
    }

    // ---------- rules ----------

    private Optional<ProgressPhoto> visible(Caller caller, long id) {
        return ProgressPhoto.findInOrganization(caller.organizationId(), id)
                .filter(photo -> clients.canSee(caller, photo.clientId));
    }

    private void requireVisibleClient(Caller caller, long clientId) {
        if (!clients.canSee(caller, clientId)) {
            throw ApiException.notFound("Client");
        }
    }

    /** Staff name a client they see (400 when missing); a client uploads for themself. */
    private long uploadClient(Caller caller, String clientIdText) {
        Long clientId = QueryValues.id("client_id", clientIdText);
        if (clientId == null && caller.isClient()) {
            clientId = clients.clientIdOfUser(caller.organizationId(), caller.userId()).orElse(null);
        }
        if (clientId == null) {
            throw ApiException.invalidField("client_id", "is required");
        }
        requireVisibleClient(caller, clientId);
        return clientId;
    }

    static String photoType(String value) {
        String type = value.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApiException.invalidField("photo_type", "must be front, side, back or other");
        }
        return type;
    }

    /** The measurement a photo names: one of the photo's client, else a 400 (never another client's record). */
    private Long measurementOf(Caller caller, long clientId, String value) {
        Long id = QueryValues.id("measurement_id", value);
        if (id != null && !measurements.isOfClient(caller, clientId, id)) {
            throw ApiException.invalidField("measurement_id", "is not a measurement of this client");
        }
        return id;
    }

    private static String fileName(String name) {
        String text = Text.blankToNull(name);
        if (text == null) {
            return null;
        }
        // Browsers send a bare name, but some clients send a path: keep the last part.
        String base = text.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }

    private static String downloadName(ProgressPhoto photo) {
        String extension = switch (photo.contentType) {
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> "jpg";
        };
        return "progress-photo-" + photo.id + "." + extension;
    }

    private static ActivityEvent event(Caller caller, String action, ProgressPhoto photo) {
        return ActivityEvent.of(caller, action, "progress_photo", photo.id).withOwners(null, photo.clientId);
    }

    PhotoView view(ProgressPhoto p) {
        String url = signedUrls.url(FILE_PATH, p.id, p.organizationId, storageConfig.signedUrlTtl());
        return new PhotoView(p.id, p.clientId, p.measurementId, FILE_PATH.replace("{id}", p.id.toString()),
                p.photoType, p.caption, p.takenDate, p.uploadedBy, p.createdAt, url, p.contentType, p.fileSize,
                p.originalFilename);
    }
}

package com.fitnesscrm.wearables.service;

import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.provider.WearableProvider;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Puts sync work in the durable queue (wearable_sync_jobs). A job that is already pending for the same thing is
 * not added again (the pending-key index, ON CONFLICT DO NOTHING), so a flood of webhook hints for one user is one
 * pending sync, and a retried enqueue is harmless.
 */
@ApplicationScoped
public class SyncQueue {

    public static final String BACKFILL = "backfill";
    public static final String DAILY = "daily";
    public static final String MANUAL = "manual";
    public static final String WEBHOOK = "webhook";
    /** The data type of a job that checks an unsigned deauthorization event against the provider. */
    public static final String DEAUTHORIZATION = "deauthorization";

    /** What a recent sync (daily, manual, webhook hint) fetches: late uploads of the last days come with it. */
    static final Duration RECENT = Duration.ofDays(3);

    private static final String INSERT = "insert into wearable_sync_jobs (connection_id, provider, kind, data_type,"
            + " window_start, window_end, object_id, priority, next_attempt_at, request_id, follow_up)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now(), ?9, ?10)"
            + " on conflict (connection_id, kind, data_type, (coalesce(window_start, 'epoch'::timestamptz)),"
            + " (coalesce(object_id, '')), follow_up) where status = 'pending' do nothing";

    /** The windowless pending job a request met, if no worker holds it (SKIP LOCKED: a held one is being worked). */
    private static final String IDLE = "select id from wearable_sync_jobs where connection_id = ?1 and kind = ?2"
            + " and data_type = ?3 and window_start is null and coalesce(object_id, '') = ?4 and not follow_up"
            + " and status = 'pending' for update skip locked";

    private final WearablesConfig config;

    public SyncQueue(WearablesConfig config) {
        this.config = config;
    }

    /** The history on connect: each granted type over the backfill period, in the provider's window size. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int backfill(WearableConnection c, WearableProvider provider, Set<DataType> types) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant start = end.minus(config.backfillDays() + 1L, ChronoUnit.DAYS);
        int added = 0;
        for (DataType type : types) {
            Duration window = provider.window(type);
            for (Instant from = start; from.isBefore(end); from = from.plus(window)) {
                Instant to = from.plus(window).isAfter(end) ? end : from.plus(window);
                added += insert(c, BACKFILL, type.key(), from, to, null, 2);
            }
        }
        return added;
    }

    /** The last few days of each type: the daily sync, a manual sync, a webhook's hint. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int recent(WearableConnection c, String kind, Set<DataType> types) {
        int added = 0;
        for (DataType type : types) {
            // No window stored: the job fetches up to the moment it runs, so collapsed hints lose nothing.
            added += insert(c, kind, type.key(), null, null, null, DAILY.equals(kind) ? 1 : 0);
        }
        return added;
    }

    /** One provider object a webhook named (a Strava activity created, changed or deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int object(WearableConnection c, DataType type, String objectId) {
        return insert(c, WEBHOOK, type.key(), null, null, objectId, 0);
    }

    /** A deauthorization event to check with the provider before the connection is removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deauthorizationCheck(WearableConnection c) {
        return insert(c, WEBHOOK, DEAUTHORIZATION, null, null, null, 0);
    }

    private int insert(WearableConnection c, String kind, String dataType, Instant from, Instant to, String objectId,
                       int priority) {
        int added = insertRow(c, kind, dataType, from, to, objectId, priority, false);
        if (added == 0 && from == null && !DAILY.equals(kind)) {
            // The same request is pending. If a worker is on it right now, what this request announces may come
            // after its fetch: a follow-up runs once it is done. Otherwise the pending job covers this request.
            boolean idle = !Panache.getEntityManager().createNativeQuery(IDLE).setParameter(1, c.id)
                    .setParameter(2, kind).setParameter(3, dataType).setParameter(4, objectId == null ? "" : objectId)
                    .getResultList().isEmpty();
            if (!idle) {
                added = insertRow(c, kind, dataType, from, to, objectId, priority, true);
            }
        }
        return added;
    }

    private int insertRow(WearableConnection c, String kind, String dataType, Instant from, Instant to,
                          String objectId, int priority, boolean followUp) {
        Object requestId = MDC.get("request_id");
        return Panache.getEntityManager().createNativeQuery(INSERT).setParameter(1, c.id)
                .setParameter(2, c.provider).setParameter(3, kind).setParameter(4, dataType).setParameter(5, from)
                .setParameter(6, to).setParameter(7, objectId == null ? null : objectId.length() > 100 ? objectId.substring(0, 100) : objectId)
                .setParameter(8, (short) priority)
                .setParameter(9, requestId == null ? null : requestId.toString()).setParameter(10, followUp)
                .executeUpdate();
    }
}

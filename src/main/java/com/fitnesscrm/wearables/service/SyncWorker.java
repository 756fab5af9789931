package com.fitnesscrm.wearables.service;

import com.fitnesscrm.common.observability.ErrorReporter;
import com.fitnesscrm.common.observability.JobMonitor;
import com.fitnesscrm.common.observability.LogSafe;
import com.fitnesscrm.wearables.domain.SyncJob;
import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.provider.ProviderData;
import com.fitnesscrm.wearables.provider.ProviderFailure;
import com.fitnesscrm.wearables.provider.ProviderHttp;
import com.fitnesscrm.wearables.provider.ProviderSession;
import com.fitnesscrm.wearables.provider.WearableProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the sync queue. Each job is claimed with {@code FOR UPDATE SKIP LOCKED} and worked inside that transaction:
 * replicas and threads share the queue without taking the same job, and a crash or restart mid-job releases the
 * claim with nothing written, so the job runs again (the writes are idempotent upserts). A job's outcome decides what
 * comes next: done; paused until the provider's rate-limit window reopens (not a failure, nothing lost); retried
 * with exponential backoff; or, when the grant is gone, the connection marked as needing reconnection.
 */
@ApplicationScoped
public class SyncWorker {

    private static final Logger LOG = Logger.getLogger(SyncWorker.class);
    static final String QUEUE_JOB = "wearables-sync-queue";
    static final String DAILY_JOB = "wearables-daily-sync";

    private static final String CLAIM = "select j.id from wearable_sync_jobs j"
            + " join wearable_connections c on c.id = j.connection_id"
            + " where j.status = 'pending' and j.next_attempt_at <= now() and c.status = 'active'"
            + " and (c.paused_until is null or c.paused_until <= now())"
            + " and not exists (select 1 from wearable_provider_pauses p where p.provider = j.provider"
            + " and p.paused_until > now())"
            + " order by j.priority, j.next_attempt_at, j.id limit 1 for update of j skip locked";

    private static final com.fasterxml.jackson.databind.ObjectMapper COUNTS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final ProviderRegistry providers;
    private final TokenVault tokens;
    private final WearableStore store;
    private final SyncQueue queue;
    private final WearablesConfig config;
    private final ErrorReporter errors;
    private final MeterRegistry metrics;
    private final ManagedExecutor executor;
    private final com.fitnesscrm.common.cache.ReadModelCache readModels;
    private final AtomicInteger draining = new AtomicInteger();

    public SyncWorker(ProviderRegistry providers, TokenVault tokens, WearableStore store, SyncQueue queue,
                      WearablesConfig config, ErrorReporter errors, MeterRegistry metrics,
                      com.fitnesscrm.common.cache.ReadModelCache readModels) {
        this.readModels = readModels;
        this.providers = providers;
        this.tokens = tokens;
        this.store = store;
        this.queue = queue;
        this.config = config;
        this.errors = errors;
        this.metrics = metrics;
        // Its own small pool, with no context carried over: a drain kicked by a request is not part of it.
        this.executor = ManagedExecutor.builder().maxAsync(2).maxQueued(4)
                .propagated(org.eclipse.microprofile.context.ThreadContext.NONE)
                .cleared(org.eclipse.microprofile.context.ThreadContext.ALL_REMAINING).build();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Starts draining now, off the request thread (at most two drains at a time on this replica). */
    public void kick() {
        if (draining.incrementAndGet() <= 2) {
            executor.runAsync(() -> {
                try {
                    drain();
                } finally {
                    draining.decrementAndGet();
                }
            });
        } else {
            draining.decrementAndGet();
        }
    }

    @Scheduled(identity = QUEUE_JOB, every = "${app.wearables.queue-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void processDue(ScheduledExecution execution) {
        JobMonitor.inRun(execution, this::drain);
    }

    /** Works due jobs until none is left (or the per-run cap, so the next run continues). */
    public int drain() {
        int done = 0;
        while (done < config.jobsPerRun() && processOne()) {
            done++;
        }
        return done;
    }

    /** Claims the next due job and works it; false when none is due. */
    public boolean processOne() {
        AtomicReference<Long> claimed = new AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().timeout(300).call(() -> claimAndRun(claimed));
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            failed(claimed.get(), e);
            return true;
        } finally {
            MDC.remove("wearable_job_id");
            MDC.remove("request_id");
        }
    }

    private boolean claimAndRun(AtomicReference<Long> claimed) {
        @SuppressWarnings("unchecked")
        List<Number> due = Panache.getEntityManager().createNativeQuery(CLAIM).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        SyncJob job = SyncJob.findById(due.get(0).longValue());
        claimed.set(job.id);
        MDC.put("wearable_job_id", String.valueOf(job.id));
        MDC.put("request_id", job.requestId == null ? "" : job.requestId);
        WearableConnection connection = WearableConnection.findById(job.connectionId);
        WearableProvider provider = providers.require(job.provider);
        Session session = new Session(connection.id, connection.scopes, provider);
        Instant now = Instant.now();
        if (SyncQueue.DEAUTHORIZATION.equals(job.dataType)) {
            provider.probe(session);
            finish(job, 0, "still authorized: the deauthorization event was not confirmed by " + provider.id());
            return true;
        }
        DataType type = DataType.of(job.dataType).orElseThrow(() -> ProviderFailure.rejected(
                "Unknown data type " + job.dataType));
        ProviderData data = job.objectId != null ? provider.fetchObject(type, job.objectId, session)
                : provider.fetch(type, job.windowStart != null ? job.windowStart
                        // Whole days: a provider's day (its samples, its totals) is replaced as a whole.
                        : now.minus(SyncQueue.RECENT).truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                job.windowEnd != null ? job.windowEnd : now.plus(Duration.ofDays(1)), session);
        Map<String, Integer> written = store.write(connection, data);
        int items = written.values().stream().mapToInt(Integer::intValue).sum();
        recordSuccess(connection.id, written);
        if (items > 0) {
            // The client's cached wearable views go stale at commit.
            readModels.clientChanged(connection.organizationId, connection.clientId);
        }
        finish(job, items, null);
        metrics.counter("fitnesscrm.wearables.items.written", "provider", job.provider, "data_type", job.dataType)
                .increment(items);
        count(job, "done");
        LOG.debugf("Wearable job %d (%s %s %s) wrote %d items", job.id, job.provider, job.kind, job.dataType, items);
        return true;
    }

    /**
     * The connection's status after a good job: its counters added to in one statement (jobs of one connection run
     * in parallel, so a read-modify-write of the entity would lose counts), the last error cleared.
     */
    private void recordSuccess(long connectionId, Map<String, Integer> written) {
        String counts;
        try {
            counts = COUNTS.writeValueAsString(written);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Panache.getEntityManager().createNativeQuery("update wearable_connections set items_synced ="
                        + " (select coalesce(jsonb_object_agg(k, coalesce((items_synced ->> k)::int, 0)"
                        + " + coalesce((cast(?1 as jsonb) ->> k)::int, 0)), '{}'::jsonb)"
                        + " from jsonb_object_keys(items_synced || cast(?1 as jsonb)) as k),"
                        + " last_sync_at = now(), last_error = null, last_error_at = null, updated_at = now()"
                        + " where id = ?2")
                .setParameter(1, counts).setParameter(2, connectionId).executeUpdate();
    }

    private static void finish(SyncJob job, int items, String note) {
        job.status = SyncJob.DONE;
        job.items = items;
        job.attempts++;
        job.lastError = note;
        job.finishedAt = Instant.now();
    }

    /** After the job's transaction rolled back: what the failure means for the job and the connection. */
    private void failed(long jobId, RuntimeException error) {
        try {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(jobId, error));
        } catch (RuntimeException e) {
            // Recording the failure failed too: the job must not stay at the head of the queue without backoff.
            LOG.errorf(LogSafe.of(e), "Recording the failure of wearable job %d failed", jobId);
            errors.jobFailed(QUEUE_JOB, String.valueOf(jobId), e);
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                            "update wearable_sync_jobs set attempts = attempts + 1, next_attempt_at = now()"
                                    + " + interval '5 minutes' where id = ?1 and status = 'pending'")
                    .setParameter(1, jobId).executeUpdate());
        }
    }

    private void recordFailure(long jobId, RuntimeException error) {
        ProviderFailure failure = error instanceof ProviderFailure f ? f : null;
        SyncJob job = SyncJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !SyncJob.PENDING.equals(job.status)) {
            return;
        }
        if (failure != null && failure.kind() == ProviderFailure.Kind.GRANT_REVOKED
                && SyncQueue.DEAUTHORIZATION.equals(job.dataType)) {
            // Confirmed by the provider: the athlete withdrew our access. The tokens go, with the connection (its
            // jobs first, the order every writer takes).
            LOG.infof("Wearable connection %d (%s): deauthorization confirmed, connection removed", job.connectionId,
                    job.provider);
            count(job, "deauthorized");
            WearableConnection.deleteWithJobs(job.connectionId);
            return;
        }
        WearableConnection connection = WearableConnection.findById(job.connectionId, LockModeType.PESSIMISTIC_WRITE);
        WearableProvider provider = providers.require(job.provider);
        String message = TokenVault.truncate(LogSafe.text(error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage()), 900);
        Instant now = Instant.now();
        if (failure != null && failure.kind() == ProviderFailure.Kind.RATE_LIMITED) {
            Instant until = failure.retryAt() == null ? now.plusSeconds(60) : failure.retryAt();
            job.nextAttemptAt = until;
            job.lastError = message;
            connection.lastError = "Rate limited by " + provider.displayName() + " until " + until;
            connection.lastErrorAt = now;
            if (failure.perUser()) {
                connection.pausedUntil = until;
            } else {
                pauseProvider(job.provider, until, message);
            }
            count(job, "rate_limited");
            return;
        }
        job.attempts++;
        job.lastError = message;
        if (failure != null && failure.kind() == ProviderFailure.Kind.GRANT_REVOKED) {
            tokens.markNeedsReconnect(connection, provider, message);
            giveUp(job, "revoked");
            return;
        }
        connection.lastError = message;
        connection.lastErrorAt = now;
        if (failure != null && failure.kind() == ProviderFailure.Kind.REJECTED || job.attempts >= config.maxAttempts()) {
            giveUp(job, failure == null ? "error" : failure.kind().name().toLowerCase());
            errors.gaveUp("wearables", "Wearable sync job " + job.id + " (" + job.provider + " " + job.dataType
                    + ") gave up after " + job.attempts + " attempts: " + message, Map.of("provider", job.provider));
            return;
        }
        long backoff = Math.min(3600, config.retryDelay().toSeconds() * (1L << Math.min(job.attempts - 1, 12)));
        job.nextAttemptAt = now.plusSeconds(backoff);
        if (failure == null) {
            // Not the provider: our own bug. Reported, and retried like the provider's failures.
            errors.jobFailed(QUEUE_JOB, String.valueOf(job.id), error);
            LOG.errorf(LogSafe.of(error), "Wearable sync job %d failed", job.id);
        } else {
            LOG.warnf("Wearable sync job %d (%s %s) failed, retry in %d s: %s", job.id, job.provider, job.dataType,
                    backoff, message);
        }
        count(job, "retry");
    }

    private void giveUp(SyncJob job, String outcome) {
        job.status = SyncJob.FAILED;
        job.finishedAt = Instant.now();
        count(job, outcome);
    }

    static void pauseProvider(String provider, Instant until, String reason) {
        Panache.getEntityManager().createNativeQuery("insert into wearable_provider_pauses (provider, paused_until,"
                        + " reason) values (?1, ?2, ?3) on conflict (provider) do update set paused_until ="
                        + " greatest(wearable_provider_pauses.paused_until, excluded.paused_until),"
                        + " reason = excluded.reason")
                .setParameter(1, provider).setParameter(2, until).setParameter(3, TokenVault.truncate(reason, 300))
                .executeUpdate();
    }

    private void count(SyncJob job, String outcome) {
        metrics.counter("fitnesscrm.wearables.sync.jobs", "provider", job.provider, "data_type", job.dataType,
                "outcome", outcome).increment();
    }

    /**
     * The daily sync: connections whose next sync is due get their recent data queued. The UPDATE … RETURNING claims
     * each due connection once, whichever replica runs first; finished jobs older than two weeks are dropped (the
     * backfill's stay: they are its progress).
     */
    @Scheduled(identity = DAILY_JOB, every = "${app.wearables.daily-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dailySync(ScheduledExecution execution) {
        JobMonitor.inRun(execution, () -> {
            int queued = queueDailySyncs();
            if (queued > 0) {
                LOG.infof("Daily wearable sync queued %d jobs", queued);
                kick();
            }
        });
    }

    public int queueDailySyncs() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> due = Panache.getEntityManager().createNativeQuery("update wearable_connections"
                    + " set next_sync_at = now() + interval '1 day' where id in (select id from wearable_connections"
                    + " where status = 'active' and next_sync_at <= now() order by next_sync_at limit 500"
                    + " for update skip locked) returning id").getResultList();
            int queued = 0;
            for (Number id : due) {
                WearableConnection c = WearableConnection.findById(id.longValue());
                WearableProvider provider = providers.find(c.provider).orElse(null);
                if (provider != null && provider.configured()) {
                    queued += queue.recent(c, SyncQueue.DAILY, provider.granted(c.scopes));
                }
            }
            Panache.getEntityManager().createNativeQuery("delete from wearable_sync_jobs where status <> 'pending'"
                    + " and kind <> 'backfill' and finished_at < now() - interval '14 days'").executeUpdate();
            return queued;
        });
    }

    /**
     * A connection's authenticated access during one job: the bearer token, one refresh and resend on a 401, the
     * provider's rate-limit pauses recorded at once (so other workers see them) and honoured for the rest of the job.
     */
    final class Session implements ProviderSession {
        private final long connectionId;
        private final String scopes;
        private final WearableProvider provider;
        private String token;
        private WearableProvider.Pause pause;

        Session(long connectionId, String scopes, WearableProvider provider) {
            this.connectionId = connectionId;
            this.scopes = scopes;
            this.provider = provider;
        }

        @Override
        public String scopes() {
            return scopes;
        }

        @Override
        public ProviderHttp.Response get(URI uri) {
            return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"));
        }

        @Override
        public ProviderHttp.Response send(HttpRequest.Builder request) {
            if (token == null) {
                token = tokens.current(connectionId);
            }
            ProviderHttp.Response response = once(request);
            if (response.status() == 401) {
                token = tokens.refreshed(connectionId, token);
                response = once(request);
                if (response.status() == 401) {
                    throw ProviderFailure.revoked(provider.displayName() + " refuses a freshly refreshed token");
                }
            }
            if (response.status() == 429) {
                ProviderHttp.Response limited = response;
                WearableProvider.Pause p = provider.pauseAfter(limited).orElseGet(() -> new WearableProvider.Pause(
                        Instant.now().plusSeconds(limited.retryAfterSeconds()), false, "429 without a window"));
                throw ProviderFailure.rateLimited(provider.displayName() + " answered 429 (" + p.reason() + ")",
                        p.until(), p.perUser());
            }
            return response;
        }

        private ProviderHttp.Response once(HttpRequest.Builder request) {
            if (pause != null && pause.until().isAfter(Instant.now())) {
                throw ProviderFailure.rateLimited(provider.displayName() + " rate limit reached (" + pause.reason()
                        + ")", pause.until(), pause.perUser());
            }
            ProviderHttp.Response response = provider.http().send(
                    request.setHeader("Authorization", "Bearer " + token).build());
            Optional<WearableProvider.Pause> asked = provider.pauseAfter(response);
            if (asked.isPresent() && response.status() != 429) {
                pause = asked.get();
                record(pause);
            }
            return response;
        }

        private void record(WearableProvider.Pause p) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (p.perUser()) {
                    Panache.getEntityManager().createNativeQuery("update wearable_connections set paused_until ="
                                    + " greatest(coalesce(paused_until, ?1), ?1) where id = ?2")
                            .setParameter(1, p.until()).setParameter(2, connectionId).executeUpdate();
                } else {
                    pauseProvider(provider.id(), p.until(), p.reason());
                }
            });
            LOG.infof("%s rate limit reached: paused until %s (%s)", provider.displayName(), p.until(), p.reason());
        }
    }

}

package com.fitnesscrm.common.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.web.JsonText;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read models (dashboards, statistics, progress figures) computed once and kept in Redis, shared by every replica.
 *
 * <p>Invalidation is by generation: each organization has a counter in Redis, and each client one for the records
 * that concern only them (workout logs and assignments, measurements, goals). A cached value's key embeds the
 * generations it was computed under, and a write increments them <em>after its transaction commits</em>. One
 * script reads the generations and the value in one round trip. The order makes the race harmless: a reader
 * reads the generations, then the database, then stores; a write that commits in between increments the
 * generation after its commit, so the reader's (possibly stale) value lands under the old generation, which no
 * later read asks for. A write that rolls back increments nothing.
 *
 * <p>Features report their writes by firing their {@link ActivityEvent} (which they already do inside the
 * transaction of every audited change) or, for writes that are not audited, by calling
 * {@link #organizationChanged} / {@link #clientChanged}. The TTL is the safety net for what no write reports
 * (time passing beyond the bounds a view gives, changes made outside the services).
 *
 * <p>Redis down or slow: views are computed from the database (short timeouts, then the cache is bypassed for a
 * moment instead of waiting on every request), the outage is logged once, and increments that could not be made
 * are retried before this replica trusts the cache again.
 */
@ApplicationScoped
public class ReadModelCache {

    private static final Logger LOG = Logger.getLogger(ReadModelCache.class);
    private static final Object PENDING_RESOURCE = ReadModelCache.class.getName() + ".generations";
    /** Records that belong to one client and appear only in views about that client (its progress figures). */
    private static final Set<String> CLIENT_RECORDS = Set.of("workout_log", "workout_assignment",
            "program_assignment", "goal", "measurement", "progress_photo");

    /**
     * KEYS: the organization's generation, optionally the client's. ARGV: the value key's prefix, the generation
     * keys' lifetime. A missing generation starts at the current time in microseconds, so a counter that expired
     * (or was lost) never comes back at a value an old cached entry was stored under.
     */
    static final String READ_SCRIPT = """
            local function generation(key, keep)
              local g = redis.call('GET', key)
              if not g then
                local t = redis.call('TIME')
                g = t[1] .. string.format('%06d', tonumber(t[2]))
                redis.call('SET', key, g, 'EX', keep)
              end
              return g
            end
            local key = ARGV[1] .. generation(KEYS[1], ARGV[2])
            if #KEYS > 1 then key = key .. '.' .. generation(KEYS[2], ARGV[2]) end
            return {key, redis.call('GET', key)}
            """;

    /** KEYS: generations to increment. ARGV: their lifetime. */
    static final String BUMP_SCRIPT = """
            local t = redis.call('TIME')
            local seed = t[1] .. string.format('%06d', tonumber(t[2]))
            for _, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then redis.call('INCR', key) else redis.call('SET', key, seed) end
              redis.call('EXPIRE', key, ARGV[1])
            end
            return #KEYS
            """;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final ReadModelCacheConfig config;
    private final String generationLifetime;
    /** Increments that failed (Redis down): made before this replica reads from the cache again. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    /** Stamps pending increments, so a flush never drops one that failed again while it ran. */
    private final AtomicLong pendingStamp = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long bypassUntilNanos;
    private volatile String namespace;
    private final DataSource database;

    public ReadModelCache(ReactiveRedisDataSource redis, ObjectMapper json,
                          TransactionSynchronizationRegistry transactions, ReadModelCacheConfig config,
                          DataSource database) {
        this.database = database;
        this.redis = redis;
        this.json = json;
        this.transactions = transactions;
        this.config = config;
        // Far longer than any value lives: a generation must outlive the values stored under it.
        long ttlSeconds = config.readModelTtl().toSeconds();
        this.generationLifetime = String.valueOf(Math.max(Duration.ofDays(1).toSeconds(), ttlSeconds * 10));
    }

    /**
     * The cached view's JSON, or {@code compute}'s result serialized (by the application's object mapper, as the
     * REST layer would) and stored for the next reader. A hit is served as stored: no parsing and no second
     * serialization, which were most of a cached view's cost. An empty result is not stored.
     *
     * @param shape      the view's type: its structure is part of the key, so a replica running another version
     *                   of the view never serves this one's JSON (nor the reverse) during a rolling deploy
     * @param validUntil when the view stops being true with no write (a day or week ending, the next session
     *                   starting), or null for none; the value expires then or at the TTL, whichever comes first
     */
    public <T> Optional<JsonText> readOptionalJson(ReadModelKey key, Class<?> shape, Supplier<Optional<T>> compute,
                                                   Function<T, Instant> validUntil) {
        Lookup found = lookup(key, shape);
        if (found != null && found.json() != null) {
            LOG.debugf("read model hit %s", found.valueKey());
            return Optional.of(JsonText.ofUtf8(found.json()));
        }
        Optional<T> computed = compute.get();
        if (computed.isEmpty()) {
            return Optional.empty();
        }
        byte[] json;
        try {
            json = this.json.writeValueAsBytes(computed.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Read model " + key.view() + " cannot be written as JSON", e);
        }
        if (found != null) {
            LOG.debugf("read model miss %s", found.valueKey());
            store(found.valueKey(), json, validUntil.apply(computed.get()));
        }
        return Optional.of(JsonText.ofUtf8(json));
    }

    /** As {@link #readOptionalJson} for a view that always exists. */
    public <T> JsonText readJson(ReadModelKey key, Class<?> shape, Supplier<T> compute,
                                 Function<T, Instant> validUntil) {
        return readOptionalJson(key, shape, () -> Optional.of(compute.get()), validUntil).orElseThrow();
    }

    /** Where the value lives (under the generations just read) and what is stored there; null: do not use Redis. */
    private record Lookup(String valueKey, byte[] json) {
    }

    private Lookup lookup(ReadModelKey key, Class<?> shape) {
        if (!config.enabled() || Context.isOnEventLoopThread() || !usable()) {
            return null;
        }
        String namespace = namespace();
        if (namespace == null) {
            return null;
        }
        try {
            List<String> args = new ArrayList<>();
            args.add(READ_SCRIPT);
            args.add(key.clientId() == null ? "1" : "2");
            args.add(ReadModelKey.organizationGeneration(namespace, key.organizationId()));
            if (key.clientId() != null) {
                args.add(ReadModelKey.clientGeneration(namespace, key.organizationId(), key.clientId()));
            }
            args.add(key.valuePrefix(namespace, ViewShape.of(shape)));
            args.add(generationLifetime);
            Response found = await(redis.execute("EVAL", args.toArray(String[]::new)));
            Response value = found.size() > 1 ? found.get(1) : null;
            boolean missing = value == null || value.type() != ResponseType.BULK; // nil: nothing stored
            return new Lookup(found.get(0).toString(), missing ? null : value.toBytes());
        } catch (RuntimeException e) {
            failed(e);
            return null;
        }
    }

    /** Something every view of the organization may show changed (sessions, people, assignments, settings). */
    public void organizationChanged(long organizationId) {
        String namespace = namespace();
        if (namespace != null) {
            changed(ReadModelKey.organizationGeneration(namespace, organizationId));
        }
    }

    /** Something only views about this client show changed (their workouts, measurements, goals). */
    public void clientChanged(long organizationId, long clientId) {
        String namespace = namespace();
        if (namespace != null) {
            changed(ReadModelKey.clientGeneration(namespace, organizationId, clientId));
        }
    }

    /**
     * Tells this database apart from an earlier one under the same Redis: ids restart when a database is
     * recreated or restored (tests clean their schema at every start), and organization 1 of today must not read
     * the figures cached for organization 1 of yesterday. The organizations table's oid changes whenever the
     * table is created anew, and every replica on the same database sees the same one. Null (cache unused) while
     * it cannot be read.
     */
    String namespace() {
        String known = namespace;
        if (known != null) {
            return known;
        }
        String table = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.hibernate-orm.database.default-schema", String.class)
                .map(schema -> schema + ".organizations").orElse("organizations");
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select current_database(), cast(cast(to_regclass(?) as oid) as bigint)")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long oid = row.getLong(2);
                if (row.wasNull()) {
                    return null;
                }
                known = row.getString(1) + "." + oid;
            }
        } catch (SQLException e) {
            LOG.debugf("Read-model cache namespace unavailable (%s)", e.getMessage());
            return null;
        }
        namespace = known;
        return known;
    }

    /** Resolved once at start (after the migrations), not inside the first write's transaction. */
    void onStart(@Observes StartupEvent event) {
        namespace();
    }

    /** Every audited change is a write that may change a view; it is reported inside the write's transaction. */
    void onActivity(@Observes ActivityEvent event) {
        if (event.clientId() != null && CLIENT_RECORDS.contains(event.entityType())) {
            clientChanged(event.organizationId(), event.clientId());
        } else {
            organizationChanged(event.organizationId());
        }
    }

    /** Collects the generation for the end of the current transaction, or increments it now outside one. */
    @SuppressWarnings("unchecked")
    private void changed(String generation) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            bump(Set.of(generation));
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback: nothing will change
        }
        Set<String> collected = (Set<String>) transactions.getResource(PENDING_RESOURCE);
        if (collected == null) {
            Set<String> generations = new LinkedHashSet<>();
            transactions.putResource(PENDING_RESOURCE, generations);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int outcome) {
                    if (outcome == Status.STATUS_COMMITTED) {
                        bump(generations);
                    }
                }
            });
            collected = generations;
        }
        collected.add(generation);
    }

    /** Increments the generations in one round trip; what fails is kept and retried. */
    private void bump(Set<String> generations) {
        if (!config.enabled()) {
            return;
        }
        if (Context.isOnEventLoopThread()) {
            // Never block the event loop; writes run on worker threads, so this is only a safeguard.
            execute(BUMP_SCRIPT, generations).subscribe().with(ok -> { }, failure -> {
                owe(generations);
                failed(failure);
            });
            return;
        }
        if (!usable()) {
            owe(generations);
            return;
        }
        try {
            await(execute(BUMP_SCRIPT, generations));
            LOG.debugf("read models invalidated: %s", generations);
        } catch (RuntimeException e) {
            owe(generations);
            failed(e);
        }
    }

    private void owe(Set<String> generations) {
        long stamp = pendingStamp.incrementAndGet();
        generations.forEach(generation -> pending.put(generation, stamp));
    }

    private void store(String valueKey, byte[] json, Instant validUntil) {
        long millis = Math.min(config.readModelTtl().toMillis(),
                validUntil == null ? Long.MAX_VALUE : Duration.between(Instant.now(), validUntil).toMillis());
        if (millis <= 0) {
            return;
        }
        try {
            await(redis.execute("SET", valueKey, new String(json, StandardCharsets.UTF_8), "PX",
                    String.valueOf(millis)));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * Whether to ask Redis now: not while a recent failure is fresh, and only once increments this replica owes
     * are made (until then its cached views could be stale).
     */
    private boolean usable() {
        if (down.get() && System.nanoTime() < bypassUntilNanos) {
            return false;
        }
        if (!pending.isEmpty()) {
            Map<String, Long> owed = Map.copyOf(pending);
            try {
                await(execute(BUMP_SCRIPT, owed.keySet()));
                owed.forEach(pending::remove);
            } catch (RuntimeException e) {
                failed(e);
                return false;
            }
        }
        return true;
    }

    private void failed(Throwable failure) {
        bypassUntilNanos = System.nanoTime() + config.retryAfter().toNanos();
        // One line per outage, not one per request.
        if (down.compareAndSet(false, true)) {
            LOG.warnf("Read-model cache cannot reach Redis (%s): computing views from the database until it answers",
                    failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        }
    }

    private Uni<Response> execute(String script, Set<String> generations) {
        List<String> args = new ArrayList<>();
        args.add(script);
        args.add(String.valueOf(generations.size()));
        args.addAll(generations);
        args.add(generationLifetime);
        return redis.execute("EVAL", args.toArray(String[]::new));
    }

    /** Blocks the (worker) thread for at most the configured timeout; an answer ends an outage. */
    private Response await(Uni<Response> call) {
        Response response = call.await().atMost(config.redisTimeout());
        if (down.compareAndSet(true, false)) {
            LOG.info("Read-model cache reaches Redis again");
        }
        return response;
    }
}

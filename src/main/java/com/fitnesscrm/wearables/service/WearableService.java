package com.fitnesscrm.wearables.service;

import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.cache.ReadModelCache;
import com.fitnesscrm.common.cache.ReadModelKey;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.web.JsonText;
import com.fitnesscrm.wearables.api.WearableData;
import com.fitnesscrm.wearables.api.WearableViews;
import com.fitnesscrm.wearables.domain.WearableConnection;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.provider.ProviderFailure;
import com.fitnesscrm.wearables.provider.ProviderHttp;
import com.fitnesscrm.wearables.provider.ProviderSession;
import com.fitnesscrm.wearables.provider.WearableProvider;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Connecting wearables and reading their data. A client connects their own devices; their trainers and the
 * organization's admins see the connections and the data; anyone else gets 404, as for any record they may not see.
 */
@ApplicationScoped
public class WearableService {

    private static final Logger LOG = Logger.getLogger(WearableService.class);
    /** The integrations the SPA's settings page asks about that this service does not offer (contract 2.7). */
    private static final List<String> OTHER_INTEGRATIONS = List.of("google_calendar", "calendly", "zoom",
            "myfitnesspal", "zapier");
    private static final int MAX_RANGE_DAYS = 366;

    private final ProviderRegistry providers;
    private final OAuthStates states;
    private final TokenVault tokens;
    private final SyncQueue queue;
    private final SyncWorker worker;
    private final WearableReads reads;
    private final ClientService clients;
    private final AppConfig app;
    private final ReadModelCache readModels;

    public WearableService(ProviderRegistry providers, OAuthStates states, TokenVault tokens, SyncQueue queue,
                           SyncWorker worker, WearableReads reads, ClientService clients, AppConfig app,
                           ReadModelCache readModels) {
        this.providers = providers;
        this.states = states;
        this.tokens = tokens;
        this.queue = queue;
        this.worker = worker;
        this.reads = reads;
        this.clients = clients;
        this.app = app;
        this.readModels = readModels;
    }

    // ---- providers and connections ----

    public WearableViews.ProviderList providers(Caller caller) {
        Map<String, WearableViews.ConnectionView> mine = new HashMap<>();
        if (caller.isClient()) {
            clients.clientIdOfUser(caller.organizationId(), caller.userId()).ifPresent(clientId ->
                    views(WearableConnection.list("organizationId = ?1 and clientId = ?2", caller.organizationId(),
                            clientId)).forEach(v -> mine.put(v.provider(), v)));
        }
        return new WearableViews.ProviderList(providers.all().stream().map(p -> new WearableViews.ProviderView(p.id(),
                p.displayName(), p.configured(), p.supports().stream().map(DataType::key).toList(),
                mine.get(p.id()))).toList());
    }

    /** The caller's connections (a client), or those of a client the caller sees, or of every client they see. */
    public WearableViews.ConnectionList connections(Caller caller, Long clientId) {
        ClientService.ClientScope scope = clients.listScope(caller, caller.isClient() ? null : clientId);
        if (caller.isClient() && clientId != null && !scope.ids().contains(clientId)) {
            throw ApiException.notFound("Client");
        }
        if (scope.none()) {
            return new WearableViews.ConnectionList(List.of());
        }
        List<WearableConnection> rows = scope.all()
                ? WearableConnection.list("organizationId = ?1 order by clientId, provider", caller.organizationId())
                : WearableConnection.list("organizationId = ?1 and clientId in ?2 order by clientId, provider",
                caller.organizationId(), scope.ids());
        return new WearableViews.ConnectionList(views(rows));
    }

    /** Starts a connection: the provider's consent URL with a fresh state and PKCE challenge. Clients only. */
    public WearableViews.ConnectStarted connect(Caller caller, String providerId) {
        WearableProvider provider = providers.require(providerId);
        if (!caller.isClient()) {
            throw ApiException.forbidden("A client connects their own devices: sign in as the client");
        }
        long clientId = clients.clientIdOfUser(caller.organizationId(), caller.userId())
                .orElseThrow(() -> ApiException.notFound("Client"));
        providers.requireConfigured(providerId);
        OAuthStates.Started started = states.start(caller.organizationId(), caller.userId(), clientId, provider.id());
        String url = provider.authorizationUrl(started.state(), provider.usesPkce() ? started.codeChallenge() : null,
                redirectUri(provider));
        return new WearableViews.ConnectStarted(url, provider.id(), started.expiresAt());
    }

    /** Our callback URL at the provider: fixed per provider, as it must be registered there. */
    public String redirectUri(WearableProvider provider) {
        return app.baseUrl().replaceAll("/+$", "") + "/api/wearables/" + provider.id() + "/callback";
    }

    /**
     * The provider sent the browser back. Whatever happens, the answer is where to send the browser next: the SPA
     * with {@code wearable}, {@code status} (connected or error) and, on error, {@code reason}. Nothing is stored
     * unless the state verifies and the provider gives tokens for it.
     */
    public URI callback(String providerId, String code, String state, String scope, String error) {
        Optional<WearableProvider> found = providers.find(providerId);
        if (found.isEmpty()) {
            return outcome(providerId, "error", "unknown_provider");
        }
        WearableProvider provider = found.get();
        Optional<OAuthStates.Taken> taken = QuarkusTransaction.requiringNew().call(() -> states.take(state,
                provider.id()));
        if (taken.isEmpty()) {
            LOG.infof("Wearable callback for %s refused: state unknown, used, expired or not for this provider",
                    provider.id());
            return outcome(provider.id(), "error", "invalid_state");
        }
        if (error != null || code == null || code.isBlank()) {
            return outcome(provider.id(), "error", error != null && error.matches("[a-z_]{1,40}") ? error : "denied");
        }
        OAuthStates.Taken who = taken.get();
        try {
            WearableProvider.Grant grant = provider.exchange(code, who.codeVerifier(), redirectUri(provider), scope);
            WearableProvider.Identity identity = provider.identify(grant, new GrantSession(provider, grant));
            Set<DataType> granted = provider.granted(grant.scopes() == null ? "" : grant.scopes());
            if (granted.isEmpty()) {
                // Not revoked: at Google and Strava a revoke ends the user's whole grant, including a connection
                // they already have. The new tokens are just not kept.
                return outcome(provider.id(), "error", "no_data_scopes");
            }
            String result = QuarkusTransaction.requiringNew().call(() -> save(who, provider, grant, identity, granted));
            if (!"connected".equals(result)) {
                return outcome(provider.id(), "error", result);
            }
            worker.kick();
            return outcome(provider.id(), "connected", null);
        } catch (ProviderFailure e) {
            LOG.warnf("Wearable callback for %s: the token exchange failed (%s): %s", provider.id(), e.kind(),
                    e.getMessage());
            return outcome(provider.id(), "error", e.kind() == ProviderFailure.Kind.UNAVAILABLE
                    || e.kind() == ProviderFailure.Kind.RATE_LIMITED ? "provider_unavailable" : "exchange_failed");
        } catch (RuntimeException e) {
            // Two callbacks of one client at once (a double click) meet on the unique keys: the browser still goes
            // back to the SPA, told to try again, not to a JSON error page.
            LOG.warnf("Wearable callback for %s failed: %s", provider.id(), e.getMessage());
            return outcome(provider.id(), "error", "try_again");
        }
    }

    private String save(OAuthStates.Taken who, WearableProvider provider, WearableProvider.Grant grant,
                        WearableProvider.Identity identity, Set<DataType> granted) {
        Optional<WearableConnection> elsewhere = WearableConnection.find("provider = ?1 and providerUserId = ?2"
                + " and clientId <> ?3", provider.id(), identity.userId(), who.clientId()).firstResultOptional();
        if (elsewhere.isPresent()) {
            // Not revoked: that would end the grant the other connection uses (a revoke is per user and app).
            return "account_already_connected";
        }
        WearableConnection c = WearableConnection.ofClient(who.organizationId(), who.clientId(), provider.id())
                .orElse(null);
        boolean fresh = c == null || !WearableConnection.ACTIVE.equals(c.status)
                || !identity.userId().equals(c.providerUserId);
        if (c == null) {
            c = new WearableConnection();
            c.organizationId = who.organizationId();
            c.clientId = who.clientId();
            c.provider = provider.id();
            c.itemsSynced = new HashMap<>();
        }
        c.userId = who.userId();
        c.providerUserId = identity.userId();
        c.legacyUserId = identity.legacyUserId();
        c.scopes = "";
        tokens.store(c, grant);
        c.status = WearableConnection.ACTIVE;
        c.lastError = null;
        c.lastErrorAt = null;
        c.pausedUntil = null;
        if (fresh) {
            c.connectedAt = Instant.now();
        }
        c.nextSyncAt = Instant.now().plus(1, ChronoUnit.DAYS);
        c.persist();
        Panache.getEntityManager().flush();
        if (fresh) {
            // A reconnection's backfill is its progress: the earlier one's rows go.
            Panache.getEntityManager().createNativeQuery("delete from wearable_sync_jobs where connection_id = ?1"
                    + " and kind = 'backfill'").setParameter(1, c.id).executeUpdate();
            queue.backfill(c, provider, granted);
        }
        LOG.infof("Wearable connection %d: client %d connected %s (%s)", c.id, c.clientId, provider.id(),
                granted.stream().map(DataType::key).toList());
        return "connected";
    }

    private URI outcome(String provider, String status, String reason) {
        StringBuilder url = new StringBuilder(app.frontendUrl().replaceAll("/+$", "")).append("/client.html?wearable=")
                .append(ProviderHttp.encode(provider == null ? "" : provider)).append("&status=").append(status);
        if (reason != null) {
            url.append("&reason=").append(ProviderHttp.encode(reason));
        }
        return URI.create(url.toString());
    }

    /**
     * Disconnects: the grant is revoked at the provider (where it has a revoke endpoint; a failure there does not
     * keep the tokens), and the connection with its tokens is deleted. Synced data stays: it is the client's history.
     */
    public WearableViews.Disconnected disconnect(Caller caller, String providerId, Long clientId) {
        WearableProvider provider = providers.require(providerId);
        long client = clientFor(caller, clientId);
        if (!caller.isClient() && !caller.isAdmin()) {
            throw ApiException.forbidden("Only the client or an admin disconnects a wearable");
        }
        WearableConnection c = QuarkusTransaction.requiringNew().call(() -> WearableConnection
                .ofClient(caller.organizationId(), client, provider.id()).orElse(null));
        if (c == null) {
            throw ApiException.notFound("Connection");
        }
        boolean revoked = false;
        if (c.accessTokenCiphertext != null) {
            try {
                // A live access token (Strava's deauthorize takes only that, and they last six hours).
                String access = tokens.current(c.id);
                String refresh = QuarkusTransaction.requiringNew().call(() -> {
                    WearableConnection fresh = WearableConnection.findById(c.id);
                    return fresh == null || fresh.refreshTokenCiphertext == null ? null : tokens.refreshToken(fresh);
                });
                provider.revoke(access, refresh);
                revoked = true;
            } catch (RuntimeException e) {
                LOG.warnf("Revoking %s for connection %d failed (tokens deleted anyway): %s", provider.id(), c.id,
                        e.getMessage());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> WearableConnection.deleteWithJobs(c.id));
        return new WearableViews.Disconnected(provider.displayName() + " disconnected", provider.id(), revoked);
    }

    /** Queues a recent sync of the caller's connections (all, or one provider's), then starts the worker. */
    public WearableViews.SyncQueued sync(Caller caller, String providerId, Long clientId) {
        WearableProvider only = providerId == null ? null : providers.require(providerId);
        long client = clientFor(caller, clientId);
        List<String> synced = new ArrayList<>();
        int queued = QuarkusTransaction.requiringNew().call(() -> {
            int added = 0;
            for (WearableConnection c : WearableConnection.<WearableConnection>list("organizationId = ?1"
                    + " and clientId = ?2 and status = 'active'", caller.organizationId(), client)) {
                WearableProvider p = providers.find(c.provider).orElse(null);
                if (p == null || !p.configured() || only != null && !only.id().equals(c.provider)) {
                    continue;
                }
                added += queue.recent(c, SyncQueue.MANUAL, p.granted(c.scopes));
                synced.add(c.provider);
            }
            return added;
        });
        if (only != null && synced.isEmpty()) {
            throw ApiException.notFound("Connection");
        }
        if (queued > 0) {
            worker.kick();
        }
        return new WearableViews.SyncQueued(queued, synced, synced.isEmpty() ? "No active connections to sync"
                : "Sync queued for " + String.join(", ", synced));
    }

    /** {@code /api/integrations/status}: the SPA's five keys (none offered here) and one per wearable provider. */
    public Map<String, WearableViews.IntegrationState> integrations(Caller caller) {
        Map<String, WearableViews.IntegrationState> out = new LinkedHashMap<>();
        OTHER_INTEGRATIONS.forEach(k -> out.put(k, new WearableViews.IntegrationState(false, false)));
        Set<String> connected = new TreeSet<>(connectedProviders(caller));
        for (WearableProvider p : providers.all()) {
            out.put(p.id(), new WearableViews.IntegrationState(p.configured(), connected.contains(p.id())));
        }
        return out;
    }

    /**
     * The providers with an active connection among the clients the caller sees: one aggregate query (the panel
     * needs a yes or no per provider, not the connections).
     */
    @SuppressWarnings("unchecked")
    private List<String> connectedProviders(Caller caller) {
        ClientService.ClientScope scope = clients.listScope(caller, null);
        if (scope.none()) {
            return List.of();
        }
        if (scope.all()) {
            return Panache.getEntityManager().createNativeQuery("select distinct provider from wearable_connections"
                    + " where organization_id = ?1 and status = 'active'").setParameter(1, caller.organizationId())
                    .getResultList();
        }
        return Panache.getEntityManager().createNativeQuery("select distinct provider from wearable_connections"
                        + " where organization_id = ?1 and status = 'active' and client_id = any(cast(?2 as bigint[]))")
                .setParameter(1, caller.organizationId())
                .setParameter(2, scope.ids().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
    }

    // ---- data ----

    public record Query(Long clientId, String from, String to, String provider) {
    }

    /*
     * The reads are read models: computed on a miss, then served as stored JSON from Redis until a sync writes
     * something for the client (SyncWorker bumps the client's generation), or the dates the request resolves to
     * change (a new day is a new key). The JFR profile of the uncached read showed the two queries and their
     * mapping at about a third of the request's CPU, on top of the request pipeline every endpoint pays.
     */

    public JsonText daily(Caller caller, Query q) {
        WearableData.Range r = range(caller, q);
        return cached("wearables-daily", caller, r, "", WearableData.DailyList.class, () -> new WearableData.DailyList(
                r.clientId(), r.from(), r.to(), reads.daily(r.clientId(), r.from(), r.to(), r.provider())));
    }

    public JsonText heartRate(Caller caller, Query q, boolean samples) {
        WearableData.Range r = range(caller, q);
        return cached("wearables-heart-rate", caller, r, samples ? "samples" : "", WearableData.HeartRateList.class,
                () -> new WearableData.HeartRateList(r.clientId(), r.from(), r.to(),
                        reads.heartRate(r.clientId(), r.from(), r.to(), r.provider(), samples)));
    }

    public JsonText sleep(Caller caller, Query q) {
        WearableData.Range r = range(caller, q);
        return cached("wearables-sleep", caller, r, "", WearableData.SleepList.class, () -> new WearableData.SleepList(
                r.clientId(), r.from(), r.to(), reads.sleep(r.clientId(), r.from(), r.to(), r.provider())));
    }

    public JsonText workouts(Caller caller, Query q) {
        WearableData.Range r = range(caller, q);
        return cached("wearables-workouts", caller, r, "", WearableData.WorkoutList.class,
                () -> new WearableData.WorkoutList(r.clientId(), r.from(), r.to(),
                        reads.workouts(r.clientId(), r.from(), r.to(), r.provider())));
    }

    public JsonText body(Caller caller, Query q) {
        WearableData.Range r = range(caller, q);
        return cached("wearables-body", caller, r, "", WearableData.BodyList.class, () -> new WearableData.BodyList(
                r.clientId(), r.from(), r.to(), reads.body(r.clientId(), r.from(), r.to(), r.provider())));
    }

    /** The same for every caller who may see the client (visibility was decided before): keyed on the range only. */
    private <T> JsonText cached(String view, Caller caller, WearableData.Range r, String variant, Class<T> shape,
                                java.util.function.Supplier<T> compute) {
        return readModels.readJson(ReadModelKey.of(view, caller.organizationId(), r.clientId(), r.from(), r.to(),
                r.provider() == null ? "merged" : r.provider(), variant), shape, compute, v -> null);
    }

    private WearableData.Range range(Caller caller, Query q) {
        long client = clientFor(caller, q.clientId());
        List<com.fitnesscrm.common.error.FieldError> problems = new ArrayList<>();
        LocalDate to = date("to", q.to(), problems);
        LocalDate from = date("from", q.from(), problems);
        if (q.provider() != null && providers.find(q.provider()).isEmpty()) {
            problems.add(new com.fitnesscrm.common.error.FieldError("provider", "Unknown provider"));
        }
        ApiException.failIfAny(problems);
        to = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        from = from == null ? to.minusDays(29) : from;
        if (from.isAfter(to)) {
            throw ApiException.invalidField("from", "must not be after to");
        }
        if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
            throw ApiException.invalidField("to", "at most " + MAX_RANGE_DAYS + " days after from");
        }
        return new WearableData.Range(client, from, to, q.provider());
    }

    private static LocalDate date(String field, String value, List<com.fitnesscrm.common.error.FieldError> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            problems.add(new com.fitnesscrm.common.error.FieldError(field, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    /** Whose data: a client's own (a client_id of anyone else is a 404); staff must name a client they see. */
    private long clientFor(Caller caller, Long requested) {
        if (caller.isClient()) {
            long own = clients.clientIdOfUser(caller.organizationId(), caller.userId())
                    .orElseThrow(() -> ApiException.notFound("Client"));
            if (requested != null && requested != own) {
                throw ApiException.notFound("Client");
            }
            return own;
        }
        if (requested == null) {
            throw ApiException.invalidField("client_id", "is required: whose wearable data");
        }
        if (!clients.canSee(caller, requested)) {
            throw ApiException.notFound("Client");
        }
        return requested;
    }

    private List<WearableViews.ConnectionView> views(List<WearableConnection> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, int[]> progress = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> counts = Panache.getEntityManager().createNativeQuery("select connection_id,"
                        + " count(*) filter (where kind = 'backfill'),"
                        // Done only: a backfill job given up is not history fetched.
                        + " count(*) filter (where kind = 'backfill' and status = 'done'),"
                        + " count(*) filter (where status = 'pending')"
                        + " from wearable_sync_jobs where connection_id = any(cast(?1 as bigint[])) group by connection_id")
                .setParameter(1, rows.stream().map(c -> String.valueOf(c.id))
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        for (Object[] r : counts) {
            progress.put(((Number) r[0]).longValue(), new int[]{((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue()});
        }
        return rows.stream().map(c -> {
            int[] p = progress.getOrDefault(c.id, new int[]{0, 0, 0});
            WearableProvider provider = providers.find(c.provider).orElse(null);
            return new WearableViews.ConnectionView(c.id, c.provider,
                    provider == null ? c.provider : provider.displayName(), c.clientId, c.status,
                    WearableConnection.NEEDS_RECONNECT.equals(c.status), c.connectedAt, c.lastSyncAt, c.lastError,
                    c.lastErrorAt, Map.copyOf(c.itemsSynced), p[0] == 0 ? 100 : (int) Math.floor(100.0 * p[1] / p[0]),
                    p[2], c.nextSyncAt, c.pausedUntil != null && c.pausedUntil.isAfter(Instant.now()) ? c.pausedUntil
                    : null, provider == null ? List.of() : provider.granted(c.scopes).stream().map(DataType::key).toList());
        }).toList();
    }

    /**
     * Access during the callback, with the tokens just granted (no connection exists yet to refresh): used for the
     * identity call only.
     */
    private static final class GrantSession implements ProviderSession {
        private final WearableProvider provider;
        private final WearableProvider.Grant grant;

        GrantSession(WearableProvider provider, WearableProvider.Grant grant) {
            this.provider = provider;
            this.grant = grant;
        }

        @Override
        public String scopes() {
            return grant.scopes();
        }

        @Override
        public ProviderHttp.Response get(URI uri) {
            return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"));
        }

        @Override
        public ProviderHttp.Response send(HttpRequest.Builder request) {
            ProviderHttp.Response response = provider.http().send(request.setHeader("Authorization", "Bearer "
                    + grant.accessToken()).build());
            if (response.status() == 401) {
                throw ProviderFailure.revoked(provider.displayName() + " refused the token it just issued");
            }
            if (response.status() == 429) {
                throw ProviderFailure.rateLimited(provider.displayName() + " answered 429", null, false);
            }
            return response;
        }
    }
}

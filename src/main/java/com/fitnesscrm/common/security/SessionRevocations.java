package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Makes sign-outs take effect on access tokens too, not only on refresh tokens. A revoked login (refresh-token
 * family) is marked in Redis for one access-token lifetime, after which every access token of that login has
 * expired anyway. Shared by all replicas.
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveValueCommands<String, String> values;
    private final Duration markLifetime;

    public SessionRevocations(ReactiveRedisDataSource redis, AppConfig config) {
        this.values = redis.value(String.class);
        // A little longer than a token lives, so clock skew between replicas cannot reopen the gap.
        this.markLifetime = config.jwt().accessTokenTtl().plusMinutes(1);
    }

    /** Access tokens of this login stop working now. */
    public void revokeFamily(String familyId) {
        try {
            values.set(familyKey(familyId), "1", new SetArgs().ex(markLifetime)).await().atMost(REDIS_TIMEOUT);
        } catch (RuntimeException e) {
            // The refresh tokens are already revoked in the database; the access tokens then simply run out.
            LOG.warnf("Could not record a sign-out in Redis (%s); its access tokens expire on their own within %s",
                    e.getMessage(), markLifetime);
        }
    }

    /**
     * The Redis key whose presence means this login was signed out, or null for a token without a login family.
     * {@link SignedInAdmission} reads it in the same round trip as the caller's rate limits.
     */
    public String markKey(String familyId) {
        return familyId == null ? null : familyKey(familyId);
    }

    private static String familyKey(String familyId) {
        return "auth:revoked-family:" + familyId;
    }
}

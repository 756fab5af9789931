package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
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
     * Whether a token is still good. Fails open when Redis cannot answer: the token is short-lived and was
     * correctly signed, and refusing every request during a Redis outage would take the whole API down.
     */
    public Uni<Boolean> stillValid(String familyId) {
        if (familyId == null) {
            return Uni.createFrom().item(true);
        }
        return values.get(familyKey(familyId))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(mark -> mark == null)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Cannot check session revocations (%s); accepting the signed token", failure.getMessage());
                    return true;
                });
    }

    private static String familyKey(String familyId) {
        return "auth:revoked-family:" + familyId;
    }
}

package com.fitnesscrm.common.health;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The contract's health route. The API keeps serving without Redis (rate limits fail open, credential limits
 * fail closed), so a Redis outage reads "degraded" here rather than down; the database is essential.
 */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Health")
public class ApiHealthResource {

    private final AgroalDataSource dataSource;
    private final ReactiveRedisDataSource redis;
    private final String version;

    public ApiHealthResource(AgroalDataSource dataSource, ReactiveRedisDataSource redis,
                             @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.dataSource = dataSource;
        this.redis = redis;
        this.version = version;
    }

    @GET
    @Operation(summary = "Service health", description = "healthy, degraded (Redis unreachable) or unhealthy"
            + " (database unreachable, answered with 503)")
    @APIResponse(responseCode = "200", description = "Healthy or degraded",
            content = @Content(schema = @Schema(implementation = HealthStatus.class)))
    @APIResponse(responseCode = "503", description = "Database unreachable",
            content = @Content(schema = @Schema(implementation = HealthStatus.class)))
    public jakarta.ws.rs.core.Response health() {
        String database = databaseUp() ? "up" : "down";
        String cache = redisUp() ? "up" : "down";
        String status = "down".equals(database) ? "unhealthy" : "down".equals(cache) ? "degraded" : "healthy";
        HealthStatus body = new HealthStatus(status, "fitnesscrm-api", version, Instant.now(),
                new HealthStatus.Checks(database, cache));
        return jakarta.ws.rs.core.Response.status("unhealthy".equals(status) ? 503 : 200).entity(body).build();
    }

    private boolean databaseUp() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            return statement.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }

    private boolean redisUp() {
        try {
            redis.execute("PING").await().atMost(Duration.ofSeconds(2));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Schema(name = "HealthStatus")
    public record HealthStatus(
            @Schema(enumeration = {"healthy", "degraded", "unhealthy"}) String status,
            String service,
            String version,
            Instant timestamp,
            Checks checks) {

        public record Checks(@Schema(enumeration = {"up", "down"}) String database,
                             @Schema(enumeration = {"up", "down"}) String redis) {
        }
    }
}

package com.fitnesscrm.common.health;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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
import java.util.ArrayList;
import java.util.List;

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
    private final Instance<HealthContributor> contributors;
    private final String version;

    public ApiHealthResource(AgroalDataSource dataSource, ReactiveRedisDataSource redis,
                             @Any Instance<HealthContributor> contributors,
                             @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.dataSource = dataSource;
        this.redis = redis;
        this.contributors = contributors;
        this.version = version;
    }

    @GET
    @Operation(summary = "Service health", description = "healthy; degraded (Redis unreachable, a scheduled job"
            + " late or failing: the API still serves, `problems` says what is wrong); or unhealthy (database"
            + " unreachable, answered with 503). The readiness probe, /q/health/ready, is about the database and Redis"
            + " only, so a late job never takes the service out of rotation.")
    @APIResponse(responseCode = "200", description = "Healthy or degraded",
            content = @Content(schema = @Schema(implementation = HealthStatus.class)))
    @APIResponse(responseCode = "503", description = "Database unreachable",
            content = @Content(schema = @Schema(implementation = HealthStatus.class)))
    public jakarta.ws.rs.core.Response health() {
        String database = databaseUp() ? "up" : "down";
        String cache = redisUp() ? "up" : "down";
        List<String> problems = new ArrayList<>();
        if ("down".equals(cache)) {
            problems.add("Redis unreachable: rate limits fail open, cached views are computed from the database");
        }
        String operations = "unknown";
        if ("up".equals(database)) {
            Instant now = Instant.now();
            List<String> found = new ArrayList<>();
            for (HealthContributor contributor : contributors) {
                try {
                    found.addAll(contributor.problems(now));
                } catch (RuntimeException databaseWentAway) {
                    found.add("Operational state unreadable: " + databaseWentAway.getClass().getSimpleName());
                }
            }
            problems.addAll(found);
            operations = found.isEmpty() ? "ok" : "late";
        } else {
            problems.add("Database unreachable");
        }
        String status = "down".equals(database) ? "unhealthy" : problems.isEmpty() ? "healthy" : "degraded";
        HealthStatus body = new HealthStatus(status, "fitnesscrm-api", version, Instant.now(),
                new HealthStatus.Checks(database, cache, operations), problems);
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
            Checks checks,
            @Schema(description = "What makes the service degraded or unhealthy; empty when healthy")
            List<String> problems) {

        public record Checks(@Schema(enumeration = {"up", "down"}) String database,
                             @Schema(enumeration = {"up", "down"}) String redis,
                             @Schema(enumeration = {"ok", "late", "unknown"},
                                     description = "Scheduled jobs and backups: ok; late (a job overdue or failing"
                                             + " repeatedly, no verified backup for 26 hours); unknown while the"
                                             + " database is down") String operations) {
        }
    }
}

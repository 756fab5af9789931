package com.fitnesscrm.common.health;

import java.time.Instant;
import java.util.List;

/**
 * Something /api/health reports on beyond the database and Redis (a late job, an old backup). What it returns makes
 * the service "degraded", never "unhealthy": the API still serves, and the readiness probe ignores it.
 */
public interface HealthContributor {

    /** What is wrong now, one line each; empty when all is well. Called only while the database is up. */
    List<String> problems(Instant now);
}

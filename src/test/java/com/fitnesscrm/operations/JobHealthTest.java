package com.fitnesscrm.operations;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled jobs in /api/health: each run is recorded in job_runs (whichever replica ran it); a job overdue by more
 * than five minutes or failing three times in a row makes the service "degraded" (still 200: it serves), while the
 * readiness probe stays about the database and Redis.
 */
@QuarkusTest
class JobHealthTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLateOrFailingJobDegradesHealthButNotReadiness() throws Exception {
        awaitOutboxRecorded();
        given().get("/api/health").then().statusCode(200).body("checks.operations", equalTo("ok"));
        try {
            sql("insert into job_runs (job, last_started_at, last_finished_at, last_succeeded_at, next_due_at,"
                    + " consecutive_failures) values ('test-late-job', now() - interval '2 hours',"
                    + " now() - interval '2 hours', now() - interval '2 hours', now() - interval '1 hour', 0)");
            sql("insert into job_runs (job, last_started_at, last_finished_at, next_due_at, consecutive_failures,"
                    + " last_error) values ('test-failing-job', now(), now(), now() + interval '1 minute', 3, 'boom')");
            given().get("/api/health").then().statusCode(200)
                    .body("status", equalTo("degraded"))
                    .body("checks.operations", equalTo("late"))
                    .body("problems", hasItem("test-late-job is 60 min late"))
                    .body("problems", hasItem("test-failing-job failed its last 3 runs"));
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            sql("delete from job_runs where job like 'test-%'");
        }
        given().get("/api/health").then().statusCode(200).body("checks.operations", equalTo("ok"));
    }

    /** The outbox job runs every 2 s in tests; its run is recorded with when it is next due. */
    private void awaitOutboxRecorded() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("select count(*) from job_runs where job = 'email-outbox'"
                         + " and last_succeeded_at is not null and next_due_at > now() - interval '1 minute'")) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        assertTrue(false, "the outbox job's run was not recorded in job_runs");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}

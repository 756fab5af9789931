package com.fitnesscrm.common.persistence;

import jakarta.enterprise.context.RequestScoped;

/**
 * The SQL statements one request (or one scheduled job, which gets its own request context) has sent so far,
 * counted by {@link StatementCounter} when {@code app.sql.count-statements} is on. Each request has its own
 * instance, so the email outbox poller never adds to a request's count.
 */
@RequestScoped
public class RequestStatements {

    private int count;

    void increment() {
        count++;
    }

    public int count() {
        return count;
    }
}

package com.fitnesscrm.common.persistence;

import com.fitnesscrm.common.config.AppConfig;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts every SQL statement Hibernate prepares (queries, inserts, updates, native SQL) into the current
 * request's {@link RequestStatements}, for the statement budgets of the tests ({@code StatementBudgetTest}).
 * Off unless {@code app.sql.count-statements} is true (the test profile only): then it returns the SQL untouched
 * without looking at anything else.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class StatementCounter implements StatementInspector {

    private final boolean enabled;
    private final RequestStatements statements;

    public StatementCounter(AppConfig config, RequestStatements statements) {
        this.enabled = config.sql().countStatements();
        this.statements = statements;
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public String inspect(String sql) {
        if (enabled && Arc.container().requestContext().isActive()) {
            statements.increment();
        }
        return sql;
    }
}

package com.fitnesscrm.common.persistence;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Reports the request's SQL statement count as {@code X-Sql-Statements} when {@code app.sql.count-statements} is
 * on (the test profile only; production never sends it). The response filter runs after the service's
 * transaction has committed, so the count covers the whole request.
 */
@Provider
public class StatementCountHeader implements ContainerResponseFilter {

    public static final String HEADER = "X-Sql-Statements";

    // The counter, not the configuration: providers are created before the runtime configuration exists.
    @Inject
    @PersistenceUnitExtension
    StatementCounter counter;

    @Inject
    RequestStatements statements;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (counter.enabled()) {
            response.getHeaders().putSingle(HEADER, statements.count());
        }
    }
}

package com.fitnesscrm.common.observability;

/**
 * Failures that are a dependency's outage, not a bug: answered (503) or retried, counted, and never reported to
 * error tracking one by one.
 */
public final class Outages {

    private Outages() {
    }

    /**
     * Whether the database could not be reached: a connection refused or lost (SQLSTATE class 08), the server
     * shutting down or starting up (57P01-57P03), or Hibernate's wrapper of those, anywhere in the cause chain.
     */
    public static boolean databaseUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}

package com.fitnesscrm.common.error;

import java.util.function.Predicate;

/** Looks through an exception's cause chain, where the interesting failure is usually wrapped. */
public final class Causes {

    private Causes() {
    }

    public static boolean any(Throwable error, Predicate<Throwable> test) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a database error with this SQLSTATE is in the chain (e.g. 23P01, exclusion violation). */
    public static boolean hasSqlState(Throwable error, String sqlState) {
        return any(error, t -> t instanceof java.sql.SQLException sql && sqlState.equals(sql.getSQLState()));
    }

    /**
     * Whether the database could not be reached: a connection refused or lost (SQLSTATE class 08), the server
     * shutting down or starting up (57P01-57P03), or Hibernate's wrapper of those.
     */
    public static boolean databaseUnreachable(Throwable error) {
        return any(error, t -> t instanceof org.hibernate.exception.JDBCConnectionException
                || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]")));
    }
}

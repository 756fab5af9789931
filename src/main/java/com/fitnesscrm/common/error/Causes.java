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
}

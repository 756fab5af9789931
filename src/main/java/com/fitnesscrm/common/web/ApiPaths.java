package com.fitnesscrm.common.web;

import java.util.List;

/**
 * Which paths are the API's. Everything under {@code /api/}, and the analytics page's routes, which the SPA calls
 * at the base URL without the prefix (contract section 4, item 1: {@code /analytics/…}, {@code /payments/revenue/…},
 * {@code /reports/…}); those are served at both paths and get the same rate limits, error shape and documentation.
 */
public final class ApiPaths {

    /** The unprefixed roots, each also served under {@code /api}. */
    public static final List<String> UNPREFIXED_ROOTS = List.of("/analytics", "/payments/revenue", "/reports");

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        if (path == null) {
            return false;
        }
        if (path.startsWith("/api/")) {
            return true;
        }
        for (String root : UNPREFIXED_ROOTS) {
            if (path.startsWith(root) && (path.length() == root.length() || path.charAt(root.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}

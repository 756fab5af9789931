package com.fitnesscrm.common.observability;

/** The request an unexpected failure happened in; any part may be null (before matching, before sign-in). */
public record RequestFacts(String requestId, String method, String route, String userId, String organizationId) {
}

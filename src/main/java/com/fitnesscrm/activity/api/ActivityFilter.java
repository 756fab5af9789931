package com.fitnesscrm.activity.api;

/** Filters of GET /api/activity, already parsed; null means "no filter". */
public record ActivityFilter(String action, String entityType, Long entityId, Integer limit) {
}

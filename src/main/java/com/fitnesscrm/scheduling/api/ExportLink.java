package com.fitnesscrm.scheduling.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "ExportLink", description = "A signed calendar-export link that works without a bearer header")
public record ExportLink(String url, Instant expiresAt) {
}

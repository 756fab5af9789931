package com.fitnesscrm.billing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@RegisterForReflection
@Schema(name = "Product", description = "Something the business sells. Prices are integers of the currency's minor"
        + " unit (price_minor); price is the same amount in major units, for display")
public record ProductView(
        long id,
        @Schema(enumeration = {"package", "membership", "single_session"}) String kind,
        @Schema(example = "10 sessions") String name,
        String description,
        @Schema(example = "450.0") double price,
        @Schema(example = "45000") long priceMinor,
        @Schema(example = "USD") String currency,
        @Schema(description = "Packages: the sessions it holds") Integer sessionCount,
        @Schema(description = "Packages: days it is valid from purchase; null: no expiry") Integer validityDays,
        @Schema(description = "Memberships: how often it is billed", enumeration = {"week", "month"})
        String billingInterval,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {
}

package com.fitnesscrm.billing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@RegisterForReflection
@Schema(name = "ClientPackage", description = "Sessions a client bought in advance")
public record PackageView(
        long id,
        long clientId,
        Long productId,
        Long paymentId,
        @Schema(example = "10 sessions") String name,
        int sessionsTotal,
        int sessionsUsed,
        int sessionsRemaining,
        Instant startsAt,
        @Schema(description = "Null: it does not expire") Instant expiresAt,
        @Schema(enumeration = {"active", "used_up", "expired", "void"}) String status,
        Instant createdAt) {

    @Schema(name = "PackageList")
    public record PackageList(List<PackageView> packages) {
    }
}

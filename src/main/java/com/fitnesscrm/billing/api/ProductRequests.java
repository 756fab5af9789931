package com.fitnesscrm.billing.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

public final class ProductRequests {

    private ProductRequests() {
    }

    @Schema(name = "ProductRequest", description = "POST needs kind, name and a price (price in major units, or"
            + " price_minor); a package needs session_count, a membership billing_interval. PUT changes the fields"
            + " present; kind cannot change. Numbers may be strings.")
    public record Save(
            @Schema(enumeration = {"package", "membership", "single_session"}) String kind,
            @Size(max = 200) String name,
            @Size(max = 5000) String description,
            @Schema(example = "450.00") BigDecimal price,
            @Schema(example = "45000") Long priceMinor,
            @Schema(description = "Default: the organization's currency; another is refused", example = "USD")
            String currency,
            Integer sessionCount,
            Integer validityDays,
            @Schema(enumeration = {"week", "month"}) String billingInterval,
            Boolean active) {
    }

    @Schema(name = "ProductList")
    public record ProductList(List<ProductView> products) {
    }
}

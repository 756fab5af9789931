package com.fitnesscrm.photos.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Progress-photo requests and the {success, data} answers the SPA's pages test. */
public final class PhotoRequests {

    private PhotoRequests() {
    }

    /** The multipart form's text fields, as sent (form strings; "" is no value). */
    public record Upload(String clientId, String photoType, String takenDate, String caption, String measurementId) {
    }

    @Schema(name = "ProgressPhotoUpdate", description = "Fields present are changed; \"\" clears caption and"
            + " measurement_id. Numbers may be form strings.")
    public record Update(
            @Schema(enumeration = {"front", "side", "back", "other"}) String photoType,
            @Size(max = 2000) String caption,
            @Schema(description = "YYYY-MM-DD, YYYY-MM-DDTHH:MM or ISO-8601") String takenDate,
            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    description = "int or form string") String measurementId) {
    }

    public record Filter(Long clientId, String photoType, String dateFrom, String dateTo) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoList")
    public record ListResult(boolean success, List<PhotoView> data, long count) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoResult")
    public record One(boolean success, PhotoView data) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoSaved")
    public record Saved(boolean success, String message, PhotoView data) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoDeleted")
    public record Deleted(boolean success, String message) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoPair", description = "The earliest (before) and latest (after) photo of one type;"
            + " after is null when there is only one")
    public record Pair(PhotoView before, PhotoView after, long totalPhotos) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoComparisonData", description = "Only the types the client has photos of")
    public record ComparisonData(
            @JsonInclude(JsonInclude.Include.NON_NULL) Pair front,
            @JsonInclude(JsonInclude.Include.NON_NULL) Pair side,
            @JsonInclude(JsonInclude.Include.NON_NULL) Pair back) {
    }

    @RegisterForReflection
    @Schema(name = "ProgressPhotoComparison")
    public record Comparison(boolean success, ComparisonData data) {
    }
}

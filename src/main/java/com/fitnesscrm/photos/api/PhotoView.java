package com.fitnesscrm.photos.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@RegisterForReflection
@Schema(name = "ProgressPhoto")
public record PhotoView(
        long id,
        long clientId,
        Long measurementId,
        @Schema(description = "The API path of the image (needs the bearer header; use file_url in an <img>)",
                example = "/api/progress-photos/12/file") String filePath,
        @Schema(enumeration = {"front", "side", "back", "other"}) String photoType,
        String caption,
        Instant takenDate,
        @Schema(description = "The user who uploaded it (from the token, whatever the form said)") Long uploadedBy,
        Instant createdAt,
        @Schema(description = "A signed link to the image that works without a header for a few minutes"
                + " (APP_BASE_URL/api/progress-photos/{id}/file?expires&signature): the <img src>")
        String fileUrl,
        @Schema(description = "The image type recognised from its bytes", example = "image/jpeg") String contentType,
        @Schema(description = "Bytes stored (after location metadata was removed)") long fileSize,
        String originalFilename) {
}

package com.fitnesscrm.files.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@RegisterForReflection
@Schema(name = "File")
public record FileView(
        long id,
        @Schema(description = "The stored name (random; the key's last part)") String filename,
        @Schema(example = "intake-form.pdf") String originalFilename,
        @Schema(description = "The API path of the download (needs the bearer header; use download_url in a link)",
                example = "/api/files/7/download") String filePath,
        @Schema(description = "Bytes") long fileSize,
        @Schema(description = "The MIME type recognised from the file's bytes", example = "application/pdf") String fileType,
        @Schema(example = "waiver") String category,
        Long clientId,
        Long trainerId,
        Long sessionId,
        String description,
        @Schema(description = "The user who uploaded it (from the token; the SPA's \"1\" is ignored)") Long uploadedBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "A signed link that downloads the file without a header for a few minutes"
                + " (APP_BASE_URL/api/files/{id}/download?expires&signature): the <a href>")
        String downloadUrl) {
}

package com.fitnesscrm.files.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** File requests and answers (the contract's P2 list, {message, file} writes, options and stats). */
public final class FileRequests {

    private FileRequests() {
    }

    /** The multipart form's text fields, as sent (form strings; "" is no value). */
    public record Upload(String category, String clientId, String trainerId, String sessionId, String description) {
    }

    @Schema(name = "FileUpdate", description = "Fields present are changed; \"\" clears the optional ones. Ids may"
            + " be form strings.")
    public record Update(
            String category,
            @Size(max = 5000) String description,
            @Schema(type = SchemaType.STRING, description = "int or form string") String clientId,
            @Schema(type = SchemaType.STRING, description = "int or form string") String trainerId,
            @Schema(type = SchemaType.STRING, description = "int or form string") String sessionId) {
    }

    public record Filter(Long clientId, Long trainerId, Long sessionId, String category) {
    }

    @RegisterForReflection
    @Schema(name = "FilePage", description = "The contract's P2 list shape")
    public record Page(List<FileView> files, long total, int pages, int currentPage) {
    }

    @RegisterForReflection
    @Schema(name = "FileSaved")
    public record Saved(String message, FileView file) {
    }

    @Schema(name = "FileCategory")
    public record Option(String value, String label) {
    }

    @Schema(name = "FileCategories")
    public record Categories(List<Option> categories) {
    }

    @RegisterForReflection
    @Schema(name = "FileStats")
    public record Stats(
            long totalFiles,
            @Schema(description = "Bytes") long totalSize,
            @Schema(description = "Megabytes (2^20 bytes), two decimals") double totalSizeMb,
            @Schema(description = "Category → number of files") Map<String, Long> byCategory) {
    }
}

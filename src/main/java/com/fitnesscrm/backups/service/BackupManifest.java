package com.fitnesscrm.backups.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stored beside each backup object ({@code <id>.manifest.json}): what a restore needs to know without the source
 * database, which in a disaster is gone: the key id, the server version, the schemas and extensions the dump
 * expects, and the census the restored database must match. It holds no data, only table names and figures.
 */
@RegisterForReflection
public record BackupManifest(String id, Instant startedAt, String keyId, String serverVersion, int serverMajor,
                             List<String> schemas, List<Extension> extensions,
                             Map<String, TableCensus.TableFigures> census) {

    @RegisterForReflection
    public record Extension(String name, String schema) {
    }
}

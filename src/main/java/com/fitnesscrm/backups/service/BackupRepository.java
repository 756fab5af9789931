package com.fitnesscrm.backups.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.backups.api.BackupView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code backups} table, in plain JDBC: the backup runs outside any request or JTA transaction, on its own
 * thread, and each step's outcome must be stored at once (a crash mid-backup leaves the row saying how far it got).
 */
@ApplicationScoped
class BackupRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, status, trigger, started_at, dumped_at, verified_at, size_bytes, key_id,"
            + " server_version, census, dump_millis, verify_millis, error, deleted_at";

    private final AgroalDataSource dataSource;

    BackupRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(String id, String objectKey, String trigger, Instant startedAt, String keyId) throws SQLException {
        update("insert into backups (id, object_key, trigger, status, started_at, key_id)"
                + " values (?, ?, ?, 'running', ?, ?)", id, objectKey, trigger, Timestamp.from(startedAt), keyId);
    }

    void dumped(String id, long sizeBytes, String serverVersion, Map<String, TableCensus.TableFigures> census,
                long dumpMillis) throws SQLException {
        update("update backups set status = 'verifying', dumped_at = now(), size_bytes = ?, server_version = ?,"
                + " census = ?::jsonb, dump_millis = ? where id = ?", sizeBytes, serverVersion, json(census),
                dumpMillis, id);
    }

    void verified(String id, long verifyMillis) throws SQLException {
        update("update backups set status = 'verified', verified_at = now(), verify_millis = ?, error = null"
                + " where id = ?", verifyMillis, id);
    }

    void failed(String id, String error) throws SQLException {
        update("update backups set status = 'failed', error = ? where id = ? and status <> 'verified'",
                error.length() > 2000 ? error.substring(0, 2000) : error, id);
    }

    void deleted(String id) throws SQLException {
        update("update backups set deleted_at = now() where id = ?", id);
    }

    List<BackupView> list(int limit) throws SQLException {
        return query("select " + COLUMNS + " from backups order by started_at desc limit ?", limit);
    }

    Optional<BackupView> find(String id) throws SQLException {
        return query("select " + COLUMNS + " from backups where id = ?", id).stream().findFirst();
    }

    Optional<String> objectKey(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select object_key from backups where id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    Optional<Instant> lastVerifiedAt() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select verified_at from backups where status = 'verified' order by verified_at desc limit 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
        }
    }

    Optional<Long> lastVerifiedSize() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select size_bytes from backups where status = 'verified' order by verified_at desc limit 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    /** Backups whose objects still exist, for retention. */
    List<BackupRetention.Candidate> stored() throws SQLException {
        List<BackupRetention.Candidate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, started_at, status from backups where deleted_at is null and status <> 'running'"
                        + " and status <> 'verifying' order by started_at desc");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new BackupRetention.Candidate(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        "verified".equals(rs.getString(3))));
            }
        }
        return out;
    }

    /**
     * Backups that stopped half-way (their replica died), found by the run holding the lock (so none of them is
     * alive): marked failed, so they are not shown as running forever.
     */
    int abandonAllBut(String current) throws SQLException {
        return update("update backups set status = 'failed', error = 'Interrupted: the replica running it stopped'"
                + " where status in ('running', 'verifying') and id <> ?", current);
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    private List<BackupView> query(String sql, Object... parameters) throws SQLException {
        List<BackupView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
        }
        return out;
    }

    private static BackupView view(ResultSet rs) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        String census = rs.getString("census");
        if (census != null) {
            censusOf(census).forEach((table, figures) -> rows.put(table, figures.rows()));
        }
        Long dumpMillis = (Long) rs.getObject("dump_millis");
        Long verifyMillis = (Long) rs.getObject("verify_millis");
        String status = rs.getString("status");
        return new BackupView(rs.getString("id"), status, "verified".equals(status), rs.getString("trigger"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("dumped_at")),
                instant(rs.getTimestamp("verified_at")), (Long) rs.getObject("size_bytes"), rs.getString("key_id"),
                rs.getString("server_version"), rows, dumpMillis == null ? null : dumpMillis / 1000.0,
                verifyMillis == null ? null : verifyMillis / 1000.0, rs.getString("error"),
                instant(rs.getTimestamp("deleted_at")));
    }

    static Map<String, TableCensus.TableFigures> censusOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, TableCensus.TableFigures>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable census: " + e.getOriginalMessage());
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

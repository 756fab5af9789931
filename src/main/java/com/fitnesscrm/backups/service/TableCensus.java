package com.fitnesscrm.backups.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup is checked against: per table, its row count and a checksum of its primary keys (the sum of each
 * key's MD5, as a 64-bit number: any missing, extra or renumbered row changes it). Taken
 * at dump time inside the snapshot pg_dump reads, and again in the database the dump was restored into; equal
 * censuses mean every row came back.
 */
public final class TableCensus {

    /** One table's figures; {@code keyChecksum} is null for a table without a primary key. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record TableFigures(long rows, String keyChecksum) {
    }

    private TableCensus() {
    }

    static Map<String, TableFigures> take(Connection connection, List<String> schemas) throws SQLException {
        Map<String, TableFigures> census = new LinkedHashMap<>();
        for (String table : tables(connection, schemas)) {
            List<String> key = primaryKey(connection, table);
            String keyExpression = key.isEmpty() ? null
                    : key.size() == 1 ? quote(key.get(0)) : "row(" + String.join(", ", key.stream().map(TableCensus::quote).toList()) + ")";
            // The sum of each key's 64-bit MD5 prefix: independent of row order and collation, one number however
            // large the table (a string of every key would hit PostgreSQL's 1 GB limit).
            String sql = keyExpression == null
                    ? "select count(*), null from " + table
                    : "select count(*), coalesce(sum(('x' || left(md5((" + keyExpression
                    + ")::text), 16))::bit(64)::bigint::numeric), 0)::text from " + table;
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
                rs.next();
                census.put(table, new TableFigures(rs.getLong(1), rs.getString(2)));
            }
        }
        return census;
    }

    /** Ordinary and partitioned tables of the schemas, as qualified, quoted names ("fitnesscrm"."clients"). */
    private static List<String> tables(Connection connection, List<String> schemas) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(?)"
                        + " order by n.nspname, c.relname")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
                }
            }
        }
        return tables;
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                        + " and a.attnum = any(i.indkey) where i.indrelid = ?::regclass and i.indisprimary"
                        + " order by array_position(i.indkey, a.attnum)")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The differences between what was dumped and what came back, one line per table; empty when equal. */
    static List<String> compare(Map<String, TableFigures> expected, Map<String, TableFigures> actual) {
        List<String> problems = new ArrayList<>();
        expected.forEach((table, figures) -> {
            TableFigures restored = actual.get(table);
            if (restored == null) {
                problems.add(table + ": missing after restore");
            } else if (restored.rows() != figures.rows()) {
                problems.add(table + ": " + figures.rows() + " rows dumped, " + restored.rows() + " restored");
            } else if (figures.keyChecksum() != null && !figures.keyChecksum().equals(restored.keyChecksum())) {
                problems.add(table + ": primary keys differ (checksum)");
            }
        });
        actual.keySet().stream().filter(t -> !expected.containsKey(t))
                .forEach(t -> problems.add(t + ": restored but not in the dump's census"));
        return problems;
    }
}

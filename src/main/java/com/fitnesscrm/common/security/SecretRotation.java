package com.fitnesscrm.common.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second half of an ENCRYPTION_KEY rotation: re-seals, with the current key, every stored secret that is still
 * sealed with a key from ENCRYPTION_KEY_PREVIOUS, so the previous key can then be dropped. Every column named
 * {@code *_ciphertext} in the application's schema is a sealed secret (the naming rule the entities follow), so
 * secrets added by later features are rotated too. One transaction: all of them or none.
 */
@ApplicationScoped
public class SecretRotation {

    /** What a rotation did, per column ("table.column"). */
    public record Outcome(Map<String, Integer> resealed, Map<String, Integer> unreadable) {
        public int total() {
            return resealed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final SecretBox secrets;
    private final AgroalDataSource dataSource;

    @Inject
    public SecretRotation(SecretBox secrets, AgroalDataSource dataSource) {
        this.secrets = secrets;
        this.dataSource = dataSource;
    }

    public Outcome resealAll() throws SQLException {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        Map<String, Integer> unreadable = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String[] column : sealedColumns(c)) {
                    String table = quote(column[0]) + "." + quote(column[1]);
                    String name = quote(column[2]);
                    int done = 0;
                    int failed = 0;
                    try (PreparedStatement read = c.prepareStatement("select ctid::text, " + name + " from " + table
                            + " where " + name + " is not null for update");
                         PreparedStatement write = c.prepareStatement("update " + table + " set " + name
                                 + " = ? where ctid = ?::tid")) {
                        try (ResultSet rs = read.executeQuery()) {
                            while (rs.next()) {
                                try {
                                    var fresh = secrets.resealed(rs.getString(2));
                                    if (fresh.isPresent()) {
                                        write.setString(1, fresh.get());
                                        write.setString(2, rs.getString(1));
                                        write.addBatch();
                                        done++;
                                    }
                                } catch (IllegalArgumentException noKeyOpensIt) {
                                    failed++;
                                }
                            }
                        }
                        write.executeBatch();
                    }
                    resealed.put(column[1] + "." + column[2], done);
                    if (failed > 0) {
                        unreadable.put(column[1] + "." + column[2], failed);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return new Outcome(resealed, unreadable);
    }

    private static List<String[]> sealedColumns(Connection c) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select table_schema, table_name, column_name"
                + " from information_schema.columns where table_schema = current_schema()"
                + " and column_name like '%\\_ciphertext' order by table_name, column_name");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

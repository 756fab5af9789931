package com.fitnesscrm.backups.service;

import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The backup lock: a PostgreSQL session-level advisory lock held on one connection for the whole run, so at most
 * one backup runs across every replica. It goes with the connection, so a replica that dies mid-run frees it.
 */
final class BackupLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackupLock.class);
    private static final int NAMESPACE = 4;
    private static final int KEY = 1;

    private final Connection connection;

    private BackupLock(Connection connection) {
        this.connection = connection;
    }

    static Optional<BackupLock> tryTake(AgroalDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.of(new BackupLock(connection));
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    @Override
    public void close() {
        try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, KEY);
            s.execute();
            connection.close();
        } catch (SQLException e) {
            // Not unlocked: the connection must not go back to the pool holding the lock. Aborting it ends the
            // database session, and the lock with it.
            LOG.debugf("Backup lock released by aborting its connection: %s", e.getMessage());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // Already gone.
            }
        }
    }
}

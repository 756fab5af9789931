package com.fitnesscrm.backups.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fitnesscrm.backups.api.BackupView;
import com.fitnesscrm.common.health.HealthContributor;
import com.fitnesscrm.common.observability.ErrorReporter;
import com.fitnesscrm.common.observability.JobMonitor;
import com.fitnesscrm.common.observability.LogSafe;
import com.fitnesscrm.common.storage.FileStorage;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encrypted, verified database backups. A run: take the backup lock (one replica at a time), open a read-only
 * snapshot, count every table and checksum its primary keys in it, stream {@code pg_dump} of that same snapshot
 * through {@link BackupCipher} into a temporary file (ciphertext only ever touches the disk), store it and its
 * manifest, then restore it into a scratch database and compare the census. Only a verified backup lets retention
 * delete older ones. Every step's outcome is in the {@code backups} table; failures are counted, alerted on and
 * reported, and never stop the service.
 */
@ApplicationScoped
public class BackupService implements HealthContributor {

    public static final String JOB = "database-backup";
    private static final Logger LOG = Logger.getLogger(BackupService.class);
    /** /api/health and the alert call the backups late after this long without a verified one. */
    static final Duration STALE_AFTER = Duration.ofHours(26);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final ObjectMapper MANIFEST_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Thrown when a backup is asked for while one is running (on any replica). */
    public static class BackupRunning extends RuntimeException {
        BackupRunning() {
            super("A backup is already running");
        }
    }

    /** Thrown when backups are not configured (no BACKUP_ENCRYPTION_KEY). */
    public static class BackupsOff extends RuntimeException {
        BackupsOff(String why) {
            super(why);
        }
    }

    /** The outcome of restoring a backup into a database: the census differences, empty when identical. */
    public record RestoreOutcome(String backupId, String target, Map<String, TableCensus.TableFigures> census,
                                 List<String> differences, Duration took) {
        public boolean identical() {
            return differences.isEmpty();
        }
    }

    private final BackupConfig config;
    private final JobMonitor jobs;
    private final FileStorage storage;
    private final BackupRepository repository;
    private final AgroalDataSource dataSource;
    private final ErrorReporter reporter;
    private final MeterRegistry metrics;
    private final Optional<BackupCipher> cipher;
    private final Optional<PostgresTarget> source;
    /** The schema the application's tables live in; "public" means the whole database is dumped. */
    private final String schema;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "database-backup");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lastVerifiedEpochSecond = new AtomicLong();
    private final AtomicLong lastSizeBytes = new AtomicLong();
    private final Instant startedAt = Instant.now();
    private Counter verifiedRuns;
    private Counter failedRuns;

    public BackupService(BackupConfig config, JobMonitor jobs, FileStorage storage, BackupRepository repository,
                         AgroalDataSource dataSource, ErrorReporter reporter, MeterRegistry metrics,
                         @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
                         @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                         @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                         @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema,
                         @ConfigProperty(name = "quarkus.flyway.default-schema") Optional<String> flywaySchema) {
        this.config = config;
        this.jobs = jobs;
        this.storage = storage;
        this.repository = repository;
        this.dataSource = dataSource;
        this.reporter = reporter;
        this.metrics = metrics;
        this.cipher = BackupCipher.from(config);
        this.source = jdbcUrl.map(url -> PostgresTarget.parse(url, user.orElse(null), password.orElse(null)));
        this.schema = schema.or(() -> flywaySchema).filter(s -> !s.isBlank()).orElse("public");
    }

    void start(@Observes StartupEvent started) {
        if (!enabled()) {
            LOG.warn("Backups are off: " + whyOff());
            return;
        }
        verifiedRuns = runs("verified");
        failedRuns = runs("failed");
        Gauge.builder("fitnesscrm.backup.last.verified.timestamp", lastVerifiedEpochSecond, AtomicLong::get)
                .baseUnit("seconds").description("When the newest verified backup finished (Unix time)")
                .register(metrics);
        Gauge.builder("fitnesscrm.backup.last.size", lastSizeBytes, AtomicLong::get)
                .baseUnit("bytes").description("Size of the newest verified backup object").register(metrics);
        refreshFigures();
        LOG.infof("Backups on: daily at cron '%s' (UTC), key %s, schema %s", config.cron(),
                cipher.get().currentKeyId(), schema);
    }

    void stop(@Observes ShutdownEvent stopping) {
        runner.shutdownNow();
    }

    private Counter runs(String outcome) {
        return Counter.builder("fitnesscrm.backup.runs").tag("outcome", outcome)
                .description("Backups by outcome (verified, failed)").register(metrics);
    }

    public boolean enabled() {
        return cipher.isPresent() && source.isPresent();
    }

    private String whyOff() {
        return cipher.isEmpty() ? "BACKUP_ENCRYPTION_KEY is not set" : "no database URL is configured";
    }

    /** The daily run; skipped when another replica (or an operator) backed up recently or is backing up now. */
    @Scheduled(identity = JOB, cron = "${app.backup.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        if (!enabled()) {
            return;
        }
        MDC.put("job_run_id", JobMonitor.runId(execution));
        // A run takes minutes: it is not "late" while it runs.
        jobs.started(execution);
        try {
            if (verifiedRecently()) {
                return;
            }
            Optional<BackupLock> lock = BackupLock.tryTake(dataSource);
            if (lock.isEmpty()) {
                LOG.info("Backup skipped: another replica is running one");
                return;
            }
            try (BackupLock held = lock.get()) {
                // Checked again under the lock: another replica may have finished one since.
                if (verifiedRecently()) {
                    return;
                }
                String id = newId();
                repository.insert(id, objectKey(id), "scheduled", Instant.now(), cipher.get().currentKeyId());
                take(id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Backup bookkeeping failed: " + e.getMessage(), e);
        } finally {
            MDC.remove("job_run_id");
        }
    }

    private boolean verifiedRecently() throws SQLException {
        Optional<Instant> last = repository.lastVerifiedAt();
        if (last.isPresent() && last.get().isAfter(Instant.now().minus(config.minimumInterval()))) {
            LOG.infof("Backup skipped: one was verified at %s", last.get());
            return true;
        }
        return false;
    }

    /** An operator's "back up now": starts a run in the background and answers with its row at once. */
    public BackupView startNow() {
        if (!enabled()) {
            throw new BackupsOff("Backups are off: " + whyOff());
        }
        try {
            BackupLock lock = BackupLock.tryTake(dataSource).orElseThrow(BackupRunning::new);
            String id = newId();
            try {
                repository.insert(id, objectKey(id), "manual", Instant.now(), cipher.get().currentKeyId());
                runner.execute(() -> {
                    try (lock) {
                        take(id);
                    }
                });
            } catch (RuntimeException | SQLException e) {
                lock.close();
                throw e;
            }
            return repository.find(id).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not start a backup: " + e.getMessage(), e);
        }
    }

    public List<BackupView> list() {
        try {
            return repository.list(200);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list backups: " + e.getMessage(), e);
        }
    }

    public Optional<BackupView> find(String id) {
        try {
            return repository.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read backup " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> problems(Instant now) {
        if (!enabled()) {
            return List.of();
        }
        try {
            Optional<Instant> last = repository.lastVerifiedAt();
            if (last.isPresent() && last.get().plus(STALE_AFTER).isBefore(now)) {
                return List.of("No verified backup for " + Duration.between(last.get(), now).toHours() + " h");
            }
            if (last.isEmpty() && startedAt.plus(STALE_AFTER).isBefore(now)) {
                return List.of("No verified backup yet");
            }
            return List.of();
        } catch (SQLException e) {
            LOG.debugf("Backup state unreadable: %s", e.getMessage());
            return List.of("Backup state unreadable");
        }
    }

    /** Keeps this replica's backup gauges current with what any replica did (the alert takes the newest). */
    @Scheduled(identity = "backup-figures", every = "5m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshFigures() {
        if (!enabled()) {
            return;
        }
        try {
            repository.lastVerifiedAt().ifPresent(t -> lastVerifiedEpochSecond.set(t.getEpochSecond()));
            repository.lastVerifiedSize().ifPresent(lastSizeBytes::set);
        } catch (SQLException e) {
            LOG.debugf("Backup figures not refreshed: %s", e.getMessage());
        }
    }

    /** One run, under the lock: dump, store, verify, prune. Its outcome is stored; it never throws. */
    void take(String id) {
        MDC.put("backup_id", id);
        Path encrypted = null;
        try {
            cleanUpAfterDeadRuns(id);
            Instant began = Instant.now();
            BackupManifest manifest;
            encrypted = Files.createTempFile("fitnesscrm-backup-", ".enc",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Connection snapshot = dataSource.getConnection()) {
                manifest = dump(id, began, snapshot, encrypted);
            }
            long size = Files.size(encrypted);
            storage.putLarge(objectKey(id), encrypted, "application/octet-stream");
            Path manifestFile = Files.createTempFile("fitnesscrm-backup-", ".json");
            try {
                MANIFEST_JSON.writeValue(manifestFile.toFile(), manifest);
                storage.put(manifestKey(id), manifestFile, "application/json");
            } finally {
                Files.deleteIfExists(manifestFile);
            }
            long dumpMillis = Duration.between(began, Instant.now()).toMillis();
            repository.dumped(id, size, manifest.serverVersion(), manifest.census(), dumpMillis);
            LOG.infof("Backup %s dumped: %d bytes, %d tables, %d ms", id, size, manifest.census().size(), dumpMillis);

            Instant verifyBegan = Instant.now();
            RestoreOutcome check = restoreIntoScratch(id, manifest);
            long verifyMillis = Duration.between(verifyBegan, Instant.now()).toMillis();
            if (!check.identical()) {
                throw new IOException("Verification failed: " + String.join("; ", check.differences()));
            }
            repository.verified(id, verifyMillis);
            verifiedRuns.increment();
            lastVerifiedEpochSecond.set(Instant.now().getEpochSecond());
            lastSizeBytes.set(size);
            LOG.infof("Backup %s verified: restored and counted in %d ms", id, verifyMillis);
            try {
                prune();
            } catch (Exception e) {
                // The backup stands verified; the old objects are deleted by the next run.
                LOG.warnf("Retention after backup %s failed: %s", id, LogSafe.text(e.getMessage()));
            }
        } catch (Throwable e) {
            String reason = e.getClass().getSimpleName() + ": " + LogSafe.text(e.getMessage());
            LOG.errorf(LogSafe.of(e), "Backup %s failed", id);
            failedRuns.increment();
            reporter.jobFailed(JOB, id, e);
            try {
                repository.failed(id, reason);
            } catch (SQLException bookkeeping) {
                LOG.errorf("Could not record that backup %s failed: %s", id, bookkeeping.getMessage());
            }
        } finally {
            if (encrypted != null) {
                try {
                    Files.deleteIfExists(encrypted);
                } catch (IOException ignored) {
                    LOG.warnf("Temporary backup file %s not deleted", encrypted);
                }
            }
            MDC.remove("backup_id");
        }
    }

    /**
     * Under the lock, no other run is alive: rows still "running" or "verifying" belong to a replica that died, and
     * scratch databases left on the server are theirs.
     */
    private void cleanUpAfterDeadRuns(String id) throws SQLException {
        int abandoned = repository.abandonAllBut(id);
        if (abandoned > 0) {
            LOG.warnf("Marked %d interrupted backup(s) failed", abandoned);
        }
        List<String> leftovers = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'fitnesscrm\\_verify\\_%'")) {
            while (rs.next()) {
                leftovers.add(rs.getString(1));
            }
        }
        for (String scratch : leftovers) {
            dropScratch(scratch);
        }
    }

    /** Counts the snapshot, then dumps that same snapshot, encrypted, into {@code encrypted}. */
    private BackupManifest dump(String id, Instant began, Connection snapshot, Path encrypted)
            throws SQLException, IOException {
        snapshot.setAutoCommit(false);
        snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        try {
            String snapshotId = single(snapshot, "select pg_export_snapshot()");
            String version = single(snapshot, "show server_version");
            int major = Integer.parseInt(single(snapshot, "show server_version_num")) / 10000;
            List<String> schemas = List.of(schema);
            Map<String, TableCensus.TableFigures> census = TableCensus.take(snapshot, schemas);
            List<BackupManifest.Extension> extensions = extensions(snapshot);
            PostgresTools tools = PostgresTools.find(major, config.pgBinDir());
            List<String> options = new ArrayList<>(List.of("--snapshot=" + snapshotId, "--no-owner",
                    "--no-privileges"));
            if (!"public".equals(schema)) {
                options.add("--schema=" + schema);
            }
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(encrypted), 1 << 16);
                 OutputStream sealed = cipher.get().encrypting(file)) {
                tools.dump(source.get(), options, sealed, config.timeout());
            }
            return new BackupManifest(id, began, cipher.get().currentKeyId(), version, major, schemas, extensions,
                    census);
        } finally {
            snapshot.rollback();
            snapshot.setReadOnly(false);
            snapshot.setAutoCommit(true);
        }
    }

    /** Restores the backup into a new scratch database on the same server, compares, and drops it. */
    private RestoreOutcome restoreIntoScratch(String id, BackupManifest manifest) throws IOException, SQLException {
        String scratch = "fitnesscrm_verify_" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        PostgresTarget target = source.get().withDatabase(scratch);
        try (Connection admin = dataSource.getConnection(); Statement s = admin.createStatement()) {
            // From template0 with the source's encoding and locale, so the restore sees the same text rules.
            String[] settings = new String[3];
            try (ResultSet rs = s.executeQuery("select pg_encoding_to_char(encoding), datcollate, datctype"
                    + " from pg_database where datname = current_database()")) {
                rs.next();
                settings[0] = rs.getString(1);
                settings[1] = rs.getString(2);
                settings[2] = rs.getString(3);
            }
            s.execute("create database " + TableCensus.quote(scratch) + " template template0 encoding "
                    + literal(settings[0]) + " lc_collate " + literal(settings[1]) + " lc_ctype " + literal(settings[2]));
        } catch (SQLException e) {
            throw new IOException("The scratch database " + scratch + " cannot be created: " + e.getMessage(), e);
        }
        try {
            return restoreInto(id, manifest, target);
        } finally {
            dropScratch(scratch);
        }
    }

    private void dropScratch(String scratch) {
        try (Connection admin = dataSource.getConnection(); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + TableCensus.quote(scratch) + " with (force)");
        } catch (SQLException e) {
            LOG.warnf("Scratch database %s not dropped: %s", scratch, e.getMessage());
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Restores backup {@code id} into {@code target} (an empty database: a scratch one, or the new primary in a
     * disaster) and compares its census with the dump's. The source database is not needed: the object and its
     * manifest are read from storage.
     */
    public RestoreOutcome restoreInto(String id, PostgresTarget target) throws IOException, SQLException {
        if (cipher.isEmpty()) {
            throw new BackupsOff("BACKUP_ENCRYPTION_KEY is not set: no backup can be opened");
        }
        return restoreInto(id, readManifest(id), target);
    }

    private RestoreOutcome restoreInto(String id, BackupManifest manifest, PostgresTarget target)
            throws IOException, SQLException {
        Instant began = Instant.now();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement s = c.createStatement()) {
            for (String schemaName : manifest.schemas()) {
                try (PreparedStatement tables = c.prepareStatement("select count(*) from pg_tables where schemaname = ?")) {
                    tables.setString(1, schemaName);
                    try (ResultSet rs = tables.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            throw new IOException("The target " + target.describe() + " already has tables in schema "
                                    + schemaName + ": restore into an empty database");
                        }
                    }
                }
            }
            for (BackupManifest.Extension extension : manifest.extensions()) {
                s.execute("create extension if not exists " + TableCensus.quote(extension.name()) + " with schema "
                        + TableCensus.quote(extension.schema()));
            }
        }
        PostgresTools tools = PostgresTools.find(manifest.serverMajor(), config.pgBinDir());
        FileStorage.StoredObject object = storage.open(objectKey(id))
                .orElseThrow(() -> new IOException("Backup object " + objectKey(id) + " not found in storage"));
        try (InputStream stored = object.content()) {
            BackupCipher.Decryption decryption = cipher.get().decrypting(stored);
            try (InputStream plaintext = decryption.plaintext()) {
                tools.restore(target, plaintext, config.timeout());
            }
        }
        Map<String, TableCensus.TableFigures> restored;
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            restored = TableCensus.take(c, manifest.schemas());
        }
        return new RestoreOutcome(id, target.describe(), restored, TableCensus.compare(manifest.census(), restored),
                Duration.between(began, Instant.now()));
    }

    private BackupManifest readManifest(String id) throws IOException {
        FileStorage.StoredObject object = storage.open(manifestKey(id))
                .orElseThrow(() -> new IOException("No backup " + id + " in storage (" + manifestKey(id) + ")"));
        try (InputStream in = object.content()) {
            return MANIFEST_JSON.readValue(in, BackupManifest.class);
        }
    }

    /** Deletes what retention no longer keeps; runs only after a backup was verified. */
    private void prune() throws SQLException {
        BackupConfig.Retention retention = config.retention();
        for (BackupRetention.Candidate old : BackupRetention.toDelete(repository.stored(), retention.daily(),
                retention.weekly(), retention.monthly())) {
            storage.delete(objectKey(old.id()));
            storage.delete(manifestKey(old.id()));
            repository.deleted(old.id());
            LOG.infof("Backup %s deleted by retention", old.id());
        }
    }

    private static List<BackupManifest.Extension> extensions(Connection c) throws SQLException {
        List<BackupManifest.Extension> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select e.extname, n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
                        + " where e.extname <> 'plpgsql' order by e.extname")) {
            while (rs.next()) {
                out.add(new BackupManifest.Extension(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String objectKey(String id) {
        return "backups/" + id + ".dump.enc";
    }

    static String manifestKey(String id) {
        return "backups/" + id + ".manifest.json";
    }

    private static String newId() {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(random);
    }
}

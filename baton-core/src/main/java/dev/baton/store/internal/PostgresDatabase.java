package dev.baton.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.secret.Secret;
import dev.baton.store.StoreSettings;
import dev.baton.store.StoreVersionException;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A PostgreSQL store shared by every replica pointed at it. A HikariCP pool of
 * {@code pool_size} connections: one is held by the {@link BatchWriter} (this process's writes,
 * batched into one transaction each), the others serve reads and other parts of Baton
 * ({@link #dataSource()}). Opening checks the schema and migrates it when behind. Thread-safe.
 */
public final class PostgresDatabase extends StoreDatabase {

    private final HikariDataSource pool;
    private final BatchWriter writer;
    private final String description;

    private PostgresDatabase(HikariDataSource pool, BatchWriter writer, String description) {
        this.pool = pool;
        this.writer = writer;
        this.description = description;
    }

    /** How long the writer keeps writes while the database is away (a restart, a fail-over) before failing them. */
    static final java.time.Duration OUTAGE_LIMIT = java.time.Duration.ofSeconds(60);

    /** Connects, migrates the schema when behind and starts the writer. */
    public static PostgresDatabase open(StoreSettings settings) {
        return open(settings, OUTAGE_LIMIT);
    }

    /** {@link #open(StoreSettings)} with the writer keeping writes for {@code outageLimit} while the database is away. */
    static PostgresDatabase open(StoreSettings settings, java.time.Duration outageLimit) {
        if (settings.url() == null) throw new IllegalArgumentException("a PostgreSQL store needs a url");
        String description = settings.describe();
        HikariConfig config = new HikariConfig();
        config.setPoolName("baton-store");
        config.setJdbcUrl(settings.url());
        if (settings.effectiveUser() != null) config.setUsername(settings.effectiveUser());
        Secret password = settings.effectivePassword();
        if (password != null) config.setPassword(password.reveal());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        // one round trip for a whole batch of ledger rows
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "baton");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to " + description + ": " + rootMessage(e, password), e);
        }
        Connection writeConnection = null;
        try {
            // Flyway takes connections of its own: the check's connection goes back to the pool first
            String baseline;
            try (Connection check = pool.getConnection()) {
                baseline = StoreMigrations.pending(check, Dialect.POSTGRES, description);
            }
            if (baseline != null) {
                FlywayMigrator.migrate(pool, Dialect.POSTGRES, baseline, description);
                try (Connection check = pool.getConnection()) {
                    StoreMigrations.migrated(check, Dialect.POSTGRES, description);
                }
            }
            writeConnection = pool.getConnection();
            BatchWriter writer = new BatchWriter(new WriteContext(writeConnection), "baton-db-writer",
                    broken -> replace(pool, broken), outageLimit);
            return new PostgresDatabase(pool, writer, description);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writeConnection);
            pool.close();
            if (e instanceof StoreVersionException v) throw v;
            throw new IllegalStateException("cannot open " + description + ": " + rootMessage(e, password), e);
        }
    }

    /** The writer's lost connection leaves the pool for good; a fresh one is taken (the pool reconnects). */
    private static Connection replace(HikariDataSource pool, Connection broken) throws SQLException {
        if (broken != null) pool.evictConnection(broken);
        return pool.getConnection();
    }

    private static String rootMessage(Throwable e, Secret password) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return password == null ? message : password.scrub(message);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the pool is closed next anyway
        }
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    BatchWriter writer() {
        return writer;
    }

    @Override
    <T> T read(SqlFunction<Connection, T> query) {
        try (Connection c = pool.getConnection()) {
            return query.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Commits queued writes, returns the writer's connection and closes the pool. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            pool.close();
        }
    }
}

package dev.baton.store.internal;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One SQLite database file in WAL mode, as Baton uses it: one writer connection owned by a
 * {@link BatchWriter} (every write goes through it, in batches, in BEGIN IMMEDIATE transactions)
 * and one reader connection for queries, which in WAL mode read the last commit without blocking
 * the writer. Opening creates the file, its directories and the schema. Thread-safe.
 */
public final class SqliteDatabase extends StoreDatabase {

    /** Milliseconds a connection waits for another process's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path path;
    private final BatchWriter writer;
    private final Connection reader;
    private final ReentrantLock readLock = new ReentrantLock();

    private SqliteDatabase(Path path, BatchWriter writer, Connection reader) {
        this.path = path;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating if needed) the database at {@code path}. */
    public static SqliteDatabase open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Connection writeConnection = connect(path, false);
            StoreMigrations.apply(writeConnection, Dialect.SQLITE, "the SQLite store " + path, () -> dataSource(path));
            Connection readConnection = connect(path, true);
            BatchWriter writer = new BatchWriter(new WriteContext(writeConnection), "baton-db-writer");
            return new SqliteDatabase(path, writer, readConnection);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + path, e);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof dev.baton.store.StoreVersionException v) throw v;
            throw new IllegalStateException("cannot open the database " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * WAL (readers never block the writer; a killed process leaves a consistent file),
     * synchronous=NORMAL (durable at each checkpoint; in WAL mode a crash of the process loses
     * nothing committed, only a power loss can lose the last transactions), a busy timeout for
     * other processes' writes, and IMMEDIATE transactions so a transaction takes the write lock
     * when it begins, not half-way through.
     */
    private static Connection connect(Path path, boolean forReading) throws SQLException {
        SQLiteConfig config = sqliteConfig();
        return DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
    }

    private static SQLiteConfig sqliteConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Auto-commit stays on between batches: with it off, the driver begins the next IMMEDIATE
        // transaction right after each commit, so this process would hold the write lock for good
        // and block every other process (and other writers to the same file).
        return config;
    }

    public Path path() {
        return path;
    }

    @Override
    BatchWriter writer() {
        return writer;
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public DataSource dataSource() {
        return dataSource(path);
    }

    private static DataSource dataSource(Path path) {
        org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource(sqliteConfig());
        source.setUrl("jdbc:sqlite:" + path.toAbsolutePath());
        return source;
    }

    @Override
    public String describe() {
        return "the SQLite store " + path;
    }

    /** Runs a read on the reader connection (one at a time). */
    @Override
    <T> T read(SqlFunction<Connection, T> query) {
        readLock.lock();
        try {
            return query.apply(reader);
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /** Commits queued writes and closes both connections. */
    @Override
    public void close() {
        writer.close();
        readLock.lock();
        try {
            reader.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the database failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /** Checks the file: {@code ok} or SQLite's list of problems. */
    public String integrityCheck() {
        return read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) out.append(out.isEmpty() ? "" : "\n").append(rs.getString(1));
                return out.toString();
            }
        });
    }

}

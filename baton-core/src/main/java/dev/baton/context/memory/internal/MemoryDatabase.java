package dev.baton.context.memory.internal;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection to the store's SQLite file for project memory, used by one caller at a time.
 * Memory writes are rare and small (a fact, a summary), so they do not go through the ledger's
 * batched writer; WAL and a busy timeout let them share the file with it and other processes.
 */
final class MemoryDatabase implements AutoCloseable {

    /** Work done on the connection. */
    interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path path;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private MemoryDatabase(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    /** Opens the file (creating it, its folders and memory's tables when needed). */
    static MemoryDatabase open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
            try {
                MemorySchema.create(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new MemoryDatabase(path, c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + path, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + path + ": " + e.getMessage(), e);
        }
    }

    <T> T run(SqlWork<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("memory query on " + path + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + path + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}

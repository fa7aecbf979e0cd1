package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * One store database as the ledger, budgets, audit log and API keys use it: every write goes
 * through one {@link BatchWriter} (in batches, one transaction each, in submission order), reads
 * go through {@link #read}. SQLite ({@link SqliteDatabase}) or PostgreSQL ({@link PostgresDatabase}).
 * Thread-safe.
 */
public abstract sealed class StoreDatabase implements AutoCloseable permits SqliteDatabase, PostgresDatabase {

    abstract Dialect dialect();

    abstract BatchWriter writer();

    /** Runs a read on a reading connection. */
    abstract <T> T read(SqlFunction<Connection, T> query);

    /** Connections for other parts of Baton (the task queue): the database's pool or file. */
    public abstract DataSource dataSource();

    /** The database for messages: the file, or the URL without credentials. */
    public abstract String describe();

    /** Runs {@code work} on the writer thread inside its transaction and returns the result after commit. */
    <T> T write(SqlFunction<WriteContext, T> work) {
        Function<WriteContext, T> f = c -> {
            try {
                return work.apply(c);
            } catch (SQLException e) {
                throw new BatchWriter.UncheckedSqlException(e);
            }
        };
        return writer().call(f);
    }

    /** Waits until every queued write is committed. */
    public void flush() {
        writer().flush();
    }

    @Override
    public abstract void close();

    /** A function that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }
}

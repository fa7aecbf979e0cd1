package dev.baton.task.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which database the task queue runs on. Its tables (db-scheduler's {@code scheduled_tasks} and
 * Baton's {@code baton_tasks}, {@code baton_task_history}, {@code baton_task_checkpoints}) are
 * created by the store's migrations ({@code V4__task_queue.sql} of each dialect).
 */
public final class TaskSchema {

    /** The SQL dialect of a store: what LISTEN/NOTIFY and a few statements depend on. */
    public enum Dialect { SQLITE, POSTGRES }

    private TaskSchema() {
    }

    public static Dialect dialectOf(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) return Dialect.POSTGRES;
            if (product.contains("sqlite")) return Dialect.SQLITE;
            throw new IllegalStateException("the task queue runs on SQLite or PostgreSQL, not " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the task store: " + e.getMessage(), e);
        }
    }
}

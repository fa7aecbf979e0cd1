package dev.baton.task.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The tables of the task queue, in one place: db-scheduler's {@code scheduled_tasks} (its
 * executions: claimed, heartbeats, priority) and Baton's own {@code baton_tasks} (what a task
 * runs and where it is), {@code baton_task_history} (every state change, kept after the engine
 * has deleted a finished execution) and {@code baton_task_checkpoints} (each finished agent of
 * the current occurrence). Created if absent; never dropped or altered destructively.
 */
public final class TaskSchema {

    /** The SQL dialect of a store: what the DDL and a few statements differ in. */
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

    /** Creates the tables and indexes that do not exist yet. */
    public static void apply(DataSource ds, Dialect dialect) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements(dialect)) s.execute(sql);
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the task tables: " + e.getMessage(), e);
        }
    }

    static List<String> statements(Dialect d) {
        boolean pg = d == Dialect.POSTGRES;
        String ts = pg ? "timestamp with time zone" : "TIMESTAMP";
        String serial = pg ? "bigserial primary key" : "integer primary key autoincrement";
        return List.of(
                "create table if not exists scheduled_tasks ("
                        + "task_name varchar(100) not null, task_instance varchar(100) not null, "
                        + "task_data " + (pg ? "bytea" : "blob") + ", execution_time " + ts + " not null, "
                        + "picked " + (pg ? "boolean" : "BIT") + " not null, picked_by varchar(50), "
                        + "last_success " + ts + ", last_failure " + ts + ", consecutive_failures int, "
                        + "last_heartbeat " + ts + ", version bigint not null, priority smallint, "
                        + "primary key (task_name, task_instance))",
                "create index if not exists execution_time_idx on scheduled_tasks (execution_time)",
                "create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)",
                "create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)",
                "create table if not exists baton_tasks (id varchar(64) primary key, kind varchar(20) not null, "
                        + "target text, input text, priority int not null, run_at bigint, cron text, "
                        + "max_attempts int not null, state varchar(20) not null, attempts int not null, "
                        + "retry_base int not null, next_run_at bigint, cancel_requested int not null, "
                        + "run_id text, result text, error text, replica text, "
                        + "created_at bigint not null, updated_at bigint not null)",
                "create index if not exists baton_tasks_created_idx on baton_tasks (created_at)",
                "create table if not exists baton_task_history (seq " + serial + ", task_id varchar(64) not null, "
                        + "at bigint not null, state varchar(20) not null, attempt int not null, replica text, detail text)",
                "create index if not exists baton_task_history_task_idx on baton_task_history (task_id, seq)",
                "create table if not exists baton_task_checkpoints (task_id varchar(64) not null, "
                        + "agent varchar(200) not null, status varchar(20) not null, result text, replica text, "
                        + "at bigint not null, primary key (task_id, agent))");
    }
}

package dev.baton.task.internal;

import dev.baton.task.TaskEvent;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskKind;
import dev.baton.task.TaskRequest;
import dev.baton.task.TaskState;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Baton's rows of the task queue: the tasks, their history and their checkpoints (the tables of
 * {@link TaskSchema}). Each method is one short statement or transaction; the same SQL runs on
 * SQLite and PostgreSQL (times are epoch milliseconds). Thread-safe.
 */
public final class TaskRepository {

    private static final String COLUMNS = "id, kind, target, input, priority, run_at, cron, max_attempts, state, "
            + "attempts, next_run_at, run_id, result, error, replica, created_at, updated_at";

    /** A checkpointed agent: {@code status} is {@code started} or {@code completed} (then {@code result} is its JSON). */
    public record Checkpoint(String agent, String status, @Nullable String result, @Nullable String replica) {
    }

    private final DataSource ds;
    private final Clock clock;

    public TaskRepository(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    public void insert(String id, TaskRequest r, Instant firstRun) {
        long now = clock.millis();
        update("insert into baton_tasks (id, kind, target, input, priority, run_at, cron, max_attempts, state, attempts, "
                        + "retry_base, next_run_at, cancel_requested, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,0,0,?,0,?,?)",
                id, r.kind().wire(), r.target(), r.input(), r.priority(), millis(r.runAt()), r.cron(), r.maxAttempts(),
                TaskState.QUEUED.wire(), firstRun.toEpochMilli(), now, now);
        history(id, TaskState.QUEUED, 0, null, "submitted, due " + firstRun);
    }

    public Optional<TaskInfo> find(String id) {
        List<TaskInfo> found = query("select " + COLUMNS + " from baton_tasks where id = ?", id);
        return found.stream().findFirst();
    }

    public List<TaskInfo> list(@Nullable TaskState state, int limit) {
        return state == null
                ? query("select " + COLUMNS + " from baton_tasks order by created_at desc, id desc limit ?", limit)
                : query("select " + COLUMNS + " from baton_tasks where state = ? order by created_at desc, id desc limit ?",
                        state.wire(), limit);
    }

    /** Attempts made since the last {@code retry} (the allowance {@code max_attempts} counts against). */
    public int attemptsSinceRetry(String id) {
        return intValue("select attempts - retry_base from baton_tasks where id = ?", id);
    }

    /** Marks the task running on {@code replica} and returns the number of its attempt. */
    public int markRunning(String id, String replica) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                exec(c, "update baton_tasks set state = ?, attempts = attempts + 1, replica = ?, next_run_at = null, "
                        + "updated_at = ? where id = ?", TaskState.RUNNING.wire(), replica, clock.millis(), id);
                int attempt;
                try (PreparedStatement ps = c.prepareStatement("select attempts from baton_tasks where id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        attempt = rs.next() ? rs.getInt(1) : 0;
                    }
                }
                c.commit();
                return attempt;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A cron task waits for its next occurrence, with a fresh allowance of attempts. */
    public void nextOccurrence(String id, @Nullable String lastError, Instant next) {
        update("update baton_tasks set state = ?, retry_base = attempts, error = ?, next_run_at = ?, updated_at = ? "
                + "where id = ?", TaskState.QUEUED.wire(), lastError, next.toEpochMilli(), clock.millis(), id);
    }

    public void setRunId(String id, String runId) {
        update("update baton_tasks set run_id = ?, updated_at = ? where id = ?", runId, clock.millis(), id);
    }

    /** Records where an attempt left the task: its state, result or error, and when it runs next (null: not). */
    public void settle(String id, TaskState state, @Nullable String result, @Nullable String error,
                       @Nullable Instant nextRunAt) {
        update("update baton_tasks set state = ?, result = ?, error = ?, next_run_at = ?, updated_at = ? where id = ?",
                state.wire(), result, error, millis(nextRunAt), clock.millis(), id);
    }


    /**
     * Moves a task that is not final yet to {@code state} and records it in its history, in one
     * transaction (a reader that sees the state sees the history line); false when it already was final.
     */
    public boolean finishIfNotFinal(String id, TaskState state, int attempt, @Nullable String replica, String detail) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int n = exec(c, "update baton_tasks set state = ?, next_run_at = null, updated_at = ? "
                                + "where id = ? and state not in ('succeeded', 'failed', 'cancelled')",
                        state.wire(), clock.millis(), id);
                if (n > 0) {
                    exec(c, "insert into baton_task_history (task_id, at, state, attempt, replica, detail) values (?,?,?,?,?,?)",
                            id, clock.millis(), state.wire(), attempt, replica, detail);
                }
                c.commit();
                return n > 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void requestCancel(String id) {
        update("update baton_tasks set cancel_requested = 1, updated_at = ? where id = ?", clock.millis(), id);
    }

    public boolean cancelRequested(String id) {
        return intValue("select cancel_requested from baton_tasks where id = ?", id) != 0;
    }

    /** Of {@code ids}, those a client asked to cancel. */
    public Set<String> cancelRequested(Collection<String> ids) {
        Set<String> out = new HashSet<>();
        if (ids.isEmpty()) return out;
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select id from baton_tasks where cancel_requested = 1 and id in (" + marks + ")")) {
            int i = 1;
            for (String id : ids) ps.setString(i++, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** Queues a final task again with a fresh allowance of attempts; false when it was not failed or cancelled. */
    public boolean requeue(String id, Instant due) {
        return update("update baton_tasks set state = ?, cancel_requested = 0, retry_base = attempts, error = null, "
                        + "next_run_at = ?, updated_at = ? where id = ? and state in ('failed', 'cancelled')",
                TaskState.QUEUED.wire(), due.toEpochMilli(), clock.millis(), id) > 0;
    }

    public void history(String id, TaskState state, int attempt, @Nullable String replica, @Nullable String detail) {
        update("insert into baton_task_history (task_id, at, state, attempt, replica, detail) values (?,?,?,?,?,?)",
                id, clock.millis(), state.wire(), attempt, replica, detail);
    }

    public List<TaskEvent> history(String id) {
        List<TaskEvent> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select at, state, attempt, replica, detail from baton_task_history where task_id = ? order by seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TaskEvent(Instant.ofEpochMilli(rs.getLong(1)), TaskState.fromWire(rs.getString(2)),
                            rs.getInt(3), rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** Records that {@code agent} started or completed (then with its result JSON); the later record wins. */
    public void checkpoint(String id, String agent, String status, @Nullable String result, String replica) {
        update("insert into baton_task_checkpoints (task_id, agent, status, result, replica, at) values (?,?,?,?,?,?) "
                        + "on conflict (task_id, agent) do update set status = excluded.status, result = excluded.result, "
                        + "replica = excluded.replica, at = excluded.at",
                id, agent, status, result, replica, clock.millis());
    }

    public List<Checkpoint> checkpoints(String id) {
        List<Checkpoint> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select agent, status, result, replica from baton_task_checkpoints where task_id = ? order by at, agent")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** Forgets the checkpoints of a finished occurrence, so the next occurrence of a cron task starts afresh. */
    public void clearCheckpoints(String id) {
        update("delete from baton_task_checkpoints where task_id = ?", id);
    }

    // ---- plumbing ----

    private List<TaskInfo> query(String sql, Object... args) {
        List<TaskInfo> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    private static TaskInfo row(ResultSet rs) throws SQLException {
        return new TaskInfo(rs.getString(1), TaskKind.fromWire(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getInt(5), instant(rs, 6), rs.getString(7), rs.getInt(8), TaskState.fromWire(rs.getString(9)),
                rs.getInt(10), instant(rs, 11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                Instant.ofEpochMilli(rs.getLong(16)), Instant.ofEpochMilli(rs.getLong(17)));
    }

    private int intValue(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = ds.getConnection()) {
            int n = exec(c, sql, args);
            if (!c.getAutoCommit()) c.commit();
            return n;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.VARCHAR);
            else if (a instanceof TypedNull t) ps.setNull(i + 1, t.sqlType());
            else if (a instanceof Long l) ps.setLong(i + 1, l);
            else if (a instanceof Integer n) ps.setInt(i + 1, n);
            else ps.setString(i + 1, a.toString());
        }
    }

    // a null bound as text would not fit a bigint column on PostgreSQL
    private record TypedNull(int sqlType) {
    }

    private static final TypedNull NULL_BIGINT = new TypedNull(Types.BIGINT);

    private static Object millis(@Nullable Instant at) {
        return at == null ? NULL_BIGINT : at.toEpochMilli();
    }

    private static @Nullable Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("task store: " + e.getMessage(), e);
    }
}

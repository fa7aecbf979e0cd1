package dev.baton.store.internal;

import dev.baton.runs.RunEventLog;
import dev.baton.runs.StoredEvent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link RunEventLog} on the {@code baton_run_events} table. Appends are batched by the store's
 * writer (an event costs its run no round trip); on PostgreSQL the transaction that commits a
 * run's events also notifies channel {@value #CHANNEL} with the run's id, which other replicas'
 * {@link PostgresListener}s hear.
 */
public final class JdbcRunEventLog implements RunEventLog {

    /** The PostgreSQL channel of appended events; the payload is the run's id. */
    static final String CHANNEL = "baton_run_events";
    // a replayed (re-applied) batch must not fail on rows the first try wrote: same id, same event
    private static final String INSERT = "INSERT INTO baton_run_events (run_id, id, type, data, at_ms) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private final StoreDatabase database;
    private final boolean postgres;

    public JdbcRunEventLog(StoreDatabase database) {
        this.database = database;
        this.postgres = database.dialect() == Dialect.POSTGRES;
    }

    @Override
    public void append(String runId, long id, String type, String data) {
        long at = System.currentTimeMillis();
        database.writer().submit(c -> {
            PreparedStatement ps = c.batched(INSERT);
            ps.setString(1, runId);
            ps.setLong(2, id);
            ps.setString(3, type);
            ps.setString(4, data);
            ps.setLong(5, at);
            ps.addBatch();
            if (postgres) c.notifyOnCommit(CHANNEL, runId);
        });
    }

    @Override
    public List<StoredEvent> after(String runId, long after, int limit) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, type, data FROM baton_run_events WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?")) {
                ps.setString(1, runId);
                ps.setLong(2, after);
                ps.setInt(3, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        });
    }

    @Override
    public AutoCloseable listen(Consumer<String> onAppended) {
        if (!postgres) return () -> { };
        return new PostgresListener(database.dataSource(), CHANNEL).listen(payloads -> payloads.forEach(onAppended));
    }

    @Override
    public boolean notifiesReplicas() {
        return postgres;
    }
}

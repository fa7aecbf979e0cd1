package dev.baton.store.internal;

import dev.baton.runs.IdempotencyKeys;
import org.jspecify.annotations.Nullable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link IdempotencyKeys} on the {@code baton_idempotency} table. A claim is an insert that does
 * nothing on a conflict with the primary key {@code (caller, idem_key)}: on PostgreSQL two
 * replicas inserting at once cannot both succeed, so only one runs the request. Every write
 * waits for its commit: a claim another replica has not seen yet would not protect anything.
 */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private static final String COLUMNS = "caller, idem_key, route, body_sha256, state, status, response, location, replica, created_ms";
    private static final String CLAIM = "INSERT INTO baton_idempotency (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, 'pending', NULL, NULL, NULL, ?, ?) ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT " + COLUMNS + " FROM baton_idempotency WHERE caller = ? AND idem_key = ?";

    private final StoreDatabase database;

    public JdbcIdempotencyKeys(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Entry> claim(String caller, String key, String route, String bodySha256, String replica, Instant at) {
        return database.write(c -> {
            PreparedStatement ps = c.prepare(CLAIM);
            ps.setString(1, caller);
            ps.setString(2, key);
            ps.setString(3, route);
            ps.setString(4, bodySha256);
            ps.setString(5, replica);
            ps.setLong(6, at.toEpochMilli());
            if (ps.executeUpdate() == 1) return Optional.empty();
            PreparedStatement find = c.prepare(FIND);
            find.setString(1, caller);
            find.setString(2, key);
            return entry(find);
        });
    }

    @Override
    public void complete(String caller, String key, int status, String response, @Nullable String location) {
        database.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE baton_idempotency SET state = 'done', status = ?, response = ?, location = ?"
                    + " WHERE caller = ? AND idem_key = ?");
            ps.setInt(1, status);
            ps.setString(2, response);
            ps.setString(3, location);
            ps.setString(4, caller);
            ps.setString(5, key);
            return ps.executeUpdate();
        });
    }

    @Override
    public void release(String caller, String key) {
        database.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM baton_idempotency WHERE caller = ? AND idem_key = ? AND state = 'pending'");
            ps.setString(1, caller);
            ps.setString(2, key);
            return ps.executeUpdate();
        });
    }

    @Override
    public Optional<Entry> find(String caller, String key) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, caller);
                ps.setString(2, key);
                return entry(ps);
            }
        });
    }

    @Override
    public boolean remove(String caller, String key, Instant createdAt) {
        return database.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM baton_idempotency WHERE caller = ? AND idem_key = ? AND created_ms = ?");
            ps.setString(1, caller);
            ps.setString(2, key);
            ps.setLong(3, createdAt.toEpochMilli());
            return ps.executeUpdate() == 1;
        });
    }

    @Override
    public int deleteDoneBefore(Instant cutoff) {
        return database.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM baton_idempotency WHERE state = 'done' AND created_ms < ?");
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
        });
    }

    private static Optional<Entry> entry(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new Entry(rs.getString("caller"), rs.getString("idem_key"), rs.getString("route"),
                    rs.getString("body_sha256"), "done".equals(rs.getString("state")), rs.getInt("status"),
                    rs.getString("response"), rs.getString("location"), rs.getString("replica"),
                    Instant.ofEpochMilli(rs.getLong("created_ms"))));
        }
    }
}

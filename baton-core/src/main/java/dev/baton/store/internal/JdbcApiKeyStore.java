package dev.baton.store.internal;

import dev.baton.keys.ApiKey;
import dev.baton.keys.ApiKeyStore;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetPeriod;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_keys} table: one row per key ever made, with the SHA-256 of its secret (hex),
 * never the secret. Writes run on the database's batch writer; a write that finds a conflict
 * (a live key with the same name) answers with it rather than throwing, so it cannot fail the
 * batch it shares with ledger rows. Thread-safe.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS =
            "id, name, created_ms, revoked_ms, budget_nano_usd, period, rpm, tpm, profiles, secret_sha256";
    private static final String LIVE_BY_NAME = "SELECT " + COLUMNS + " FROM api_keys WHERE name = ? AND revoked_ms IS NULL";
    // another replica may take the name between the look-up and the insert: its row wins, no error
    private static final String INSERT = "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String LIVE_BY_ID_OR_NAME =
            "SELECT " + COLUMNS + " FROM api_keys WHERE (id = ? OR name = ?) AND revoked_ms IS NULL ORDER BY id = ? DESC";
    private static final String REVOKE = "UPDATE api_keys SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL";

    private final StoreDatabase database;

    public JdbcApiKeyStore(StoreDatabase database) {
        this.database = database;
    }

    /**
     * Stores {@code key} (live) with {@code secretSha256}, unless a live key has its name.
     *
     * @return the live key that has the name (nothing stored), or empty when stored
     */
    @Override
    public Optional<ApiKey> insertUnlessNameTaken(ApiKey key, String secretSha256) {
        return database.write(c -> {
            Optional<StoredKey> taken = one(c.prepare(LIVE_BY_NAME), key.name());
            if (taken.isPresent()) return taken.map(StoredKey::key);
            PreparedStatement ps = c.prepare(INSERT);
            ps.setString(1, key.id());
            ps.setString(2, key.name());
            ps.setLong(3, key.created().toEpochMilli());
            if (key.budgetUsd() == null) ps.setNull(4, Types.INTEGER);
            else ps.setLong(4, BudgetAmount.toNanos(key.budgetUsd()));
            ps.setString(5, key.budgetUsd() == null ? null : key.period().name().toLowerCase(java.util.Locale.ROOT));
            setInteger(ps, 6, key.rpm());
            setInteger(ps, 7, key.tpm());
            ps.setString(8, String.join(",", key.profiles()));
            ps.setString(9, secretSha256);
            if (ps.executeUpdate() == 1) return Optional.empty();
            return one(c.prepare(LIVE_BY_NAME), key.name()).map(StoredKey::key);
        });
    }

    /**
     * Marks the live key with id (preferred) or name {@code idOrName} revoked at {@code at}.
     *
     * @return the key as revoked, or empty when no live key has that id or name
     */
    @Override
    public Optional<ApiKey> revoke(String idOrName, Instant at) {
        return database.write(c -> {
            PreparedStatement find = c.prepare(LIVE_BY_ID_OR_NAME);
            find.setString(1, idOrName);
            find.setString(2, idOrName);
            find.setString(3, idOrName);
            Optional<StoredKey> found = first(find);
            if (found.isEmpty()) return Optional.empty();
            ApiKey k = found.get().key();
            PreparedStatement ps = c.prepare(REVOKE);
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, k.id());
            ps.executeUpdate();
            return Optional.of(new ApiKey(k.id(), k.name(), k.created(), at, k.budgetUsd(), k.period(), k.rpm(), k.tpm(),
                    k.profiles()));
        });
    }

    /** The live key whose secret hashes to {@code secretSha256}. */
    @Override
    public Optional<StoredKey> liveByHash(String secretSha256) {
        return database.read(c -> query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE secret_sha256 = ? AND revoked_ms IS NULL",
                secretSha256).stream().findFirst());
    }

    /** The key with id {@code id}, live or revoked. */
    @Override
    public Optional<ApiKey> byId(String id) {
        return database.read(c -> query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id)
                .stream().findFirst().map(StoredKey::key));
    }

    /** The live keys, oldest first (keys made in the same millisecond by name). */
    @Override
    public List<ApiKey> live() {
        return database.read(c -> query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE revoked_ms IS NULL"
                + " ORDER BY created_ms, name, id", null).stream().map(StoredKey::key).toList());
    }

    private static List<StoredKey> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            return all(ps);
        }
    }

    private static Optional<StoredKey> one(PreparedStatement ps, String arg) throws SQLException {
        ps.setString(1, arg);
        return first(ps);
    }

    private static Optional<StoredKey> first(PreparedStatement ps) throws SQLException {
        List<StoredKey> rows = all(ps);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    private static List<StoredKey> all(PreparedStatement ps) throws SQLException {
        List<StoredKey> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(row(rs));
        }
        return out;
    }

    private static StoredKey row(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_ms");
        Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        long budget = rs.getLong("budget_nano_usd");
        var budgetUsd = rs.wasNull() ? null : BudgetAmount.toUsd(budget);
        String period = rs.getString("period");
        String profiles = rs.getString("profiles");
        ApiKey key = new ApiKey(rs.getString("id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                revokedAt, budgetUsd, period == null ? null : BudgetPeriod.valueOf(period.toUpperCase(java.util.Locale.ROOT)),
                integer(rs, "rpm"), integer(rs, "tpm"),
                profiles == null || profiles.isEmpty() ? List.of() : Arrays.asList(profiles.split(",")));
        return new StoredKey(key, rs.getString("secret_sha256"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) ps.setNull(index, Types.INTEGER);
        else ps.setInt(index, value);
    }
}

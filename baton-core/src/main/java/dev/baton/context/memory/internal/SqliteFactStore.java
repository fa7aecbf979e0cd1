package dev.baton.context.memory.internal;

import dev.baton.context.memory.Fact;
import dev.baton.context.memory.FactStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The facts of one project in the store's SQLite file. */
final class SqliteFactStore implements FactStore {

    private final MemoryDatabase db;
    private final String project;

    SqliteFactStore(MemoryDatabase db, String project) {
        this.db = db;
        this.project = project;
    }

    @Override
    public void put(Fact fact) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO memory_fact (project, fact_key, body, source, updated_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (project, fact_key) DO UPDATE SET body = excluded.body, source = excluded.source,
                      updated_ms = excluded.updated_ms""")) {
                s.setString(1, project);
                s.setString(2, fact.key());
                s.setString(3, fact.text());
                s.setString(4, fact.source());
                s.setLong(5, fact.updatedAt().toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Fact> get(String key) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT fact_key, body, source, updated_ms FROM memory_fact WHERE project = ? AND fact_key = ?")) {
                s.setString(1, project);
                s.setString(2, key);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(fact(rs)) : Optional.<Fact>empty();
                }
            }
        });
    }

    @Override
    public List<Fact> list() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT fact_key, body, source, updated_ms FROM memory_fact WHERE project = ? ORDER BY fact_key")) {
                s.setString(1, project);
                List<Fact> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) out.add(fact(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean forget(String key) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM memory_fact WHERE project = ? AND fact_key = ?")) {
                s.setString(1, project);
                s.setString(2, key);
                return s.executeUpdate() > 0;
            }
        });
    }

    private static Fact fact(ResultSet rs) throws SQLException {
        return new Fact(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
    }

    /** The database belongs to the memory that made this store, which closes it. */
    @Override
    public void close() {
    }
}

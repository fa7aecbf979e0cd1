package dev.baton.context.memory.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** File summaries by content hash and profile, so an unchanged file is summarised once. */
final class SummaryCache {

    private final MemoryDatabase db;

    SummaryCache(MemoryDatabase db) {
        this.db = db;
    }

    Optional<String> get(String contentHash, String profile) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT body FROM memory_summary WHERE content_hash = ? AND profile = ?")) {
                s.setString(1, contentHash);
                s.setString(2, profile);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    void put(String contentHash, String profile, String summary, long nowMs) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO memory_summary (content_hash, profile, body, created_ms) VALUES (?, ?, ?, ?)
                    ON CONFLICT (content_hash, profile) DO UPDATE SET body = excluded.body, created_ms = excluded.created_ms""")) {
                s.setString(1, contentHash);
                s.setString(2, profile);
                s.setString(3, summary);
                s.setLong(4, nowMs);
                return s.executeUpdate();
            }
        });
    }
}

package dev.baton.store.internal;

import dev.baton.context.ChatSession;
import dev.baton.context.Conversations;
import dev.baton.context.internal.MessageJson;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Message;
import dev.baton.llm.Role;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Conversations} in the store's database, SQLite or PostgreSQL (tables {@code chat_sessions}
 * and {@code chat_messages}, made by the store's migration 5). Writes go through the database's batch
 * writer; reads use its reader. With {@code retention} above zero a
 * profile's history in a session keeps only its newest {@code retention} messages, and never
 * starts with a tool result (whose call would be gone). Thread-safe.
 */
public final class JdbcConversations implements Conversations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreDatabase database;
    private final MessageJson codec;
    private final Clock clock;
    private final int retention;

    public JdbcConversations(StoreDatabase database, MessageJson codec, Clock clock, int retention) {
        if (retention < 0) throw new IllegalArgumentException("retention must not be negative: " + retention);
        this.database = database;
        this.codec = codec;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public ChatSession start() {
        String id = HexFormat.of().formatHex(bytes());
        long now = clock.millis();
        database.write(c -> {
            PreparedStatement ps = c.prepare("INSERT INTO chat_sessions (id, created_ms, updated_ms) VALUES (?, ?, ?)");
            ps.setString(1, id);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.executeUpdate();
            return null;
        });
        return new ChatSession(id, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), Map.of());
    }

    private static byte[] bytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public Optional<ChatSession> find(String id) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, created_ms, updated_ms FROM chat_sessions WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(session(c, rs));
                }
            }
        });
    }

    @Override
    public List<ChatSession> list(int limit) {
        return database.read(c -> {
            List<ChatSession> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, created_ms, updated_ms FROM chat_sessions ORDER BY updated_ms DESC, id LIMIT ?")) {
                ps.setInt(1, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(session(c, rs));
                }
            }
            return out;
        });
    }

    private static ChatSession session(java.sql.Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT profile, COUNT(*) FROM chat_messages WHERE session_id = ? GROUP BY profile ORDER BY profile")) {
            ps.setString(1, id);
            try (ResultSet m = ps.executeQuery()) {
                while (m.next()) counts.put(m.getString(1), m.getInt(2));
            }
        }
        return new ChatSession(id, Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)), counts);
    }

    @Override
    public List<Message> history(String sessionId, String profile) {
        return database.read(c -> {
            List<Message> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT message FROM chat_messages WHERE session_id = ? AND profile = ? ORDER BY seq")) {
                ps.setString(1, sessionId);
                ps.setString(2, profile);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(codec.read(rs.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public void append(String sessionId, String profile, List<Message> messages) {
        if (messages.isEmpty()) return;
        List<String> rows = messages.stream().map(codec::write).toList();
        long now = clock.millis();
        boolean found = database.write(c -> {
            PreparedStatement touch = c.prepare("UPDATE chat_sessions SET updated_ms = ? WHERE id = ?");
            touch.setLong(1, now);
            touch.setString(2, sessionId);
            if (touch.executeUpdate() == 0) return false;
            PreparedStatement last = c.prepare("SELECT COALESCE(MAX(seq), 0) FROM chat_messages WHERE session_id = ? AND profile = ?");
            last.setString(1, sessionId);
            last.setString(2, profile);
            long seq;
            try (ResultSet rs = last.executeQuery()) {
                seq = rs.next() ? rs.getLong(1) : 0;
            }
            PreparedStatement insert = c.prepare(
                    "INSERT INTO chat_messages (session_id, profile, seq, created_ms, message) VALUES (?, ?, ?, ?, ?)");
            for (String row : rows) {
                insert.setString(1, sessionId);
                insert.setString(2, profile);
                insert.setLong(3, ++seq);
                insert.setLong(4, now);
                insert.setString(5, row);
                insert.executeUpdate();
            }
            if (retention > 0) applyRetention(c, sessionId, profile);
            return true;
        });
        if (!found) throw new BatonException(ErrorCode.NOT_FOUND, "no chat session '" + sessionId + "'");
    }

    /** Deletes all but the newest {@link #retention} messages, then any tool results left at the start. */
    private void applyRetention(WriteContext c, String sessionId, String profile) throws SQLException {
        PreparedStatement cut = c.prepare("DELETE FROM chat_messages WHERE session_id = ? AND profile = ? AND seq <= "
                + "(SELECT seq FROM chat_messages WHERE session_id = ? AND profile = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)");
        cut.setString(1, sessionId);
        cut.setString(2, profile);
        cut.setString(3, sessionId);
        cut.setString(4, profile);
        cut.setInt(5, retention);
        cut.executeUpdate();
        PreparedStatement first = c.prepare("SELECT seq, message FROM chat_messages WHERE session_id = ? AND profile = ? ORDER BY seq LIMIT 1");
        PreparedStatement drop = c.prepare("DELETE FROM chat_messages WHERE session_id = ? AND profile = ? AND seq = ?");
        while (true) {
            first.setString(1, sessionId);
            first.setString(2, profile);
            long seq;
            try (ResultSet rs = first.executeQuery()) {
                if (!rs.next() || codec.read(rs.getString(2)).role() != Role.TOOL) return;
                seq = rs.getLong(1);
            }
            drop.setString(1, sessionId);
            drop.setString(2, profile);
            drop.setLong(3, seq);
            drop.executeUpdate();
        }
    }

    @Override
    public int reset(String sessionId, String profile) {
        return database.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM chat_messages WHERE session_id = ? AND profile = ?");
            ps.setString(1, sessionId);
            ps.setString(2, profile);
            return ps.executeUpdate();
        });
    }
}

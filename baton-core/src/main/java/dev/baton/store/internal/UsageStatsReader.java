package dev.baton.store.internal;

import dev.baton.usage.BudgetAmount;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates the usage ledger: sums in SQL, latency percentiles (nearest rank) in Java from one
 * pass over the group's latencies (SQLite has no percentile function). The same SQL on SQLite and PostgreSQL
 * but for the day of a timestamp ({@link Dialect#utcDay}).
 */
final class UsageStatsReader {

    private UsageStatsReader() {
    }

    static List<StatsRow> read(Connection c, Dialect dialect, StatsQuery query) throws SQLException {
        String key = keyExpression(query.groupBy(), dialect);
        long since = query.since() == null ? Long.MIN_VALUE : query.since().toEpochMilli();
        Map<String, Sums> sums = sums(c, key, since);
        Map<String, Samples> samples = samples(c, key, since);
        List<StatsRow> rows = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> rows.add(s.row(k, samples.getOrDefault(k, new Samples()))));
        return rows;
    }

    private static String keyExpression(StatsQuery.GroupBy groupBy, Dialect dialect) {
        return switch (groupBy) {
            case NONE -> "'all'";
            case PROFILE -> "COALESCE(profile, '-')";
            case PROVIDER -> "COALESCE(provider, '-')";
            case MODEL -> "COALESCE(provider, '-') || '/' || COALESCE(model, '-')";
            case RUN -> "COALESCE(run_id, '-')";
            case API_KEY -> "COALESCE(api_key, '-')";
            case DAY -> dialect.utcDay("ts_ms");
        };
    }

    private static Map<String, Sums> sums(Connection c, String key, long since) throws SQLException {
        String sql = "SELECT " + key + " AS k, COUNT(*), SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END), SUM(input_tokens), SUM(cached_tokens),"
                + " SUM(output_tokens), SUM(reasoning_tokens), SUM(cost_nano_usd)"
                + " FROM usage_ledger WHERE ts_ms >= ? GROUP BY k ORDER BY k";
        Map<String, Sums> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Sums(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        return out;
    }

    private static Map<String, Samples> samples(Connection c, String key, long since) throws SQLException {
        String sql = "SELECT " + key + " AS k, latency_us, ttft_us FROM usage_ledger WHERE ts_ms >= ?";
        Map<String, Samples> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Samples s = out.computeIfAbsent(rs.getString(1), k -> new Samples());
                    s.latency.add(rs.getLong(2));
                    long ttft = rs.getLong(3);
                    if (!rs.wasNull()) s.ttft.add(ttft);
                }
            }
        }
        return out;
    }

    private record Sums(long calls, long errors, long input, long cached, long output, long reasoning, long costNanos) {
        StatsRow row(String key, Samples s) {
            BigDecimal cost = BudgetAmount.toUsd(costNanos);
            return new StatsRow(key, calls, errors, input, cached, output, reasoning, cost,
                    s.latency.percentile(50), s.latency.percentile(95), s.ttft.percentile(50), s.ttft.percentile(95));
        }
    }

    private static final class Samples {
        final LongList latency = new LongList();
        final LongList ttft = new LongList();
    }

    /** A growable long array with nearest-rank percentiles in microseconds. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;
        private boolean sorted;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
            sorted = false;
        }

        Duration percentile(int p) {
            if (size == 0) return null;
            if (!sorted) {
                Arrays.sort(values, 0, size);
                sorted = true;
            }
            int rank = (int) Math.ceil(p / 100.0 * size);
            return Duration.ofNanos(values[Math.max(0, rank - 1)] * 1000);
        }
    }
}

package dev.baton.store.internal;

import dev.baton.usage.SeriesQuery;
import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.usage.AbstractUsageLedgerContractTest;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.UsageLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteUsageLedgerTest extends AbstractUsageLedgerContractTest {

    @TempDir
    Path dir;

    @Override
    protected UsageLedger newLedger() {
        return JdbcUsageLedger.open(dir.resolve("nested/baton.db"));
    }

    @Test
    void close_flushes_and_records_survive_reopening() {
        for (int i = 0; i < 500; i++) ledger.record(call(T0, "fast", "0.01", 5).build());
        ledger.close();

        ledger = JdbcUsageLedger.open(dir.resolve("nested/baton.db"));
        assertThat(ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).getFirst().calls()).isEqualTo(500);
    }

    @Test
    void given_an_interrupted_caller_when_it_records_a_call_then_the_row_is_kept_and_the_interrupt_stays_set() {
        // a gateway call past its deadline is interrupted while its ledger row is being recorded
        Thread.currentThread().interrupt();
        boolean stillInterrupted;
        try {
            ledger.record(call(T0, "fast", "0.01", 5).build());
        } finally {
            stillInterrupted = Thread.interrupted(); // cleared again for the flush below
        }

        assertThat(stillInterrupted).isTrue();
        ledger.flush();
        assertThat(ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).getFirst().calls()).isEqualTo(1);
    }

    @Test
    void given_a_window_of_too_many_buckets_then_the_query_is_refused_naming_the_bucket() {
        assertThatThrownBy(() -> SeriesQuery.last(Duration.ofDays(30), Duration.ofMinutes(1), T0, StatsQuery.GroupBy.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket:");
    }

    @Test
    void the_default_path_honours_xdg_data_home() {
        Path home = Path.of("/home/u");
        assertThat(JdbcUsageLedger.defaultPath(java.util.Map.of(), home))
                .isEqualTo(Path.of("/home/u/.local/share/baton/baton.db"));
        assertThat(JdbcUsageLedger.defaultPath(java.util.Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/data/baton/baton.db"));
        assertThat(JdbcUsageLedger.defaultPath(java.util.Map.of("XDG_DATA_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/u/.local/share/baton/baton.db"));
    }

    @Test
    void the_database_is_in_wal_mode_with_the_schema_version_set() throws Exception {
        ledger.flush();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nested/baton.db"));
             var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(StoreSchema.VERSION);
            }
        }
    }

    @Test
    void rows_carry_the_api_key_id_and_group_by_it() {
        ledger.record(call(T0, "fast", "0.01", 5).apiKey("k_a").build());
        ledger.record(call(T0, "fast", "0.02", 5).apiKey("k_a").build());
        ledger.record(call(T0, "fast", "0.04", 5).build());

        var rows = ledger.query(new StatsQuery(null, StatsQuery.GroupBy.API_KEY));

        assertThat(rows).extracting(r -> r.key() + "=" + r.calls() + "/" + r.costUsd().stripTrailingZeros().toPlainString())
                .containsExactly("-=1/0.04", "k_a=2/0.03");
    }

    @Test
    void a_database_made_before_api_keys_gains_the_column_and_the_table_and_keeps_its_rows() throws Exception {
        ledger.close();
        Path old = dir.resolve("old.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE usage_ledger (id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL, run_id TEXT, agent TEXT,
                      session TEXT, task_type TEXT, profile TEXT, provider TEXT, model TEXT, input_tokens INTEGER NOT NULL,
                      cached_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, reasoning_tokens INTEGER NOT NULL,
                      cost_nano_usd INTEGER, latency_us INTEGER NOT NULL, ttft_us INTEGER, outcome TEXT NOT NULL,
                      fallback_path TEXT, estimated INTEGER NOT NULL, streamed INTEGER NOT NULL)""");
            s.execute("INSERT INTO usage_ledger (ts_ms, profile, input_tokens, cached_tokens, output_tokens, reasoning_tokens,"
                    + " latency_us, outcome, estimated, streamed) VALUES (" + T0.toEpochMilli() + ", 'fast', 1, 0, 1, 0, 10, 'ok', 0, 0)");
            s.execute("PRAGMA user_version = 2");
        }

        ledger = JdbcUsageLedger.open(old);
        ledger.record(call(T0, "fast", "0.01", 5).apiKey("k_new").build());

        assertThat(ledger.query(new StatsQuery(null, StatsQuery.GroupBy.API_KEY))).extracting(r -> r.key() + "=" + r.calls())
                .containsExactly("-=1", "k_new=1");
        ledger.close();
        ledger = JdbcUsageLedger.open(old); // opening again finds the column there and adds nothing
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM api_keys")) {
            assertThat(rs.getInt(1)).isZero();
        }
    }
}

package dev.baton.usage;

import dev.baton.error.ErrorCode;
import dev.baton.llm.FallbackStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link UsageLedger} store passes (SQLite now, PostgreSQL later). */
public abstract class AbstractUsageLedgerContractTest {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    protected UsageLedger ledger;

    /** A fresh, empty ledger. */
    protected abstract UsageLedger newLedger();

    @BeforeEach
    void open() {
        ledger = newLedger();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    protected static UsageRecord.Builder call(Instant at, String profile, String cost, long latencyMs) {
        return UsageRecord.builder(at).runId("run-1").agent("a").session("s").taskType("plan").profile(profile)
                .provider("prov-" + profile).model("model-" + profile).inputTokens(100).cachedInputTokens(10)
                .outputTokens(20).reasoningTokens(5).costUsd(cost == null ? null : new BigDecimal(cost))
                .latency(Duration.ofMillis(latencyMs)).timeToFirstToken(Duration.ofMillis(latencyMs / 2));
    }

    private Map<String, StatsRow> byKey(StatsQuery.GroupBy groupBy, Instant since) {
        return ledger.query(new StatsQuery(since, groupBy)).stream()
                .collect(Collectors.toMap(StatsRow::key, Function.identity()));
    }

    @Test
    void aggregates_calls_errors_tokens_and_cost_by_profile() {
        ledger.record(call(T0, "fast", "0.001", 100).build());
        ledger.record(call(T0, "fast", "0.002", 200).fallbacks(List.of(new FallbackStep("review", "m", ErrorCode.TIMEOUT, "slow"))).build());
        ledger.record(call(T0, "review", null, 300).outcome("TIMEOUT").build());

        Map<String, StatsRow> rows = byKey(StatsQuery.GroupBy.PROFILE, null);

        assertThat(rows).containsOnlyKeys("fast", "review");
        StatsRow fast = rows.get("fast");
        assertThat(fast.calls()).isEqualTo(2);
        assertThat(fast.errors()).isZero();
        assertThat(fast.inputTokens()).isEqualTo(200);
        assertThat(fast.cachedInputTokens()).isEqualTo(20);
        assertThat(fast.outputTokens()).isEqualTo(40);
        assertThat(fast.reasoningTokens()).isEqualTo(10);
        assertThat(fast.costUsd()).isEqualByComparingTo("0.003");
        assertThat(rows.get("review").errors()).isEqualTo(1);
        assertThat(rows.get("review").costUsd()).isEqualByComparingTo("0");
    }

    @Test
    void computes_latency_and_ttft_percentiles_by_nearest_rank() {
        for (int ms = 1; ms <= 100; ms++) ledger.record(call(T0, "fast", "0", ms).build());

        StatsRow row = ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).getFirst();

        assertThat(row.key()).isEqualTo("all");
        assertThat(row.calls()).isEqualTo(100);
        assertThat(row.p50Latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(row.p95Latency()).isEqualTo(Duration.ofMillis(95));
        assertThat(row.p50TimeToFirstToken()).isEqualTo(Duration.ofMillis(25));
    }

    @Test
    void leaves_out_calls_before_since() {
        ledger.record(call(T0.minus(Duration.ofDays(2)), "old", "1", 10).build());
        ledger.record(call(T0, "new", "2", 10).build());

        assertThat(byKey(StatsQuery.GroupBy.PROFILE, T0.minus(Duration.ofHours(24)))).containsOnlyKeys("new");
    }

    @Test
    void groups_by_provider_model_run_and_utc_day() {
        ledger.record(call(T0, "fast", "1", 10).runId("r1").build());
        ledger.record(call(T0.plus(Duration.ofDays(1)), "review", "1", 10).runId("r2").build());

        assertThat(byKey(StatsQuery.GroupBy.PROVIDER, null)).containsOnlyKeys("prov-fast", "prov-review");
        assertThat(byKey(StatsQuery.GroupBy.MODEL, null)).containsOnlyKeys("prov-fast/model-fast", "prov-review/model-review");
        assertThat(byKey(StatsQuery.GroupBy.RUN, null)).containsOnlyKeys("r1", "r2");
        assertThat(byKey(StatsQuery.GroupBy.DAY, null)).containsOnlyKeys("2025-03-01", "2025-03-02");
    }

    @Test
    void a_query_sees_every_call_recorded_before_it() {
        for (int i = 0; i < 1_000; i++) ledger.record(call(T0, "fast", "0.000001", 1).build());

        StatsRow row = ledger.query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).getFirst();

        assertThat(row.calls()).isEqualTo(1_000);
        assertThat(row.costUsd()).isEqualByComparingTo("0.001");
    }

    @Test
    void an_empty_ledger_answers_no_rows() {
        assertThat(ledger.query(new StatsQuery(null, StatsQuery.GroupBy.PROFILE))).isEmpty();
    }

    @Test
    void given_calls_in_three_hours_when_a_series_is_asked_by_model_then_each_hour_and_model_has_its_sums() {
        ledger.record(call(T0.plus(Duration.ofMinutes(5)), "fast", "0.5", 10).build());
        ledger.record(call(T0.plus(Duration.ofMinutes(50)), "fast", "0.25", 10).outcome("TIMEOUT").build());
        ledger.record(call(T0.plus(Duration.ofMinutes(70)), "review", "1", 10)
                .fallbacks(List.of(new FallbackStep("fast", "m", ErrorCode.RATE_LIMITED, "busy"))).build());
        ledger.record(call(T0.plus(Duration.ofMinutes(130)), "fast", "2", 10).build());
        ledger.record(call(T0.minus(Duration.ofMinutes(1)), "fast", "9", 10).build()); // before the window

        List<SeriesPoint> points = ledger.series(new SeriesQuery(T0, Duration.ofHours(1), StatsQuery.GroupBy.MODEL));

        assertThat(points).extracting(p -> p.bucketStart() + " " + p.key() + " " + p.calls() + " " + p.errors() + " " + p.fallbacks()
                        + " " + p.inputTokens() + " " + p.costUsd().stripTrailingZeros().toPlainString())
                .containsExactly(T0 + " prov-fast/model-fast 2 1 0 200 0.75",
                        T0.plus(Duration.ofHours(1)) + " prov-review/model-review 1 0 1 100 1",
                        T0.plus(Duration.ofHours(2)) + " prov-fast/model-fast 1 0 0 100 2");
    }
}

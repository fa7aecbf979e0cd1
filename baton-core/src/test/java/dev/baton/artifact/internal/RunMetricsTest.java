package dev.baton.artifact.internal;

import dev.baton.artifact.RunMetrics;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.run.RunTotals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Success rate, average cost and duration over recorded runs. */
class RunMetricsTest {

    private final Instant start = Instant.parse("2024-05-01T10:15:30.123Z");

    @Test
    void given_runs_in_several_statuses_then_the_rate_and_averages_count_every_run() {
        RunResult withErrors = SampleRuns.run("e", start, "x"); // completed_with_errors, 1000 ms, $0.0012
        RunResult clean = withStatus(withErrors, RunStatus.COMPLETED, Duration.ofMillis(3000), start.plusSeconds(60));

        RunMetrics m = RunMetrics.of("e", List.of(withErrors, clean));

        assertThat(m.runs()).isEqualTo(2);
        assertThat(m.successRate()).isEqualTo(0.5);
        assertThat(m.byStatus()).containsEntry(RunStatus.COMPLETED, 1).containsEntry(RunStatus.COMPLETED_WITH_ERRORS, 1)
                .containsEntry(RunStatus.FAILED, 0);
        assertThat(m.averageDurationMs()).isEqualTo(2000L);
        assertThat(m.averageCostUsd()).isEqualByComparingTo(new BigDecimal("0.0012"));
        assertThat(m.totalCostUsd()).isEqualByComparingTo(new BigDecimal("0.0024"));
        assertThat(m.lastRunAt()).isEqualTo(start.plusSeconds(60));
    }

    @Test
    void given_no_runs_then_the_rate_is_zero_and_averages_are_absent() {
        RunMetrics m = RunMetrics.of("e", List.of());

        assertThat(m.runs()).isZero();
        assertThat(m.successRate()).isZero();
        assertThat(m.averageCostUsd()).isNull();
        assertThat(m.averageDurationMs()).isNull();
    }

    private static RunResult withStatus(RunResult r, RunStatus status, Duration duration, Instant started) {
        RunTotals t = r.totals();
        return new RunResult(r.runId() + "-b", r.ensemble(), r.input(), status, r.agents(), r.executionOrder(), r.graph(),
                new RunTotals(t.usage(), t.completed(), t.failed(), t.skipped(), t.cancelled(), duration), r.deliverable(),
                started, started.plus(duration));
    }
}

package dev.baton.artifact;

import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Figures over an ensemble's recorded runs: how many, how many ended in each status, the share
 * that completed cleanly, and the average cost and duration. Averages are null when there are no
 * runs; cost counts every run (a run without a price counts as zero).
 *
 * @param successRate runs that ended {@code completed} over all runs, 0 to 1 (0 when there are none)
 */
public record RunMetrics(String ensemble, int runs, Map<RunStatus, Integer> byStatus, double successRate,
                         @Nullable BigDecimal averageCostUsd, @Nullable Long averageDurationMs,
                         @Nullable BigDecimal totalCostUsd, @Nullable Instant lastRunAt) {

    public RunMetrics {
        byStatus = Map.copyOf(byStatus);
    }

    /** The figures of {@code results}, the recorded runs of {@code ensemble}. */
    public static RunMetrics of(String ensemble, Collection<RunResult> results) {
        Map<RunStatus, Integer> byStatus = new EnumMap<>(RunStatus.class);
        for (RunStatus s : RunStatus.values()) byStatus.put(s, 0);
        BigDecimal cost = BigDecimal.ZERO;
        long duration = 0;
        Instant last = null;
        for (RunResult r : results) {
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.totals().costUsd() != null) cost = cost.add(r.totals().costUsd());
            duration += r.totals().duration().toMillis();
            if (last == null || r.startedAt().isAfter(last)) last = r.startedAt();
        }
        int n = results.size();
        if (n == 0) return new RunMetrics(ensemble, 0, byStatus, 0, null, null, null, null);
        return new RunMetrics(ensemble, n, byStatus, byStatus.get(RunStatus.COMPLETED) / (double) n,
                cost.divide(BigDecimal.valueOf(n), 6, RoundingMode.HALF_UP), Math.round(duration / (double) n), cost, last);
    }
}

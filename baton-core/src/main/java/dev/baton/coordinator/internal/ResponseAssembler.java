package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.JobResult;
import dev.baton.coordinator.JobState;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Formats a request's outcome into one {@link CoordinatorResponse}: the status from the jobs and
 * the synthesis, results keyed by tool (a tool planned twice: {@code tool#job-N} for the later
 * ones), totals over the planner, the jobs and the synthesis, and the budget utilisation.
 */
final class ResponseAssembler {

    /** The request's own steps (planner, synthesis) besides the jobs: what they spent and how they ended. */
    record Steps(Usage usage, List<String> models, List<CoordinatorResponse.ResponseError> errors, String synthesis,
                 boolean answeredDirectly, boolean planned) {
    }

    private ResponseAssembler() {
    }

    static CoordinatorResponse assemble(String requestId, List<JobResult> jobs, Steps steps, BigDecimal costLimit,
                                        Duration timeLimit, Instant started, Instant finished, String plannerProfile) {
        Map<String, String> results = new LinkedHashMap<>();
        List<CoordinatorResponse.ResponseError> errors = new ArrayList<>(steps.errors());
        Set<String> models = new LinkedHashSet<>(steps.models());
        BigDecimal cost = steps.usage().costUsd() == null ? BigDecimal.ZERO : steps.usage().costUsd();
        long in = steps.usage().inputTokens();
        long out = steps.usage().outputTokens();
        boolean budgetHit = steps.errors().stream().anyMatch(e -> e.code().equals(ErrorCode.BUDGET_EXCEEDED.name()));
        boolean timeHit = steps.errors().stream().anyMatch(e -> e.code().equals(ErrorCode.TIMEOUT.name()));
        int withOutput = 0;
        boolean allComplete = true;
        for (JobResult j : jobs) {
            if (!j.output().isBlank()) {
                results.put(results.containsKey(j.tool()) ? j.tool() + "#" + j.jobId() : j.tool(), j.output());
                withOutput++;
            }
            if (j.state() != JobState.COMPLETED || j.partial()) allComplete = false;
            if (j.error() != null) {
                errors.add(new CoordinatorResponse.ResponseError(j.jobId(), j.tool(), j.error().code(), j.error().message()));
                budgetHit |= j.error().code().equals(ErrorCode.BUDGET_EXCEEDED.name());
                timeHit |= j.state() == JobState.ABORTED;
            }
            cost = cost.add(j.costUsd());
            in += j.inputTokens();
            out += j.outputTokens();
            models.addAll(j.models());
        }
        CoordinatorResponse.Status status;
        if (!steps.planned()) status = CoordinatorResponse.Status.FAILED;
        else if (steps.answeredDirectly()) status = steps.synthesis().isBlank() ? CoordinatorResponse.Status.FAILED : CoordinatorResponse.Status.SUCCESS;
        else if (withOutput == 0) status = CoordinatorResponse.Status.FAILED;
        else if (allComplete && steps.errors().isEmpty()) status = CoordinatorResponse.Status.SUCCESS;
        else status = CoordinatorResponse.Status.PARTIAL_SUCCESS;
        long spentMs = Duration.between(started, finished).toMillis();
        CoordinatorResponse.BudgetInfo budget = new CoordinatorResponse.BudgetInfo(costLimit, cost,
                budgetHit || cost.compareTo(costLimit) >= 0, pct(cost.doubleValue(), costLimit.doubleValue()),
                timeLimit.toMillis(), spentMs, timeHit || spentMs >= timeLimit.toMillis(), pct(spentMs, timeLimit.toMillis()));
        CoordinatorResponse.Metadata meta = new CoordinatorResponse.Metadata(started, finished, spentMs, cost,
                List.copyOf(models), in, out, plannerProfile, jobs.size());
        return new CoordinatorResponse(requestId, status, jobs, results, steps.synthesis(), meta, budget, errors, null);
    }

    private static double pct(double spent, double limit) {
        if (limit <= 0) return 0;
        return BigDecimal.valueOf(spent * 100 / limit).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}

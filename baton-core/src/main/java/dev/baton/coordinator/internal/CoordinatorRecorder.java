package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorResponseJson;
import dev.baton.coordinator.JobResult;
import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.run.RunTotals;
import dev.baton.ensemble.service.ArtifactOutcome;
import dev.baton.ensemble.service.Artifacts;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records each request like an ensemble run named {@code coordinator}: every job an agent (the
 * architect depending on the others), the synthesis the deliverable; the whole response under
 * {@code coordinator} in {@code execution.json}. So {@code baton artifacts list coordinator} and
 * the run index show requests as they show runs.
 */
final class CoordinatorRecorder {

    static final String NAME = "coordinator";
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRecorder.class);

    private CoordinatorRecorder() {
    }

    /** Where the request's files went, or null (a warning is logged) when they could not be written. */
    static @Nullable String record(Artifacts artifacts, CoordinatorRequest request, CoordinatorResponse response,
                                   Map<String, Boolean> readsOthers) {
        ArtifactOutcome o = artifacts.record(asRun(request, response, readsOthers),
                Map.of(NAME, CoordinatorResponseJson.write(response)));
        if (o.writeFailure() != null) {
            LOG.warn("could not write artifacts of coordinator request {}: {}", response.requestId(), o.writeFailure());
            return null;
        }
        if (o.indexFailure() != null) LOG.warn("coordinator request {} not in the run index: {}", response.requestId(), o.indexFailure());
        return o.ref().dir().toString();
    }

    static RunResult asRun(CoordinatorRequest request, CoordinatorResponse r, Map<String, Boolean> readsOthers) {
        List<AgentResult> agents = new ArrayList<>();
        Map<String, List<String>> graph = new LinkedHashMap<>();
        List<String> plain = r.jobs().stream().filter(j -> !readsOthers.getOrDefault(j.tool(), false)).map(JobResult::jobId).toList();
        Usage total = Usage.ZERO;
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        for (JobResult j : r.jobs()) {
            AgentStatus status = switch (j.state()) {
                case COMPLETED -> AgentStatus.COMPLETED;
                case FAILED -> AgentStatus.FAILED;
                default -> AgentStatus.CANCELLED;
            };
            switch (status) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                default -> cancelled++;
            }
            Usage u = new Usage(j.inputTokens(), j.outputTokens(), 0, 0, 0, j.costUsd(), false);
            total = total.plus(u);
            AgentResult.Builder b = AgentResult.builder(j.jobId() + "-" + j.tool(), status).output(j.output().isEmpty() ? null : j.output())
                    .usage(u).startedAt(j.startedAt()).finishedAt(j.finishedAt()).attempts(1)
                    .model(j.models().isEmpty() ? null : j.models().getFirst());
            if (j.error() != null) b.error(new AgentError(code(j.error().code()), j.error().message()));
            agents.add(b.build());
            graph.put(j.jobId() + "-" + j.tool(), readsOthers.getOrDefault(j.tool(), false)
                    ? plain.stream().map(id -> id + "-" + toolOf(r, id)).toList() : List.of());
        }
        BatchedUsage steps = stepsUsage(r, total);
        AgentResult synthesis = AgentResult.builder("synthesis", r.synthesis().isBlank() ? AgentStatus.FAILED : AgentStatus.COMPLETED)
                .output(r.synthesis().isBlank() ? null : r.synthesis()).usage(steps.usage())
                .startedAt(r.metadata().startedAt()).finishedAt(r.metadata().finishedAt()).attempts(1)
                .profile(r.metadata().plannerProfile()).build();
        agents.add(synthesis);
        graph.put("synthesis", new ArrayList<>(graph.keySet()));
        RunStatus status = switch (r.status()) {
            case SUCCESS -> RunStatus.COMPLETED;
            case PARTIAL_SUCCESS -> RunStatus.COMPLETED_WITH_ERRORS;
            case FAILED -> RunStatus.FAILED;
        };
        Usage all = new Usage(r.metadata().inputTokens(), r.metadata().outputTokens(), 0, 0, 0, r.metadata().totalCostUsd(), false);
        RunTotals totals = new RunTotals(all, completed + (synthesis.completed() ? 1 : 0), failed + (synthesis.completed() ? 0 : 1), 0,
                cancelled, Duration.ofMillis(r.metadata().totalTimeMs()));
        List<String> order = agents.stream().map(AgentResult::name).toList();
        return new RunResult(r.requestId(), NAME, request.query(), status, agents, order, graph, totals,
                synthesis.completed() ? "synthesis" : null, r.metadata().startedAt(), r.metadata().finishedAt());
    }

    private record BatchedUsage(Usage usage) {
    }

    /** The planner's and the synthesis' usage: the request's total less the jobs'. */
    private static BatchedUsage stepsUsage(CoordinatorResponse r, Usage jobs) {
        long in = Math.max(0, r.metadata().inputTokens() - jobs.inputTokens());
        long out = Math.max(0, r.metadata().outputTokens() - jobs.outputTokens());
        var cost = r.metadata().totalCostUsd().subtract(jobs.costUsd() == null ? java.math.BigDecimal.ZERO : jobs.costUsd());
        return new BatchedUsage(new Usage(in, out, 0, 0, 0, cost.signum() < 0 ? java.math.BigDecimal.ZERO : cost, false));
    }

    private static String toolOf(CoordinatorResponse r, String jobId) {
        return r.jobs().stream().filter(j -> j.jobId().equals(jobId)).map(JobResult::tool).findFirst().orElse("");
    }

    private static ErrorCode code(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.AGENT_FAILURE;
        }
    }
}

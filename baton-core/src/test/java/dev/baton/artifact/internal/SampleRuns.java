package dev.baton.artifact.internal;

import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.run.RunTotals;
import dev.baton.error.ErrorCode;
import dev.baton.llm.FallbackStep;
import dev.baton.llm.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Hand-made run results for artifact tests. */
final class SampleRuns {

    private SampleRuns() {
    }

    static RunResult run(String ensemble, Instant start, String output) {
        Usage u1 = Usage.of(100, 20).withCost(new BigDecimal("0.0012"));
        AgentResult a = AgentResult.builder("reviewer", AgentStatus.COMPLETED).output(output).usage(u1)
                .startedAt(start).finishedAt(start.plusMillis(120)).attempts(1).model("openai/gpt-4o-mini")
                .profile("fast").fallbacks(List.of(new FallbackStep("smart", null, ErrorCode.RATE_LIMITED, "slow down")))
                .build();
        AgentResult b = AgentResult.builder("scorer", AgentStatus.COMPLETED).output("{\"score\":7}")
                .outputJson(JsonMapper.builder().build().readTree("{\"score\":7}")).usage(Usage.of(5, 5))
                .startedAt(start.plusMillis(120)).finishedAt(start.plusMillis(200)).attempts(1).build();
        AgentResult c = AgentResult.builder("linter", AgentStatus.FAILED)
                .error(new AgentError(ErrorCode.TIMEOUT, "agent 'linter' exceeded its deadline of 1 s"))
                .startedAt(start).finishedAt(start.plusSeconds(1)).attempts(1).build();
        return new RunResult("run-" + start.toEpochMilli(), ensemble, "review this", RunStatus.COMPLETED_WITH_ERRORS,
                List.of(a, b, c), List.of("reviewer", "linter", "scorer"),
                Map.of("reviewer", List.of(), "scorer", List.of("reviewer"), "linter", List.of()),
                new RunTotals(u1.plus(Usage.of(5, 5)), 2, 1, 0, 0, Duration.ofMillis(1000)), "scorer", start,
                start.plusSeconds(1));
    }
}

package dev.baton.operation.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.Usage;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationHandler;
import dev.baton.operation.OperationMetadata;
import dev.baton.operation.OperationMode;
import dev.baton.operation.OperationResult;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An agentic operation: one run of the ensemble its definition names (artifacts recorded like any
 * run), on the rendered prompt followed by the response schema the answer must match. The run's
 * deliverable is the response. A deliverable that is not valid is repaired once by a second run
 * whose input adds the problems and the invalid answer; if that one is not valid either, the
 * operation fails with {@code VALIDATION}. A run without a deliverable fails with {@code AGENT_FAILURE}.
 */
final class AgenticExecution {

    private final Supplier<Ensembles> ensembles;
    private final ResponseCheck check;

    AgenticExecution(Supplier<Ensembles> ensembles, ResponseCheck check) {
        this.ensembles = ensembles;
        this.check = check;
    }

    OperationResult run(OperationHandler handler, JsonNode input, Map<String, String> callMetadata) {
        long start = System.nanoTime();
        OperationDefinition d = handler.definition();
        EnsembleSpec spec = load(d);
        RunOptions options = RunOptions.defaults().withCallMetadata(callMetadata);
        String task = PromptTemplate.render(d.prompt(), input) + "\n\nThe final answer must be only JSON valid against this"
                + " JSON Schema:\n" + d.responseSchema();
        RunResult first = deliverable(d, ensembles.get().run(spec, task, options, null).await());
        Set<String> used = new LinkedHashSet<>();
        models(first, used);
        Usage usage = first.totals().usage();
        RunResult last = first;
        ResponseCheck.Verdict verdict = check.check(handler, input, first.deliverableOutput());
        if (!verdict.valid()) {
            String again = task + "\n\n" + "A previous answer was:\n" + first.deliverableOutput() + "\n\n"
                    + ResponseCheck.repairRequest(verdict.problems());
            last = deliverable(d, ensembles.get().run(spec, again, options, null).await());
            models(last, used);
            usage = usage.plus(last.totals().usage());
            verdict = check.check(handler, input, last.deliverableOutput());
            if (!verdict.valid()) throw ResponseCheck.invalidAfterRepair(d.id(), verdict.problems());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new OperationResult(d.id(), verdict.value(), new OperationMetadata(took, used.stream().toList(),
                OperationMode.AGENTIC, usage, usage.costUsd(), spec.name(), last.runId()));
    }

    private EnsembleSpec load(OperationDefinition d) {
        try {
            return ensembles.get().load(d.ensemble());
        } catch (BatonException e) {
            throw e.withContext(e.context().withOperation(d.id()));
        }
    }

    /** {@code run}, when it has a deliverable; else the failure of the run, naming its first failed agent. */
    private static RunResult deliverable(OperationDefinition d, RunResult run) {
        if (run.deliverableOutput() != null && run.status() != RunStatus.CANCELLED) return run;
        String why = run.agents().stream().filter(a -> a.error() != null).findFirst()
                .map(a -> "; agent '" + a.name() + "' failed: " + a.error().code() + ": " + a.error().message()).orElse("");
        throw BatonException.builder(ErrorCode.AGENT_FAILURE, "operation " + d.id() + ": ensemble " + run.ensemble() + " ended "
                        + run.status().wire() + " without a deliverable (run " + run.runId() + ")" + why)
                .context(ErrorContext.EMPTY.withOperation(d.id())).retriable(false).build();
    }

    private static void models(RunResult run, Set<String> used) {
        for (AgentResult a : run.agents()) {
            if (a.model() != null) used.add(a.model());
        }
    }
}

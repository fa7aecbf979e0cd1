package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobOutput;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.pipeline.CallMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ensemble the configuration adds to the coordinator ({@code coordinator.tools: [ensemble:NAME]}):
 * the job runs it through the ensemble service with the planner's {@code input}, its cost share as
 * the run's budget (the same reservation budgets as every other call), and its calls labelled with
 * the request; past the time share the run is cancelled. The deliverable is the job's output.
 */
final class EnsembleJob implements CoordinatorTool {

    static final String PREFIX = "ensemble:";
    private static final String SCHEMA = """
            {"type":"object","properties":{
              "input":{"type":"string","description":"the ensemble's input (default: the question)"}
            },"additionalProperties":false}""";

    private final String ensemble;
    private final String description;
    private final Ensembles ensembles;

    EnsembleJob(String ensemble, String description, Ensembles ensembles) {
        this.ensemble = ensemble;
        this.description = description;
        this.ensembles = ensembles;
    }

    @Override
    public String name() {
        return PREFIX + ensemble;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String argumentsSchema() {
        return SCHEMA;
    }

    @Override
    public JobOutput run(JobContext ctx) throws InterruptedException {
        String input = ctx.arguments().path("input").asString("");
        if (input.isBlank()) input = ctx.request().query();
        RunOptions options = RunOptions.defaults().withArtifacts(false).withBudgetUsd(ctx.costLimit())
                .withCallMetadata(Map.of(CallMetadata.SESSION, ctx.request().id()));
        RunHandle handle = ensembles.run(ensemble, input, options, null);
        RunResult result;
        try {
            result = handle.await(Duration.between(Instant.now(), ctx.deadline()).plusMillis(1)).orElse(null);
        } catch (RuntimeException e) {
            handle.cancel();
            throw e;
        }
        if (result == null || Thread.currentThread().isInterrupted()) {
            handle.cancel();
            result = handle.await();
            ctx.progress(Objects.requireNonNullElse(result.deliverableOutput(), lastOutput(result)));
            throw new InterruptedException("ensemble " + ensemble + " cancelled at the job's time share");
        }
        List<String> models = result.agents().stream().map(AgentResult::model).filter(Objects::nonNull).distinct().toList();
        String out = result.deliverableOutput();
        if (result.status() == RunStatus.FAILED || out == null) {
            ctx.progress(lastOutput(result));
            throw BatonException.builder(ErrorCode.AGENT_FAILURE, "ensemble " + ensemble + " ended " + result.status().wire()
                    + " without a deliverable").retriable(false).build();
        }
        return new JobOutput(out, result.totals().usage(), models);
    }

    private static String lastOutput(RunResult r) {
        for (int i = r.agents().size() - 1; i >= 0; i--) {
            if (r.agents().get(i).output() != null) return r.agents().get(i).output();
        }
        return "";
    }
}

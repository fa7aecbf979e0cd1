package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobResult;
import dev.baton.tool.Tools;

import java.util.function.Supplier;

/**
 * {@code expert_architect_advice}: the expert profile (a stronger model) reasons over the other
 * jobs' outputs, so it starts after every other job of the plan ended.
 */
final class ExpertArchitectTool extends InternalTool {

    ExpertArchitectTool(Supplier<Tools> tools, PromptTemplates templates, CoordinatorSettings settings) {
        super(tools, templates, settings);
    }

    @Override
    public String name() {
        return "expert_architect_advice";
    }

    @Override
    public String description() {
        return "A senior architect (a stronger model) reasons over the other jobs' findings and gives design advice, "
                + "risks and trade-offs. Runs after the other jobs.";
    }

    @Override
    public boolean readsOtherJobs() {
        return true;
    }

    @Override
    String profile() {
        return settings.expertProfile();
    }

    @Override
    String gather(JobContext ctx, WorkspaceReader reader, String focus, int limit) {
        if (ctx.earlierResults().isEmpty()) return "(no other agent ran; answer from the question alone)";
        StringBuilder out = new StringBuilder();
        ctx.earlierResults().values().stream().sorted(java.util.Comparator.comparing(JobResult::jobId)).forEach(r -> {
            out.append("### ").append(r.tool()).append(" (").append(r.state().wire()).append(r.partial() ? ", partial" : "").append(")\n");
            out.append(r.output().isBlank() ? "(no output)" : r.output().strip()).append("\n\n");
        });
        return out.toString();
    }
}

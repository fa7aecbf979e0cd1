package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobOutput;
import dev.baton.tool.Tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One of the five internal tools: it gathers material from the workspace (through
 * {@link WorkspaceReader} and {@link GitHistory} only), renders its prompt template with it, and
 * has its profile answer as a {@link SubAgent}. The material gathered is the job's progress, so a
 * job stopped before the model answers still returns it.
 */
abstract class InternalTool implements CoordinatorTool {

    static final String SCHEMA = """
            {"type":"object","properties":{
              "focus":{"type":"string","description":"what to look for, in a few words (default: the question)"},
              "limit":{"type":"integer","minimum":1,"maximum":50,"description":"how many files or commits to gather (default 8)"}
            },"additionalProperties":false}""";

    protected final Supplier<Tools> tools;
    protected final PromptTemplates templates;
    protected final CoordinatorSettings settings;

    InternalTool(Supplier<Tools> tools, PromptTemplates templates, CoordinatorSettings settings) {
        this.tools = tools;
        this.templates = templates;
        this.settings = settings;
    }

    @Override
    public String argumentsSchema() {
        return SCHEMA;
    }

    /** What the tool gathers for {@code focus}, as text for its prompt. */
    abstract String gather(JobContext ctx, WorkspaceReader reader, String focus, int limit);

    /** The profile that answers. */
    String profile() {
        return settings.toolProfile();
    }

    @Override
    public JobOutput run(JobContext ctx) {
        String focus = ctx.arguments().path("focus").asString("");
        if (focus.isBlank()) focus = ctx.request().query();
        int limit = ctx.arguments().path("limit").asInt(8);
        WorkspaceReader reader = new WorkspaceReader(tools.get(), DefaultCoordinator.jobRunId(ctx.request().id(), ctx.jobId()),
                name(), ctx.deadline());
        String gathered = gather(ctx, reader, focus, limit);
        ctx.progress(gathered);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("query", ctx.request().query());
        v.put("focus", focus);
        v.put("gathered", gathered);
        String prompt = templates.render(name() + ".md", v);
        return SubAgent.answer(ctx, reader, profile(), prompt, settings.temperature(), settings.maxTokens());
    }
}

package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.Condition;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;

import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a dispatch agent ({@code dispatch: "${route.target}"}, llm-orc's dynamic dispatch): the
 * child ensemble's name is read from a completed dependency's output when the agent runs, then
 * admitted by the rules a static {@code ensemble:} child meets at load time — it exists, passes
 * validation, stays within the nesting limit and makes no cycle through the runs above — and run
 * like an ensemble agent's child (with the agent's composed prompt, or its {@code input_key}
 * selection, as input). Each refusal fails the agent with an error naming it and the resolved name.
 */
public final class DispatchAgentRunner implements AgentRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String kind() {
        return AgentKind.DISPATCH;
    }

    @Override
    public AgentOutcome run(AgentContext ctx) throws InterruptedException {
        AgentKind.Dispatch dispatch = (AgentKind.Dispatch) ctx.agent().kind();
        String target = resolve(ctx, dispatch);
        EnsembleSpec child;
        try {
            child = ChildRuns.find(ctx, target);
        } catch (BatonException e) {
            throw refused(ctx, dispatch, target, e.code(), e.getMessage().replaceFirst("^agent '[^']*': ", ""));
        }
        List<Problem> problems = ctx.childRuns().admit(child);
        if (!problems.isEmpty()) {
            String what = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
            throw refused(ctx, dispatch, target, ErrorCode.VALIDATION, "it cannot run: " + what);
        }
        RunResult result = ChildRuns.run(ctx, child, ctx.prompt());
        return ChildRuns.outcome(ctx, child, result);
    }

    /** The ensemble name the target gives now: the referenced field's text, or the target itself. */
    private static String resolve(AgentContext ctx, AgentKind.Dispatch d) {
        List<String> path = d.path();
        if (path.isEmpty()) return d.target().strip();
        AgentResult dep = ctx.dependencies().stream().filter(r -> r.name().equals(path.get(0))).findFirst()
                .orElseThrow(() -> unresolved(ctx, d, "agent '" + path.get(0) + "' did not complete"));
        JsonNode value = dep.outputJson() != null ? dep.outputJson() : parse(dep.output());
        JsonNode field = Condition.walk(value, path.subList(1, path.size()));
        if (field == null || field.isNull() || field.isContainer() || field.asString().isBlank()) {
            throw unresolved(ctx, d, "'" + String.join(".", path) + "' is "
                    + (field == null || field.isNull() ? "missing" : field.isContainer() ? "not a name" : "empty")
                    + " in the output of '" + path.get(0) + "'");
        }
        return field.asString().strip();
    }

    private static JsonNode parse(String text) {
        if (text == null) return null;
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            // a text output is itself the value of a one-part reference ${agent}
            return JSON.getNodeFactory().stringNode(text.strip());
        }
    }

    private static BatonException unresolved(AgentContext ctx, AgentKind.Dispatch d, String why) {
        return BatonException.builder(ErrorCode.VALIDATION, "agent '" + ctx.agent().name() + "': dispatch '"
                        + d.target() + "' resolved to no ensemble name: " + why)
                .context(ErrorContext.EMPTY.withAgent(ctx.agent().name())).build();
    }

    private static BatonException refused(AgentContext ctx, AgentKind.Dispatch d, String target, ErrorCode code,
                                          String why) {
        return BatonException.builder(code, "agent '" + ctx.agent().name() + "': dispatch '" + d.target()
                        + "' resolved to ensemble '" + target + "', which is refused: " + why)
                .context(ErrorContext.EMPTY.withAgent(ctx.agent().name())).build();
    }
}

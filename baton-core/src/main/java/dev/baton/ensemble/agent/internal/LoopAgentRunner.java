package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.internal.JsonText;
import dev.baton.ensemble.spec.Condition;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.LoopSpec;

import dev.baton.ensemble.spec.AgentKind;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a loop agent: the {@code body} ensemble runs with the agent's prompt, then again with the
 * {@code carry} fields of its output, until {@code until} holds over the body's output (its
 * deliverable as a JSON object; other output is {@code {"value": ...}}) or
 * {@code max_iterations} runs are done. One carry field passes its value as the next input
 * (strings as they are, other values as JSON); several pass a JSON object of them; a missing
 * field keeps the previous input. The agent's output is
 * {@code {"output": <last body output>, "iterations": n, "terminated": "until"|"exhausted"}}.
 */
public final class LoopAgentRunner implements AgentRunner {

    private static final JsonText JSON = new JsonText(JsonMapper.builder().build());

    @Override
    public String kind() {
        return AgentKind.LOOP;
    }

    @Override
    public AgentOutcome run(AgentContext ctx) throws InterruptedException {
        LoopSpec loop = ctx.agent().loop();
        EnsembleSpec body = ChildRuns.find(ctx, loop.body());
        String input = ctx.prompt();
        JsonNode output = JsonNodeFactory.instance.objectNode();
        int iterations = 0;
        String terminated = "exhausted";
        while (iterations < loop.maxIterations()) {
            iterations++;
            RunResult result = ChildRuns.run(ctx, body, input);
            output = asObject(ctx, ChildRuns.deliverable(ctx, result));
            JsonNode current = output;
            if (loop.until() != null && loop.until().test(path -> Condition.walk(current, path))) {
                terminated = "until";
                break;
            }
            String carried = carry(loop.carry(), output);
            if (carried != null) input = carried;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("output", output);
        out.put("iterations", iterations).put("terminated", terminated);
        return AgentOutcome.of(out.toString(), out);
    }

    private static JsonNode asObject(AgentContext ctx, AgentResult deliverable) {
        JsonNode json = deliverable.outputJson() != null ? deliverable.outputJson()
                : JSON.parseAny(deliverable.output());
        if (json != null && json.isObject()) return json;
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        if (json != null) wrapped.set("value", json);
        else wrapped.put("value", deliverable.output());
        return wrapped;
    }

    static String carry(List<String> fields, JsonNode output) {
        if (fields.isEmpty()) return null;
        if (fields.size() == 1) {
            JsonNode v = Condition.walk(output, List.of(fields.get(0).split("\\.")));
            return v == null || v.isNull() ? null : JsonText.text(v);
        }
        ObjectNode carried = JsonNodeFactory.instance.objectNode();
        for (String f : fields) {
            JsonNode v = Condition.walk(output, List.of(f.split("\\.")));
            if (v != null) carried.set(f, v);
        }
        return carried.isEmpty() ? null : carried.toString();
    }
}

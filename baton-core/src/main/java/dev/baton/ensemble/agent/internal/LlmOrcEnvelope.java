package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.internal.JsonText;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The stdin document and environment llm-orc gives a script agent, so that scripts written for
 * llm-orc run under Baton unchanged: {@code {"agent_name", "input_data", "context": {},
 * "dependencies": {name: {"response", "status": "success"}}}} on stdin, where only dependencies
 * that succeeded appear and each response is the dependency's output text; a fan-out instance
 * gets {@code {"agent_name", "input", "chunk_index", "context": {}}} instead. The environment holds
 * the same document in {@code INPUT_DATA}, the input text in {@code INPUT_TEXT} and the agent's
 * parameters as JSON in {@code AGENT_PARAMETERS} (llm-orc passes parameters only there).
 */
final class LlmOrcEnvelope {

    private LlmOrcEnvelope() {
    }

    static ObjectNode stdin(AgentContext ctx, JsonMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("agent_name", ctx.agent().name());
        if (ctx.instance() != null) {
            root.set("input", ctx.input());
            root.put("chunk_index", ctx.instance());
            root.putObject("context");
            return root;
        }
        root.put("input_data", JsonText.text(ctx.input()));
        root.putObject("context");
        ObjectNode deps = root.putObject("dependencies");
        for (AgentResult d : ctx.dependencies()) {
            if (d.status() != AgentStatus.COMPLETED) continue; // llm-orc hands on successful results only
            deps.putObject(d.name()).put("response", d.output() == null ? "" : d.output()).put("status", "success");
        }
        return root;
    }

    static void environment(Map<String, String> env, AgentContext ctx, ObjectNode stdin) {
        env.put("INPUT_DATA", stdin.toString());
        env.put("INPUT_TEXT", stdin.has("input_data") ? stdin.get("input_data").asString() : JsonText.text(ctx.input()));
        env.put("AGENT_PARAMETERS", ctx.agent().parameters() == null ? "{}" : ctx.agent().parameters().toString());
    }
}

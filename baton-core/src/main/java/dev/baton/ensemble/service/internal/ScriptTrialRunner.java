package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.agent.ScriptProcess;
import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.ScriptTrial;
import dev.baton.ensemble.service.ScriptTrialResult;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one script once with the script-agent protocol (stdin JSON with {@code input},
 * {@code parameters}, {@code dependencies} and {@code context}, or llm-orc's document for a script
 * of an llm-orc project; the {@code BATON_*} variables) and
 * decides whether it failed.
 */
final class ScriptTrialRunner {

    private static final int MAX_ENV_INPUT = 64 << 10;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    ScriptTrialResult run(ScriptInfo script, ScriptResolver.ResolvedScript resolved, Path projectRoot, ScriptTrial trial)
            throws IOException, InterruptedException {
        if (!script.runnable()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, script.path()
                    + " has no known extension (.py .sh .js .mjs .rb) and is not executable");
        }
        ObjectNode stdin = stdin(script.name(), trial);
        Map<String, String> env = environment(stdin);
        String document = stdin.toString();
        if (resolved.envelope() == ScriptResolver.Envelope.LLM_ORC) {
            // a script of an llm-orc project is tried with the document it gets in a run
            ObjectNode llmOrc = llmOrcStdin(script.name(), trial);
            document = llmOrc.toString();
            env.put("INPUT_DATA", document);
            env.put("INPUT_TEXT", trial.input());
            env.put("AGENT_PARAMETERS", trial.parameters().toString());
        }
        ScriptProcess.Result r;
        try {
            r = ScriptProcess.withDefaultCaps().run(resolved.command(), projectRoot, env, document, trial.timeout());
        } catch (IOException e) {
            throw new IOException("cannot start " + String.join(" ", resolved.command()) + ": " + e.getMessage(), e);
        }
        return new ScriptTrialResult(resolved.command(), r, failure(r));
    }

    private static ObjectNode stdin(String scriptName, ScriptTrial trial) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("input", trial.input());
        root.set("parameters", trial.parameters());
        ObjectNode deps = root.putObject("dependencies");
        trial.dependencies().properties().forEach(e -> {
            ObjectNode dep = deps.putObject(e.getKey());
            dep.set("response", e.getValue());
            dep.put("status", "completed");
        });
        root.putObject("context").put("run_id", "scripts-test-" + UUID.randomUUID()).put("ensemble", "scripts-test")
                .put("agent", scriptName).put("attempt", 1);
        return root;
    }

    /** llm-orc's script document: each dependency's response as text, status {@code success}. */
    private static ObjectNode llmOrcStdin(String scriptName, ScriptTrial trial) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("agent_name", scriptName).put("input_data", trial.input());
        root.putObject("context");
        ObjectNode deps = root.putObject("dependencies");
        trial.dependencies().properties().forEach(e -> deps.putObject(e.getKey())
                .put("response", e.getValue().isString() ? e.getValue().asString() : e.getValue().toString())
                .put("status", "success"));
        return root;
    }

    /** The variables script agents get besides stdin (BATON_INPUT is left out above 64 KiB, as in a run). */
    private static Map<String, String> environment(ObjectNode stdin) {
        Map<String, String> env = new LinkedHashMap<>();
        String text = stdin.get("input").asString();
        if (text.length() <= MAX_ENV_INPUT) env.put("BATON_INPUT", text);
        env.put("BATON_PARAMETERS", stdin.get("parameters").toString());
        JsonNode context = stdin.get("context");
        env.put("BATON_AGENT", context.get("agent").asString());
        env.put("BATON_RUN_ID", context.get("run_id").asString());
        env.put("BATON_ENSEMBLE", context.get("ensemble").asString());
        return env;
    }

    private static String failure(ScriptProcess.Result r) {
        if (r.timedOut()) return "timed out after " + r.duration().toMillis() + " ms; the script and its children were killed";
        if (r.exitCode() != 0) return "exited with status " + r.exitCode();
        if (r.stdoutOverflowed()) return "wrote more than 1 MiB to stdout (an ensemble run would fail)";
        JsonNode out = parseJson(r.stdout());
        if (out != null && out.isObject() && out.path("success").isBoolean() && !out.path("success").booleanValue()) {
            return "reported failure: " + (out.has("error") ? out.get("error").toString() : r.stdout().strip());
        }
        return null;
    }

    /** {@code text} as JSON when it is a JSON object or array, else null. */
    static JsonNode parseJson(String text) {
        String t = text.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) return null;
        try {
            return MAPPER.readTree(t);
        } catch (JacksonException e) {
            return null;
        }
    }
}

package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.ensemble.service.ScriptEditor;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.ScriptTrial;
import dev.baton.ensemble.service.ScriptTrialResult;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code list_scripts}, {@code get_script}, {@code test_script}, {@code create_script} and
 * {@code delete_script}: the script agents of the session's project and user tier, through
 * {@code baton.ensembles().scripts()} and {@link ScriptEditor}.
 */
public final class ScriptTools {

    private static final int MAX_CONTENT = 256 * 1024;
    private static final String INFO = """
            "name":{"type":"string"},"tier":{"type":"string"},"path":{"type":"string"},
            "interpreter":{"type":["string","null"]},"description":{"type":["string","null"]},
            "runnable":{"type":"boolean"},"shadowed":{"type":"boolean"}""";

    private final ProjectScope scope;

    public ScriptTools(ProjectScope scope) {
        this.scope = scope;
    }

    public ServerTool listScripts() {
        return new ServerTool("list_scripts",
                "List the script agents an ensemble can name (script: NAME): the project's .baton/scripts, then the user tier's, with interpreter and description.",
                Schemas.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                Schemas.parse("{\"type\":\"object\",\"required\":[\"scripts\"],\"properties\":{\"scripts\":{\"type\":\"array\",\"items\":{"
                        + "\"type\":\"object\",\"required\":[\"name\",\"tier\",\"path\"],\"properties\":{" + INFO + "}}}}}"),
                (args, call) -> list(scope.baton(call)));
    }

    private static ToolResult list(Baton baton) {
        ArrayNode rows = Schemas.array();
        StringBuilder text = new StringBuilder();
        for (ScriptInfo s : baton.ensembles().scripts().list()) {
            rows.add(info(s));
            text.append(s.name()).append(" (").append(s.tier().label()).append(", ")
                    .append(s.runnable() ? s.interpreter() : "not runnable").append(")")
                    .append(s.description() == null || s.description().isEmpty() ? "" : ": " + s.description()).append('\n');
        }
        if (rows.isEmpty()) text.append("no scripts in ").append(baton.ensembles().scripts().searchPath());
        return ToolResult.structured(Schemas.object().set("scripts", rows), text.toString().strip());
    }

    private static ObjectNode info(ScriptInfo s) {
        return Schemas.object().put("name", s.name()).put("tier", s.tier().label()).put("path", s.path().toString())
                .put("interpreter", s.interpreter()).put("description", s.description())
                .put("runnable", s.runnable()).put("shadowed", s.shadowed());
    }

    public ServerTool getScript() {
        return new ServerTool("get_script",
                "Get one script agent: where it is, how it runs, and its source.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"as an ensemble names it; a known extension may be left out"}}}"""),
                Schemas.parse("{\"type\":\"object\",\"required\":[\"name\",\"path\",\"content\"],\"properties\":{" + INFO
                        + ",\"content\":{\"type\":\"string\"},\"truncated\":{\"type\":\"boolean\"}}}"),
                this::get);
    }

    private ToolResult get(JsonNode args, ToolCall call) throws IOException {
        Optional<ScriptInfo> found = find(call, args.path("name").asString());
        if (found.isEmpty()) return notFound(call, args.path("name").asString());
        ScriptInfo s = found.get();
        byte[] bytes = Files.readAllBytes(s.path());
        boolean truncated = bytes.length > MAX_CONTENT;
        String content = new String(bytes, 0, Math.min(bytes.length, MAX_CONTENT), StandardCharsets.UTF_8);
        ObjectNode out = info(s).put("content", content).put("truncated", truncated);
        return ToolResult.structured(out, "# " + s.path() + "\n" + content);
    }

    private Optional<ScriptInfo> find(ToolCall call, String name) {
        return scope.baton(call).ensembles().scripts().find(name);
    }

    private ToolResult notFound(ToolCall call, String name) {
        return ToolErrors.field("name", "no script '" + name + "' in " + scope.baton(call).ensembles().scripts().searchPath()
                + " (list them with list_scripts)");
    }

    public ServerTool testScript() {
        return new ServerTool("test_script",
                "Run a script once as a script agent would (same interpreter, stdin JSON, BATON_* variables, caps) with the given input, and report its output, exit code and whether it failed.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1},
                          "input":{"type":"string","description":"the agent input (default empty)"},
                          "parameters":{"type":"object","description":"the agent's parameters"},
                          "dependencies":{"type":"object","description":"completed dependencies' outputs, {name: output}"},
                          "timeout_seconds":{"type":"number","exclusiveMinimum":0,"maximum":600,"description":"default 60"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["name","ok","exit_code","stdout"],"properties":{
                          "name":{"type":"string"},"ok":{"type":"boolean"},"failure":{"type":["string","null"]},
                          "exit_code":{"type":"integer"},"stdout":{"type":"string"},"stderr_tail":{"type":"string"},
                          "timed_out":{"type":"boolean"},"duration_ms":{"type":"integer"},"command":{"type":"array","items":{"type":"string"}}}}"""),
                this::test);
    }

    private ToolResult test(JsonNode args, ToolCall call) throws IOException, InterruptedException {
        Optional<ScriptInfo> found = find(call, args.path("name").asString());
        if (found.isEmpty()) return notFound(call, args.path("name").asString());
        Duration timeout = Duration.ofMillis((long) (args.path("timeout_seconds").asDouble(60) * 1000));
        ScriptTrial trial = new ScriptTrial(args.path("input").asString(""),
                args.get("parameters") instanceof ObjectNode p ? p : null,
                args.get("dependencies") instanceof ObjectNode d ? d : null, timeout);
        ScriptTrialResult r;
        try {
            r = scope.baton(call).ensembles().scripts().test(found.get(), trial);
        } catch (BatonException e) {
            return ToolErrors.field("name", e);
        }
        ObjectNode out = Schemas.object().put("name", found.get().name()).put("ok", r.ok()).put("failure", r.failure())
                .put("exit_code", r.process().exitCode()).put("stdout", r.process().stdout())
                .put("stderr_tail", r.process().stderrTail()).put("timed_out", r.process().timedOut())
                .put("duration_ms", r.process().duration().toMillis());
        ArrayNode command = out.putArray("command");
        r.command().forEach(command::add);
        String text = (r.ok() ? "passed" : "failed: " + r.failure()) + " (exit " + r.process().exitCode() + ")\n" + r.process().stdout();
        return ToolResult.structured(out, text.strip());
    }

    public ServerTool createScript() {
        return new ServerTool("create_script",
                "Create a script agent in the project's .baton/scripts (made executable). The name needs a known extension (.py .sh .js .mjs .rb) or the content a #! line. An existing script is not replaced.",
                Schemas.parse("""
                        {"type":"object","required":["name","content"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"the file name, e.g. summarize.py"},
                          "content":{"type":"string","minLength":1,"maxLength":262144}}}"""),
                Schemas.parse("{\"type\":\"object\",\"required\":[\"name\",\"path\"],\"properties\":{" + INFO + "}}"),
                this::create);
    }

    private ToolResult create(JsonNode args, ToolCall call) {
        Baton baton = scope.baton(call);
        try {
            ScriptInfo s = new ScriptEditor(baton.paths(), baton.ensembles().scripts())
                    .create(args.path("name").asString(), args.path("content").asString());
            return ToolResult.structured(info(s), "created script " + s.name() + " (" + s.path() + ")");
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field(String.valueOf(e.getMessage()).contains("no known extension") ? "content" : "name", e);
        }
    }

    public ServerTool deleteScript() {
        return new ServerTool("delete_script",
                "Delete a script from the project's .baton/scripts (user-tier scripts are left alone). Requires confirm: true; without it nothing is deleted.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1},
                          "confirm":{"type":"boolean","description":"must be true to delete"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["name","path","deleted"],"properties":{
                          "name":{"type":"string"},"path":{"type":"string"},"deleted":{"type":"boolean"}}}"""),
                this::delete);
    }

    private ToolResult delete(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        if (!args.path("confirm").asBoolean(false)) return ToolErrors.unconfirmed("script " + name);
        Baton baton = scope.baton(call);
        try {
            Path path = new ScriptEditor(baton.paths(), baton.ensembles().scripts()).delete(name);
            return ToolResult.structured(Schemas.object().put("name", name).put("path", path.toString()).put("deleted", true),
                    "deleted script " + name + " (" + path + ")");
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field("name", e);
        }
    }
}

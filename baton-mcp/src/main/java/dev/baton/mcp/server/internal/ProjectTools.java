package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** {@code set_project} (which project this session works in) and {@code get_help} (what the tools do). */
public final class ProjectTools {

    private static final String START = """
            Getting started: list_ensembles shows the ensembles, validate_ensemble checks one, check_ensemble_runnable \
            says whether its agents can run now (keys, providers) and invoke runs it. create_ensemble / update_ensemble \
            (dry_run for a diff first) edit ensembles; create_profile / update_profile edit the project's config.yaml; \
            list_scripts / test_script / create_script manage script agents. Deletes need confirm: true. set_project \
            switches this session to another project folder.""";

    private final ProjectScope scope;

    public ProjectTools(ProjectScope scope) {
        this.scope = scope;
    }

    public ServerTool setProject() {
        return new ServerTool("set_project",
                "Switch this session to the project in another folder (the one holding .baton/): every later tool call of this session uses its ensembles, profiles, scripts and artifacts. Other sessions are not affected.",
                Schemas.parse("""
                        {"type":"object","required":["path"],"additionalProperties":false,"properties":{
                          "path":{"type":"string","minLength":1,"description":"the project's root folder (absolute, or relative to the current one)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["root","has_project"],"properties":{
                          "root":{"type":"string"},"has_project":{"type":"boolean"},"project_dir":{"type":["string","null"]},
                          "ensembles":{"type":"integer"},"profiles":{"type":"integer"}}}"""),
                this::setProject);
    }

    private ToolResult setProject(JsonNode args, ToolCall call) {
        Path root;
        try {
            root = scope.root(call).resolve(args.path("path").asString());
        } catch (InvalidPathException e) {
            return ToolErrors.field("path", e.getMessage());
        }
        Path before = scope.root(call);
        Baton baton;
        try {
            baton = scope.use(call, root);
        } catch (IllegalArgumentException | BatonException e) {
            return ToolErrors.field("path", e);
        }
        // one prompt per ensemble: the session's prompts are now the new project's
        if (!scope.root(call).equals(before)) call.promptsChanged();
        var project = baton.paths().projectDir();
        ObjectNode out = Schemas.object().put("root", baton.paths().projectRoot().toString()).put("has_project", project.isPresent())
                .put("project_dir", project.map(Path::toString).orElse(null))
                .put("ensembles", baton.ensembles().list().size()).put("profiles", baton.profiles().names().size());
        String text = "this session now works in " + baton.paths().projectRoot()
                + (project.isPresent() ? "" : " (no .baton folder there: only the user tier's ensembles and profiles)");
        return ToolResult.structured(out, text);
    }

    public ServerTool getHelp() {
        return new ServerTool("get_help",
                "What Baton's tools do and how to start; with a tool name, that tool's description and arguments.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"properties":{
                          "tool":{"type":"string","minLength":1,"description":"one tool to explain"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["getting_started","tools"],"properties":{
                          "getting_started":{"type":"string"},"project":{"type":"string"},
                          "tools":{"type":"array","items":{"type":"object","required":["name","description"],"properties":{
                            "name":{"type":"string"},"description":{"type":"string"},"arguments":{"type":"object"}}}}}}"""),
                this::help);
    }

    private ToolResult help(JsonNode args, ToolCall call) {
        String only = args.hasNonNull("tool") ? args.path("tool").asString() : null;
        ArrayNode tools = Schemas.array();
        StringBuilder text = new StringBuilder(START).append("\n\nThis session's project: ").append(scope.root(call)).append("\n\n");
        for (ServerTool t : scope.registered()) {
            if (only != null && !only.equals(t.name())) continue;
            ObjectNode row = tools.addObject().put("name", t.name()).put("description", t.description());
            if (only != null) row.set("arguments", t.inputSchema().path("properties"));
            text.append(t.name()).append(": ").append(t.description()).append('\n');
        }
        if (only != null && tools.isEmpty()) {
            return ToolErrors.field("tool", "no tool '" + only + "' (known: "
                    + String.join(", ", scope.registered().stream().map(ServerTool::name).toList()) + ")");
        }
        ObjectNode out = Schemas.object().put("getting_started", START).put("project", scope.root(call).toString());
        out.set("tools", tools);
        return ToolResult.structured(out, text.toString().strip());
    }
}

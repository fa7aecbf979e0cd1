package dev.baton.mcp.server.internal;

import dev.baton.ensemble.service.EnsembleEditor;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code create_ensemble}, {@code update_ensemble} and {@code delete_ensemble}: the session's project
 * ensembles changed through {@link EnsembleEditor} (validated before writing, written atomically).
 */
public final class EnsembleEditTools {

    private static final String CHANGE_SCHEMA = """
            {"type":"object","required":["name","file","written"],"properties":{
              "name":{"type":"string"},"file":{"type":"string"},"written":{"type":"boolean"},
              "diff":{"type":"string"},"backup":{"type":["string","null"]}}}""";

    private final ProjectScope scope;

    public EnsembleEditTools(ProjectScope scope) {
        this.scope = scope;
    }

    private EnsembleEditor editor(ToolCall call) {
        return new EnsembleEditor(scope.baton(call).ensembles());
    }

    public ServerTool createEnsemble() {
        return new ServerTool("create_ensemble",
                "Create a project ensemble (.baton/ensembles/NAME.yaml) from YAML content, or as a copy of an existing ensemble (from). Validated before it is written; an existing ensemble is never overwritten.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"the new ensemble's name (its file name and its name: key)"},
                          "content":{"type":"string","minLength":1,"description":"the ensemble's YAML; its name: must be the name"},
                          "from":{"type":"string","minLength":1,"description":"an existing ensemble to copy as a template"}}}"""),
                Schemas.parse(CHANGE_SCHEMA), this::create);
    }

    private ToolResult create(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        boolean content = args.hasNonNull("content");
        boolean from = args.hasNonNull("from");
        if (content == from) return ToolErrors.field(content ? "from" : "content", "give either content (YAML) or from (an ensemble to copy), not "
                + (content ? "both" : "neither"));
        EnsembleEditor.Change change;
        try {
            change = content ? editor(call).create(name, args.path("content").asString())
                    : editor(call).copy(name, args.path("from").asString());
        } catch (EnsembleNotFoundException e) {
            return ToolErrors.field("from", e);
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field(name(e) ? "name" : content ? "content" : "from", e);
        }
        return ToolResult.structured(json(change), "created ensemble " + name + " (" + change.file() + ")");
    }

    /** Whether a core refusal is about the name (taken, malformed) rather than the content. */
    private static boolean name(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("ensemble name") || m.contains("already exists");
    }

    public ServerTool updateEnsemble() {
        return new ServerTool("update_ensemble",
                "Replace an ensemble's YAML with new content, after validating it; written atomically. dry_run: only validate and return the unified diff. backup: keep the previous file as NAME.yaml.bak-TIMESTAMP.",
                Schemas.parse("""
                        {"type":"object","required":["name","content"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"the ensemble to change"},
                          "content":{"type":"string","minLength":1,"description":"the ensemble's new YAML, whole"},
                          "dry_run":{"type":"boolean","description":"return the diff without writing (default false)"},
                          "backup":{"type":"boolean","description":"keep the previous file beside it (default false)"}}}"""),
                Schemas.parse(CHANGE_SCHEMA), this::update);
    }

    private ToolResult update(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        boolean dryRun = args.path("dry_run").asBoolean(false);
        EnsembleEditor.Change change;
        try {
            change = editor(call).update(name, args.path("content").asString(), dryRun, args.path("backup").asBoolean(false));
        } catch (EnsembleNotFoundException e) {
            return ToolErrors.field("name", e);
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field(String.valueOf(e.getMessage()).startsWith("ensemble name") ? "name" : "content", e);
        }
        String head = change.diff().isEmpty() ? "no change to " + change.file()
                : (dryRun ? "would change " : "changed ") + change.file() + (change.backup() == null ? "" : " (backup " + change.backup() + ")");
        return ToolResult.structured(json(change), change.diff().isEmpty() ? head : head + "\n" + change.diff());
    }

    public ServerTool deleteEnsemble() {
        return new ServerTool("delete_ensemble",
                "Delete a project ensemble's file. Requires confirm: true; without it nothing is deleted.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"the project ensemble to delete"},
                          "confirm":{"type":"boolean","description":"must be true to delete"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["name","file","deleted"],"properties":{
                          "name":{"type":"string"},"file":{"type":"string"},"deleted":{"type":"boolean"}}}"""),
                this::delete);
    }

    private ToolResult delete(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        if (!args.path("confirm").asBoolean(false)) return ToolErrors.unconfirmed("ensemble " + name);
        Path file;
        try {
            file = editor(call).delete(name);
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field("name", e);
        }
        ObjectNode out = Schemas.object().put("name", name).put("file", file.toString()).put("deleted", true);
        return ToolResult.structured(out, "deleted ensemble " + name + " (" + file + ")");
    }

    private static ObjectNode json(EnsembleEditor.Change c) {
        return Schemas.object().put("name", c.name()).put("file", c.file().toString()).put("written", c.written())
                .put("diff", c.diff()).put("backup", c.backup() == null ? null : c.backup().toString());
    }
}

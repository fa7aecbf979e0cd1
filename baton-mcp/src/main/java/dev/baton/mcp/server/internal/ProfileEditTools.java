package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.config.ProfileEditor;
import dev.baton.error.BatonException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code create_profile}, {@code update_profile} and {@code delete_profile}: model profiles of the
 * session's PROJECT {@code config.yaml} changed through {@link ProfileEditor} (the rest of the file
 * kept byte for byte, the result validated before an atomic write). After a change the session's
 * project is reloaded, so the next call sees it.
 */
public final class ProfileEditTools {

    /** The keys of a profile, as config.yaml spells them. */
    private static final String FIELDS = """
            "provider":{"type":"string","minLength":1,"description":"a configured provider or a built-in kind (openai, anthropic, ollama, ...)"},
            "model":{"type":"string","minLength":1},
            "temperature":{"type":"number","minimum":0},
            "max_tokens":{"type":"integer","minimum":1},
            "timeout_seconds":{"type":"number","exclusiveMinimum":0},
            "system_prompt":{"type":"string"},
            "description":{"type":"string"},
            "fallback":{"type":"array","items":{"type":"string"}},
            "context_window":{"type":"integer","minimum":1},
            "max_output_tokens":{"type":"integer","minimum":1},
            "options":{"type":"object"},
            "prices":{"type":"object","additionalProperties":false,"properties":{
              "input":{"type":"number","minimum":0},"cached_input":{"type":"number","minimum":0},"output":{"type":"number","minimum":0}}}""";

    private static final String RESULT = """
            {"type":"object","required":["name","file"],"properties":{
              "name":{"type":"string"},"file":{"type":"string"},"profile":{"type":"object"},"deleted":{"type":"boolean"}}}""";

    private final ProjectScope scope;

    public ProfileEditTools(ProjectScope scope) {
        this.scope = scope;
    }

    private static ProfileEditor editor(Baton baton) {
        return new ProfileEditor(baton.paths(), System.getenv());
    }

    public ServerTool createProfile() {
        return new ServerTool("create_profile",
                "Add a model profile to the project's .baton/config.yaml (comments and the rest of the file are kept). Validated before writing; an existing profile is not replaced.",
                Schemas.parse("{\"type\":\"object\",\"required\":[\"name\",\"provider\",\"model\"],\"additionalProperties\":false,\"properties\":{"
                        + "\"name\":{\"type\":\"string\",\"minLength\":1}," + FIELDS + "}}"),
                Schemas.parse(RESULT), this::create);
    }

    private ToolResult create(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        Map<String, Object> fields = fields(args);
        fields.remove("name");
        try {
            ProfileEditor.Change change = editor(scope.baton(call)).create(name, fields);
            scope.reload(call);
            return ToolResult.structured(json(change), "added profile " + name + " to " + change.file());
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field(field(e, name), e);
        }
    }

    public ServerTool updateProfile() {
        return new ServerTool("update_profile",
                "Change a profile of the project's .baton/config.yaml: each key of changes replaces the profile's value, null removes it. Comments elsewhere in the file are kept; validated before writing.",
                Schemas.parse("{\"type\":\"object\",\"required\":[\"name\",\"changes\"],\"additionalProperties\":false,\"properties\":{"
                        + "\"name\":{\"type\":\"string\",\"minLength\":1},\"changes\":{\"type\":\"object\",\"minProperties\":1,"
                        + "\"additionalProperties\":false,\"properties\":{" + FIELDS.replaceAll("\\{\"type\":\"(\\w+)\"", "{\"type\":[\"$1\",\"null\"]") + "}}}}"),
                Schemas.parse(RESULT), this::update);
    }

    private ToolResult update(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        try {
            ProfileEditor.Change change = editor(scope.baton(call)).update(name, fields(args.path("changes")));
            scope.reload(call);
            return ToolResult.structured(json(change), "changed profile " + name + " in " + change.file());
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field(field(e, name).equals("name") ? "name" : "changes", e);
        }
    }

    public ServerTool deleteProfile() {
        return new ServerTool("delete_profile",
                "Remove a profile from the project's .baton/config.yaml. Requires confirm: true; without it nothing is deleted.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1},
                          "confirm":{"type":"boolean","description":"must be true to delete"}}}"""),
                Schemas.parse(RESULT), this::delete);
    }

    private ToolResult delete(JsonNode args, ToolCall call) {
        String name = args.path("name").asString();
        if (!args.path("confirm").asBoolean(false)) return ToolErrors.unconfirmed("profile " + name);
        try {
            Path file = editor(scope.baton(call)).delete(name);
            scope.reload(call);
            return ToolResult.structured(Schemas.object().put("name", name).put("file", file.toString()).put("deleted", true),
                    "removed profile " + name + " from " + file);
        } catch (BatonException | UncheckedIOException e) {
            return ToolErrors.field("name", e);
        }
    }

    /** The argument a refusal is about: the name when it is taken, unknown or malformed; else the profile's field. */
    private static String field(RuntimeException e, String name) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("profile name") || m.contains("profile '" + name + "' ")) return "name";
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("profiles\\." + java.util.regex.Pattern.quote(name) + "\\.(\\w+)").matcher(m);
        return key.find() ? key.group(1) : "name";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(JsonNode node) {
        // keys in the order given; JSON nulls kept (they remove a key in update)
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : node.properties()) out.put(e.getKey(), e.getValue().isNull() ? null : Schemas.JSON.convertValue(e.getValue(), Object.class));
        return out;
    }

    private static ObjectNode json(ProfileEditor.Change c) {
        ObjectNode out = Schemas.object().put("name", c.name()).put("file", c.file().toString());
        out.set("profile", Schemas.JSON.valueToTree(c.profile()));
        return out;
    }
}

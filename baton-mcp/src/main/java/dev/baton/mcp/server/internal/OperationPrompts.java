package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.mcp.server.Content;
import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.ServerPrompt;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MCP prompt per operation of the asking session's project (Java handlers, project tier, user
 * tier; shadowed ones left out), listed afresh on each request like the ensemble prompts, so
 * {@code set_project} and a new definition file show at once. Named by the operation's id,
 * described by its description, with one argument per top-level property of its input schema
 * (required as the schema says). It renders to a user message asking the assistant to call
 * {@code run_operation} with the arguments as the input: a property whose schema type is not
 * {@code string} takes its argument as JSON when it parses.
 */
public final class OperationPrompts {

    private final ProjectScope scope;

    public OperationPrompts(ProjectScope scope) {
        this.scope = scope;
    }

    public void register(McpServerRegistry registry) {
        registry.prompts(context -> scope.read(context, OperationPrompts::prompts));
    }

    static List<ServerPrompt> prompts(Baton baton) {
        List<ServerPrompt> out = new ArrayList<>();
        for (OperationEntry e : baton.operations().list()) {
            if (!e.shadowed()) out.add(prompt(e.definition()));
        }
        return out;
    }

    static ServerPrompt prompt(OperationDefinition d) {
        String about = d.description().isBlank() ? "Run the Baton operation " + d.id() : d.description();
        JsonNode properties = d.inputSchema().path("properties");
        Set<String> required = new HashSet<>();
        d.inputSchema().path("required").forEach(n -> required.add(n.asString()));
        List<ServerPrompt.Argument> arguments = new ArrayList<>();
        for (String name : properties.propertyNames()) {
            String description = properties.get(name).path("description").asString("");
            arguments.add(new ServerPrompt.Argument(name, description.isBlank() ? "input field " + name : description,
                    required.contains(name)));
        }
        return ServerPrompt.of(d.id(), about, arguments, values -> render(d, about, arguments, values));
    }

    private static List<ServerPrompt.Message> render(OperationDefinition d, String about, List<ServerPrompt.Argument> arguments,
                                                     Map<String, String> values) {
        ObjectNode input = Schemas.object();
        for (ServerPrompt.Argument a : arguments) {
            String value = values.get(a.name());
            if (value == null || value.isEmpty()) {
                if (a.required()) throw new IllegalArgumentException("prompt " + d.id() + ": argument '" + a.name() + "' is required");
                continue;
            }
            input.set(a.name(), typed(d.inputSchema().path("properties").path(a.name()), value));
        }
        String call = Schemas.JSON.writeValueAsString(Schemas.object().put("operation", d.id()).set("input", input));
        return List.of(new ServerPrompt.Message(ServerPrompt.Role.USER, Content.text(
                "Run the Baton operation '" + d.id() + "' (" + about + ") by calling the run_operation tool with " + call
                        + ", then report its result.")));
    }

    /** A prompt argument (always text) as the JSON value its property expects. */
    private static JsonNode typed(JsonNode property, String value) {
        if ("string".equals(property.path("type").asString(""))) return Schemas.F.stringNode(value);
        try {
            return Schemas.JSON.readTree(value);
        } catch (JacksonException notJson) {
            // text where a number or object was expected: run_operation's input check names the field
            return Schemas.F.stringNode(value);
        }
    }
}

package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.mcp.server.Content;
import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.ServerPrompt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MCP prompt per ensemble of the asking session's project, listed afresh on each request, so
 * a session that switched project with {@code set_project} sees that project's ensembles and a new
 * ensemble file gets its prompt at once (project tier first; a shadowed or
 * unreadable file, or a second file declaring a name already taken, gets none): named for the ensemble, described by its {@code description}, with a
 * required {@code input} argument. It renders to a user message asking the assistant to run the
 * ensemble on that input with the {@code invoke} tool.
 */
public final class EnsemblePrompts {

    static final String INPUT = "input";

    private final ProjectScope scope;

    public EnsemblePrompts(ProjectScope scope) {
        this.scope = scope;
    }

    public void register(McpServerRegistry registry) {
        registry.prompts(context -> scope.read(context, EnsemblePrompts::prompts));
    }

    static List<ServerPrompt> prompts(Baton baton) {
        Set<String> named = new HashSet<>();
        List<ServerPrompt> out = new ArrayList<>();
        for (EnsembleEntry e : baton.ensembles().list()) {
            // two files of one tier may declare the same name: the first found wins, as for invoke
            if (e.shadowed() || e.spec() == null || !named.add(e.name())) continue;
            out.add(prompt(e.name(), e.spec().description()));
        }
        return out;
    }

    static ServerPrompt prompt(String ensemble, String description) {
        String about = description == null || description.isBlank() ? "Run the Baton ensemble " + ensemble : description;
        return ServerPrompt.of(ensemble, about,
                List.of(new ServerPrompt.Argument(INPUT, "what the ensemble works on (its input)", true)),
                arguments -> render(ensemble, about, arguments));
    }

    private static List<ServerPrompt.Message> render(String ensemble, String about, Map<String, String> arguments) {
        String input = arguments.get(INPUT);
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("prompt " + ensemble + ": argument '" + INPUT + "' is required");
        }
        String invoke = Schemas.JSON.writeValueAsString(Schemas.object().put("ensemble", ensemble).put(INPUT, input));
        return List.of(new ServerPrompt.Message(ServerPrompt.Role.USER, Content.text(
                "Run the Baton ensemble '" + ensemble + "' (" + about + ") on the input below, by calling the invoke tool with "
                        + invoke + ", then report its deliverable.\n\nInput:\n" + input)));
    }
}

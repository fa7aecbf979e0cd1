package dev.baton.mcp.server;

/**
 * Where an {@link McpServerExtension} adds what the server offers. Each name (tool, prompt) and URI
 * (resource, template) may be registered once: a second registration throws
 * {@link IllegalArgumentException} naming it, so two extensions cannot silently shadow each other.
 */
public interface McpServerRegistry {

    McpServerRegistry tool(ServerTool tool);

    McpServerRegistry resource(ServerResource resource);

    McpServerRegistry resourceTemplate(ServerResourceTemplate template);

    McpServerRegistry prompt(ServerPrompt prompt);

    /** Adds prompts listed per session, asked each time a session lists, gets or completes prompts. */
    McpServerRegistry prompts(PromptSource source);

    /** Adds a watch whose changes reach the clients subscribed to the changed resources. */
    McpServerRegistry resourceWatch(ResourceWatch watch);
}

package dev.baton.mcp.server;

import java.util.List;

/**
 * Prompts that depend on the session asking: asked on each {@code prompts/list},
 * {@code prompts/get} and prompt {@code completion/complete} of a session, so the set may change
 * between calls (Baton's one prompt per ensemble lists the ensembles of the session's project). A
 * prompt registered with {@link McpServerRegistry#prompt} keeps its name: a source's prompt of the
 * same name is left out.
 */
@FunctionalInterface
public interface PromptSource {

    /** The prompts the session of {@code context} sees now, each name once. */
    List<ServerPrompt> prompts(RequestContext context);
}

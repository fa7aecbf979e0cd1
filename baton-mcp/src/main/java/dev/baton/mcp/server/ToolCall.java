package dev.baton.mcp.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The client session a tool call runs in: what a handler can send back while it works (progress,
 * log messages) and ask of the client (sampling, elicitation). Valid only during the call.
 */
public interface ToolCall extends RequestContext {

    /**
     * Sends a progress notification when the client asked for progress (gave a progress token);
     * otherwise does nothing. {@code total} may be null when unknown.
     */
    void progress(double progress, @Nullable Double total, @Nullable String message);

    /**
     * Tells this session's client that the prompts it sees changed ({@code notifications/prompts/list_changed}),
     * so it lists them again; other sessions are not told. Does nothing where the transport cannot
     * address one session.
     */
    default void promptsChanged() {
    }

    /** Sends a log message notification at {@code level} (the client's {@code logging/setLevel} filters it). */
    void log(LogLevel level, String message);

    /** Whether the client declared the sampling capability. */
    boolean clientSamples();

    /** Whether the client declared the elicitation capability. */
    boolean clientElicits();

    /**
     * Asks the client's model to answer {@code prompt} ({@code sampling/createMessage}) and returns
     * the text of its answer.
     *
     * @throws IllegalStateException when the client did not declare sampling
     */
    String sample(String prompt, int maxTokens);

    /**
     * Asks the user, through the client, for input matching {@code requestedSchema}
     * ({@code elicitation/create}).
     *
     * @throws IllegalStateException when the client did not declare elicitation
     */
    Elicitation elicit(String message, JsonNode requestedSchema);

    /** The user's answer to an elicitation: {@code accept}, {@code decline} or {@code cancel}, and what they entered. */
    record Elicitation(String action, Map<String, Object> content) {
    }

    /** MCP log levels, lowest first. */
    enum LogLevel { DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY }
}

package dev.baton.provider;

import dev.baton.llm.ToolCall;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * One provider's wire format, as the shared contract suite needs it: the answers a real server
 * of that provider gives for each case, and how to read back what the adapter sent.
 */
public interface WireDialect {

    /** A whole (non-streamed) text answer with the given usage. */
    Reply text(String text, long inputTokens, long outputTokens);

    /** A streamed text answer: one frame per delta, then the final usage and end marker. */
    Reply streamedText(List<String> deltas, long inputTokens, long outputTokens);

    /** A whole answer carrying the given tool calls. */
    Reply toolCalls(List<ToolCall> calls);

    /** A streamed answer carrying the given tool calls, their arguments split over several frames. */
    Reply streamedToolCalls(List<ToolCall> calls);

    /** The provider's error body for the given status. */
    Reply error(int status, String type, String message);

    /** A streamed answer with a couple of text frames, then the body cut in the middle of an event. */
    Reply streamCutMidEvent();

    /** A 200 answer whose body is not valid JSON. */
    Reply malformed();

    /** An endless stream of text frames (for cancellation). */
    Reply endlessStream();

    /** The text of the last user message in a request body the adapter sent. */
    String userText(JsonNode requestBody);

    /** True when the request body asks for output matching a JSON schema with the given property. */
    boolean asksForSchemaWithProperty(JsonNode requestBody, String property);

    /** Names of the tools declared in a request body. */
    List<String> declaredTools(JsonNode requestBody);

    /** The header carrying the credential, and its expected value for the key. */
    String authHeader();

    String authValue(String apiKey);

    /**
     * A tool result as the adapter sent it back: the call it answers ({@code callRef}: the call id,
     * or the tool name where the wire pairs results with calls by name), its text content (error
     * text included) and whether the wire flags it as an error.
     */
    record SentToolResult(String callRef, String content, boolean isError) {
    }

    /** Every tool result in a request body the adapter sent, in order. */
    List<SentToolResult> toolResults(JsonNode requestBody);

    /** The calls of every assistant turn in a request body, in order: ids, or names as {@link SentToolResult#callRef()}. */
    List<String> echoedToolCalls(JsonNode requestBody);

    /** Whether the wire pairs tool results with calls by id (true) or by tool name (false: Gemini, Ollama). */
    default boolean pairsToolResultsById() {
        return true;
    }
}

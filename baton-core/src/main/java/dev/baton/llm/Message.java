package dev.baton.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation. A system, user or tool message carries text; an assistant
 * message carries text, tool calls or both; a tool message answers the tool call named by
 * {@code toolCallId} and may flag its content as an error.
 */
public record Message(Role role, String text, List<ToolCall> toolCalls, String toolCallId,
                      String toolName, boolean isError) {

    public Message {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (role == Role.TOOL && toolCallId == null) {
            throw new IllegalArgumentException("a tool message needs the id of the call it answers");
        }
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, text, List.of(), null, null, false);
    }

    public static Message user(String text) {
        return new Message(Role.USER, text, List.of(), null, null, false);
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, text, List.of(), null, null, false);
    }

    public static Message assistant(String text, List<ToolCall> toolCalls) {
        return new Message(Role.ASSISTANT, text, toolCalls, null, null, false);
    }

    /** The result of tool call {@code callId} of tool {@code toolName}. */
    public static Message toolResult(String callId, String toolName, String content, boolean isError) {
        return new Message(Role.TOOL, content, List.of(), callId, toolName, isError);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}

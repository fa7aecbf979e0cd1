package dev.baton.provider.scripted.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills tool results into a scripted reply's text: {@code {{tool_result}}} becomes the content of
 * the conversation's last tool result, {@code {{tool_result:NAME}}} the content of the last result
 * of tool {@code NAME}; either becomes empty when there is no such result. Other text, and other
 * {@code {{...}}}, is left as written.
 */
public final class ToolResultTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{tool_result(?::([^{}\\s]+))?}}");

    private ToolResultTemplate() {
    }

    public static String fill(String text, ChatRequest request) {
        if (!text.contains("{{tool_result")) return text;
        List<Message> messages = request.messages();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lastResult(messages, m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lastResult(List<Message> messages, String tool) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.role() == Role.TOOL && (tool == null || tool.equals(toolName(message, messages)))) {
                return message.text();
            }
        }
        return "";
    }

    /** The tool a result answers: its own name, else the name of the call with its id, else empty. */
    static String toolName(Message result, List<Message> messages) {
        if (result.toolName() != null) return result.toolName();
        for (Message message : messages) {
            for (ToolCall call : message.toolCalls()) {
                if (result.toolCallId().equals(call.id())) return call.name();
            }
        }
        return "";
    }
}

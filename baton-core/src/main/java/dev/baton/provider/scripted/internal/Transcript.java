package dev.baton.provider.scripted.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Text views of a request the scripted model matches rules against and counts tokens of. */
public final class Transcript {

    private Transcript() {
    }

    /**
     * The whole conversation, one line per message, {@code role: text}, with an assistant's tool
     * calls appended as {@code name(arguments)}.
     */
    public static String conversation(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        for (Message message : request.messages()) {
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(message.role().name().toLowerCase(Locale.ROOT)).append(": ").append(message.text());
            for (ToolCall call : message.toolCalls()) {
                sb.append(' ').append(call.name()).append('(').append(call.argumentsJson()).append(')');
            }
        }
        return sb.toString();
    }

    /**
     * The tool results after the conversation's last assistant message, one line per result,
     * {@code name: content} ({@code name: error: content} for an error result); empty when the
     * conversation does not end with tool results.
     */
    public static String trailingToolResults(ChatRequest request) {
        List<Message> messages = request.messages();
        int start = messages.size();
        while (start > 0 && messages.get(start - 1).role() == Role.TOOL) start--;
        StringBuilder sb = new StringBuilder();
        for (Message m : messages.subList(start, messages.size())) {
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(ToolResultTemplate.toolName(m, messages)).append(": ");
            if (m.isError()) sb.append("error: ");
            sb.append(m.text());
        }
        return sb.toString();
    }

    /** ceil(characters / 4): the scripted model's deterministic token count. */
    public static long estimateTokens(String text) {
        return (text.length() + 3L) / 4;
    }

    /**
     * 8 hex digits of the text's {@link String#hashCode()} (specified by the JLS, so stable across
     * runs and JVMs) mixed with its length: short and cheap on long prompts. For response and
     * tool-call ids only; not for anything that must resist collisions.
     */
    public static String idHash(String text) {
        return HexFormat.of().toHexDigits(text.hashCode() * 31 + text.length());
    }

    /** The first 8 hex digits of the SHA-256 of the text: short, stable across runs and JVMs. */
    public static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

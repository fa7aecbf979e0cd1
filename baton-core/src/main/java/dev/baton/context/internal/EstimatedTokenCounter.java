package dev.baton.context.internal;

import dev.baton.context.TokenCount;
import dev.baton.context.TokenCounter;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The documented estimate used when no exact count is at hand: one token per four UTF-8 bytes of
 * each message's text and tool calls (rounded up), plus {@value #PER_MESSAGE} tokens of framing
 * per message and {@value #PRIMING} for the reply's start. Four bytes per token is the usual
 * figure for English under today's tokenizers; text in other scripts takes more bytes per
 * character and so is estimated higher, which errs on the side of fitting. Always labelled estimated.
 */
public final class EstimatedTokenCounter implements TokenCounter {

    public static final EstimatedTokenCounter INSTANCE = new EstimatedTokenCounter();
    static final int PER_MESSAGE = 4;
    static final int PRIMING = 3;
    private static final int BYTES_PER_TOKEN = 4;

    private EstimatedTokenCounter() {
    }

    @Override
    public TokenCount count(List<Message> messages) {
        long tokens = PRIMING;
        for (Message m : messages) tokens += PER_MESSAGE + tokensOf(m);
        return TokenCount.estimate(tokens);
    }

    /** The estimated tokens of one message's content, without framing. */
    public static long tokensOf(Message m) {
        long bytes = utf8(m.text());
        for (ToolCall c : m.toolCalls()) bytes += utf8(c.name()) + utf8(c.argumentsJson());
        return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}

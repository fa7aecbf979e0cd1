package dev.baton.context.internal;

import dev.baton.context.TokenCount;
import dev.baton.context.TokenCounter;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.pipeline.internal.OpenAiTokenCounts;

import java.util.List;

/**
 * Exact counts for a model on OpenAI's own API: each message's text and tool calls counted with
 * the model's tokenizer (jtokkit's o200k_base or cl100k_base, chosen by model name), plus the
 * framing OpenAI documents for chat messages (3 tokens per message, 3 to prime the reply).
 */
public final class JtokkitTokenCounter implements TokenCounter {

    private static final int PER_MESSAGE = 3;
    private static final int PRIMING = 3;

    private final OpenAiTokenCounts tokenizer;

    public JtokkitTokenCounter(OpenAiTokenCounts tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public TokenCount count(List<Message> messages) {
        long tokens = PRIMING;
        for (Message m : messages) {
            tokens += PER_MESSAGE + tokenizer.count(m.text());
            for (ToolCall c : m.toolCalls()) tokens += tokenizer.count(c.name()) + tokenizer.count(c.argumentsJson());
        }
        return new TokenCount(tokens, true, tokenizer.encodingName());
    }
}

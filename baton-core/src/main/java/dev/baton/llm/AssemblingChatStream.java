package dev.baton.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Base for {@link ChatStream} implementations: subclasses produce chunks with {@link #pull()};
 * this class iterates them, assembles the running {@link ChatResponse}, times the first token
 * and makes {@link #close()} idempotent.
 */
public abstract class AssemblingChatStream implements ChatStream {

    private final long startNanos = System.nanoTime();
    private final String provider;
    private final String model;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private FinishReason finishReason;
    private Usage usage;
    private String responseId;
    private long firstTokenNanos = -1;
    private long endNanos = -1;
    private ChatChunk pending;
    private boolean done;
    private boolean closed;

    protected AssemblingChatStream(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /** The next chunk, or null when the stream has ended. */
    protected abstract ChatChunk pull();

    /** Releases the underlying exchange; called once. */
    protected abstract void release();

    /** Output tokens to assume for text seen so far when the stream ends without usage. */
    protected long estimateOutputTokens(String textSoFar) {
        return Math.max(textSoFar.isEmpty() ? 0 : 1, textSoFar.length() / 4);
    }

    protected void setResponseId(String id) {
        this.responseId = id;
    }

    @Override
    public final boolean hasNext() {
        if (pending != null) return true;
        if (done || closed) return false;
        ChatChunk next = pull();
        if (next == null) {
            done = true;
            endNanos = System.nanoTime();
            return false;
        }
        pending = next;
        return true;
    }

    @Override
    public final ChatChunk next() {
        if (!hasNext()) throw new NoSuchElementException();
        ChatChunk chunk = pending;
        pending = null;
        absorb(chunk);
        return chunk;
    }

    private void absorb(ChatChunk chunk) {
        if (firstTokenNanos < 0 && (!chunk.textDelta().isEmpty() || !chunk.toolCalls().isEmpty()
                || !chunk.reasoningDelta().isEmpty())) {
            firstTokenNanos = System.nanoTime();
        }
        text.append(chunk.textDelta());
        reasoning.append(chunk.reasoningDelta());
        toolCalls.addAll(chunk.toolCalls());
        if (chunk.finishReason() != null) finishReason = chunk.finishReason();
        if (chunk.usage() != null) usage = chunk.usage();
        if (chunk.isLast()) {
            done = true;
            endNanos = System.nanoTime();
        }
    }

    @Override
    public final ChatResponse response() {
        Usage u = usage;
        FinishReason reason = finishReason;
        if (u == null) {
            u = new Usage(0, estimateOutputTokens(text.toString()), 0, 0, 0, null, true);
        }
        if (reason == null) reason = closed ? FinishReason.CANCELLED : FinishReason.OTHER;
        long end = endNanos > 0 ? endNanos : System.nanoTime();
        Duration ttft = firstTokenNanos < 0 ? null : Duration.ofNanos(firstTokenNanos - startNanos);
        return new ChatResponse(text.toString(), toolCalls, reason, u, provider, model, null, responseId,
                reasoning.isEmpty() ? null : reasoning.toString(), Duration.ofNanos(end - startNanos), ttft, List.of());
    }

    /** True once the stream ended normally (a last chunk or end of input). */
    public final boolean isDone() {
        return done;
    }

    @Override
    public final void close() {
        if (closed) return;
        closed = true;
        if (endNanos < 0) endNanos = System.nanoTime();
        release();
    }
}

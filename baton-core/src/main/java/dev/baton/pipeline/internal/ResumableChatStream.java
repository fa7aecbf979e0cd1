package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;

import java.util.NoSuchElementException;

/**
 * A stream that may replace its underlying stream while no chunk has reached the caller yet: a
 * failure before the first delivered chunk asks {@link #reopen(BatonException)} for a new stream
 * (a retry, a fallback model) or for the failure to be thrown; a failure after it always
 * propagates, so a caller never sees output of two attempts mixed. A chunk counts as delivered
 * when {@link #next()} returns it. {@link #close()} may be called from another thread (a deadline)
 * and stops any further reopening.
 */
abstract class ResumableChatStream implements ChatStream {

    private ChatStream current;
    private boolean delivered;
    private volatile boolean closed;

    /** Opens the first stream; {@code first} handles its own failures to open. */
    protected final void start(java.util.function.Supplier<ChatStream> first) {
        current = first.get();
    }

    /**
     * A replacement for a stream that failed before delivering anything, or throws the failure
     * (or a better one) to give up. Implementations may sleep and must handle their own failures
     * to open a replacement.
     */
    protected abstract ChatStream reopen(BatonException failure);

    protected final boolean hasDelivered() {
        return delivered;
    }

    @Override
    public final boolean hasNext() {
        while (true) {
            if (current == null) return false;
            try {
                return current.hasNext();
            } catch (BatonException e) {
                if (delivered || closed) throw e;
                closeQuietly(current);
                current = null;
                current = recover(e);
            }
        }
    }

    private ChatStream recover(BatonException failure) {
        if (closed) throw failure;
        ChatStream next = reopen(failure);
        if (closed) {
            closeQuietly(next);
            throw failure;
        }
        return next;
    }

    @Override
    public final ChatChunk next() {
        if (!hasNext()) throw new NoSuchElementException();
        ChatChunk chunk = current.next();
        delivered = true;
        return chunk;
    }

    @Override
    public ChatResponse response() {
        ChatStream s = current;
        return s == null ? ChatResponse.ofText("", null, null, null) : s.response();
    }

    @Override
    public final void close() {
        closed = true;
        ChatStream s = current;
        if (s != null) s.close();
    }

    static void closeQuietly(ChatStream stream) {
        if (stream == null) return;
        try {
            stream.close();
        } catch (RuntimeException ignored) {
            // the stream already failed; its close failure adds nothing
        }
    }
}

package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatResponse;

import java.io.IOException;

/** One wire format's server-sent events for a streamed answer (OpenAI chunks, Anthropic events). */
interface StreamFormat {

    /** The stream is committed: {@code soFar} is the answer after its first chunk (model known). */
    void open(ChatResponse soFar) throws IOException;

    void chunk(ChatChunk chunk) throws IOException;

    /** The stream ended normally with {@code whole} (final usage). */
    void end(ChatResponse whole) throws IOException;

    /** The stream failed after it was committed: an error event in the format's own shape. */
    void fail(BatonException error) throws IOException;
}

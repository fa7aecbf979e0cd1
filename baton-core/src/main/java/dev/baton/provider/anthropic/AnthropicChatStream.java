package dev.baton.provider.anthropic;

import dev.baton.error.ErrorContext;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;
import dev.baton.provider.SseEvent;
import dev.baton.provider.SseReader;
import dev.baton.provider.anthropic.internal.AnthropicStreamDecoder;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A streamed Messages API answer read from server-sent events. A body that ends before
 * {@code message_stop} is an interrupted stream, never a complete answer.
 */
final class AnthropicChatStream extends AssemblingChatStream {

    private final SseReader reader;
    private final AnthropicStreamDecoder decoder;
    private final ErrorContext context;
    private final Deque<ChatChunk> queue = new ArrayDeque<>();

    AnthropicChatStream(String provider, String model, InputStream body, AnthropicStreamDecoder decoder,
                        ErrorContext context) {
        super(provider, model);
        this.reader = new SseReader(body, context);
        this.decoder = decoder;
        this.context = context;
    }

    @Override
    protected ChatChunk pull() {
        while (queue.isEmpty() && !decoder.ended()) {
            SseEvent event = reader.next();
            if (event == null) {
                throw SseReader.Streams.interrupted(context, "the stream ended before message_stop", null);
            }
            decoder.accept(event, queue);
            if (decoder.responseId() != null) setResponseId(decoder.responseId());
        }
        return queue.poll();
    }

    @Override
    protected void release() {
        reader.close();
    }
}

package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;
import dev.baton.provider.SseReader;
import dev.baton.provider.bedrock.internal.BedrockErrorMapper;
import dev.baton.provider.bedrock.internal.ConverseStreamDecoder;
import dev.baton.provider.bedrock.internal.EventBridge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * A ConverseStream answer pulled from the SDK's event publisher through an {@link EventBridge}.
 * A stream that ends before {@code messageStop} is reported as interrupted; an exception event
 * ({@code modelStreamErrorException}, {@code throttlingException}, …) as the mapped failure.
 * {@link #close()} cancels the subscription and the call, which drops the connection.
 */
final class BedrockChatStream extends AssemblingChatStream {

    private final EventBridge bridge;
    private final CompletableFuture<Void> call;
    private final ConverseStreamDecoder decoder;
    private final BedrockErrorMapper errors;
    private final ErrorContext context;
    private final Deque<ChatChunk> ready = new ArrayDeque<>();
    private boolean ended;

    BedrockChatStream(String provider, String model, String requestId, EventBridge bridge, CompletableFuture<Void> call,
                      ConverseStreamDecoder decoder, BedrockErrorMapper errors, ErrorContext context) {
        super(provider, model);
        this.bridge = bridge;
        this.call = call;
        this.decoder = decoder;
        this.errors = errors;
        this.context = context;
        if (requestId != null) setResponseId(requestId);
    }

    @Override
    protected ChatChunk pull() {
        while (ready.isEmpty() && !ended) {
            EventBridge.Signal signal = take();
            switch (signal) {
                case EventBridge.Event e -> decoder.accept(e.event(), ready::add);
                case EventBridge.Failure f -> {
                    ended = true;
                    throw failure(f.error());
                }
                case EventBridge.End end -> {
                    ended = true;
                    if (!decoder.messageStopped()) {
                        throw SseReader.Streams.interrupted(context, "the event stream ended before messageStop", null);
                    }
                    decoder.finish(ready::add);
                }
            }
            if (decoder.finished()) ended = true;
        }
        return ready.poll();
    }

    private EventBridge.Signal take() {
        try {
            return bridge.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = true;
            cancel();
            throw BatonException.builder(ErrorCode.TIMEOUT, context.provider() + ": stream interrupted")
                    .reason(ErrorReason.CANCELLED).context(context).retriable(false).build();
        }
    }

    private BatonException failure(Throwable error) {
        BatonException mapped = errors.map(error, context);
        // A connection that breaks mid-stream is an interrupted stream, whatever the I/O layer called it.
        if (mapped.reason() == ErrorReason.CONNECTION && mapped.code() == ErrorCode.PROVIDER_ERROR) {
            return mapped.toBuilder().reason(ErrorReason.STREAM_INTERRUPTED).build();
        }
        return mapped;
    }

    private void cancel() {
        bridge.cancel();
        call.cancel(true);
    }

    @Override
    protected void release() {
        cancel();
    }
}

package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.server.Exchange;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.function.Function;

/**
 * Relays a {@link ChatStream} to the client as server-sent events. Nothing is sent until the
 * first chunk has arrived, so a failure before it (after the pipeline's fallbacks) is still an
 * ordinary HTTP error and the headers can name the model that answered; a failure after it ends
 * the stream with the format's error event. A client that goes away closes the stream, which
 * cancels the upstream call and ends the request quietly.
 */
final class StreamRelay {

    private StreamRelay() {
    }

    /**
     * Pulls {@code stream} onto {@code res}.
     *
     * @throws BatonException when the stream fails before its first chunk (nothing was sent)
     */
    static void relay(Exchange res, ModelTarget target, ChatStream stream, long startNanos,
                      ObjectMapper json, Function<SseOut, StreamFormat> formats) throws IOException {
        try (stream) {
            ChatChunk first = stream.hasNext() ? stream.next() : null;
            ChatResponse soFar = stream.response();
            BatonHeaders.set(res, target, soFar, startNanos, soFar.timeToFirstToken());
            res.status(200);
            res.contentType("text/event-stream");
            res.header("Cache-Control", "no-cache");
            res.header("X-Accel-Buffering", "no");
            StreamFormat format = formats.apply(new SseOut(res.output(), json));
            try {
                format.open(soFar);
                if (first != null) format.chunk(first);
                while (stream.hasNext()) format.chunk(stream.next());
                format.end(stream.response());
            } catch (BatonException e) {
                format.fail(e);
            } catch (RuntimeException e) {
                format.fail(new BatonException(ErrorCode.PROVIDER_ERROR, "the stream failed: " + e.getMessage(), e));
            }
        } catch (IOException clientLeft) {
            // the client went away: closing the stream (above) cancelled the upstream call; nobody is left to answer
        }
    }
}

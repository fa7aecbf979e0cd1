package dev.baton.provider.gemini;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.Usage;
import dev.baton.provider.HttpErrorMapper;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.SseEvent;
import dev.baton.provider.SseReader;
import dev.baton.provider.gemini.internal.GeminiResponseDecoder;
import dev.baton.provider.gemini.internal.GeminiResponseDecoder.Decoded;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A streamed Gemini answer: one {@code GenerateContentResponse} per server-sent event, usage
 * cumulative in each, the finish reason on the last. Gemini sends no end marker, so a body that
 * ends before any finish reason arrived is an interrupted stream. An {@code error} object sent
 * mid-stream is mapped like an HTTP error of its {@code code}.
 */
final class GeminiChatStream extends AssemblingChatStream {

    private final SseReader reader;
    private final ObjectMapper json;
    private final GeminiResponseDecoder decoder;
    private final ProviderSettings settings;
    private final ErrorContext context;
    private final Deque<ChatChunk> queue = new ArrayDeque<>();
    private String finishReason;
    private Usage usage;
    private int calls;
    private boolean emitted;
    private boolean ended;

    GeminiChatStream(ProviderSettings settings, String model, InputStream body, ObjectMapper json,
                     GeminiResponseDecoder decoder, ErrorContext context) {
        super(settings.name(), model);
        this.reader = new SseReader(body, context);
        this.json = json;
        this.decoder = decoder;
        this.settings = settings;
        this.context = context;
    }

    @Override
    protected ChatChunk pull() {
        while (queue.isEmpty() && !ended) {
            SseEvent event = reader.next();
            if (event == null) {
                if (finishReason == null) {
                    throw SseReader.Streams.interrupted(context, "the stream ended before a finish reason", null);
                }
                queue.add(ChatChunk.finish(GeminiResponseDecoder.finishReason(finishReason, calls > 0), usage));
                ended = true;
            } else {
                absorb(event);
            }
        }
        return queue.poll();
    }

    private void absorb(SseEvent event) {
        JsonNode node;
        try {
            node = json.readTree(event.data());
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(context, "a stream event", e);
        }
        if (node == null || !node.isObject()) throw SseReader.Streams.malformed(context, "a stream event", null);
        if (node.path("error").isObject()) throw midStreamError(node, event.data());
        BatonException blocked = GeminiResponseDecoder.promptBlocked(node, context);
        if (blocked != null) throw blocked;
        Decoded d = decoder.decode(node, calls);
        if (d.responseId() != null) setResponseId(d.responseId());
        if (d.usage() != null) usage = d.usage();
        if (!d.reasoning().isEmpty()) queue.add(ChatChunk.reasoning(d.reasoning()));
        if (!d.text().isEmpty()) queue.add(ChatChunk.text(d.text()));
        if (!d.toolCalls().isEmpty()) {
            queue.add(ChatChunk.toolCalls(d.toolCalls()));
            calls += d.toolCalls().size();
        }
        emitted |= !d.text().isEmpty() || !d.toolCalls().isEmpty();
        if (d.finishReason() != null) {
            if (!emitted && GeminiResponseDecoder.FILTERED.contains(d.finishReason())) {
                throw GeminiResponseDecoder.answerBlocked(d.finishReason(), context);
            }
            finishReason = d.finishReason();
        }
    }

    private BatonException midStreamError(JsonNode node, String body) {
        int code = node.path("error").path("code").asInt(500);
        // the error object carries the HTTP status Google would have answered with: map it as that
        return new HttpErrorMapper(json).map(code, null, body, settings, context);
    }

    @Override
    protected void release() {
        reader.close();
    }
}

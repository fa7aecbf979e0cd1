package dev.baton.provider.ollama;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ToolCall;
import dev.baton.provider.internal.NdjsonReader;
import dev.baton.provider.SseReader;
import dev.baton.provider.ollama.internal.OllamaResponseDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A streamed Ollama answer: one JSON object per line, the last with {@code done: true}, the
 * {@code done_reason} and the token counts. A body that ends before that line is an interrupted
 * stream; an {@code {"error": "..."}} line is a provider failure.
 */
final class OllamaChatStream extends AssemblingChatStream {

    private final NdjsonReader reader;
    private final OllamaResponseDecoder decoder;
    private final ErrorContext context;
    private final Deque<ChatChunk> queue = new ArrayDeque<>();
    private int calls;
    private boolean ended;

    OllamaChatStream(String provider, String model, InputStream body, ObjectMapper json,
                     OllamaResponseDecoder decoder, ErrorContext context) {
        super(provider, model);
        this.reader = new NdjsonReader(body, context, json);
        this.decoder = decoder;
        this.context = context;
    }

    @Override
    protected ChatChunk pull() {
        while (queue.isEmpty() && !ended) {
            JsonNode line = reader.next();
            if (line == null) {
                throw SseReader.Streams.interrupted(context, "the stream ended before its done line", null);
            }
            absorb(line);
        }
        return queue.poll();
    }

    private void absorb(JsonNode line) {
        JsonNode error = line.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String text = error.isString() ? error.asString() : error.path("message").asString(error.toString());
            throw BatonException.builder(ErrorCode.PROVIDER_ERROR,
                    context.provider() + " reported an error mid-stream: " + text)
                    .context(context).retriable(true).build();
        }
        JsonNode message = line.path("message");
        String thinking = message.path("thinking").asString("");
        String content = message.path("content").asString("");
        if (!thinking.isEmpty()) queue.add(ChatChunk.reasoning(thinking));
        if (!content.isEmpty()) queue.add(ChatChunk.text(content));
        List<ToolCall> toolCalls = decoder.toolCalls(message, calls);
        if (!toolCalls.isEmpty()) {
            queue.add(ChatChunk.toolCalls(toolCalls));
            calls += toolCalls.size();
        }
        if (line.path("done").asBoolean(false)) {
            queue.add(ChatChunk.finish(OllamaResponseDecoder.finishReason(line.path("done_reason").asString(null),
                    calls > 0), OllamaResponseDecoder.usage(line)));
            ended = true;
        }
    }

    @Override
    protected void release() {
        reader.close();
    }
}

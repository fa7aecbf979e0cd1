package dev.baton.provider.openai;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Usage;
import dev.baton.provider.SseEvent;
import dev.baton.provider.SseReader;
import dev.baton.provider.openai.internal.OpenAiChunkParser;
import dev.baton.provider.openai.internal.OpenAiResponseDecoder;
import dev.baton.provider.openai.internal.ToolCallAssembler;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A streamed chat-completions answer read from server-sent events. */
final class OpenAiChatStream extends AssemblingChatStream {

    private final SseReader reader;
    private final OpenAiChunkParser parser;
    private final ErrorContext context;
    private final ToolCallAssembler toolCalls = new ToolCallAssembler();
    private final Deque<ChatChunk> queue = new ArrayDeque<>();
    private FinishReason finishReason;
    private Usage usage;
    private boolean ended;

    OpenAiChatStream(String provider, String model, InputStream body, ObjectMapper json, ErrorContext context) {
        super(provider, model);
        this.reader = new SseReader(body, context);
        this.parser = new OpenAiChunkParser(json);
        this.context = context;
    }

    @Override
    protected ChatChunk pull() {
        while (queue.isEmpty() && !ended) {
            SseEvent event = reader.next();
            if (event == null) {
                if (finishReason == null) {
                    throw SseReader.Streams.interrupted(context, "the stream ended before [DONE]", null);
                }
                finish();
            } else if ("[DONE]".equals(event.data().strip())) {
                finish();
            } else {
                absorb(event);
            }
        }
        return queue.poll();
    }

    private void finish() {
        if (!toolCalls.isEmpty()) queue.add(ChatChunk.toolCalls(toolCalls.drain()));
        queue.add(ChatChunk.finish(finishReason == null ? FinishReason.STOP : finishReason, usage));
        ended = true;
    }

    private void absorb(SseEvent event) {
        OpenAiChunkParser.Chunk chunk;
        try {
            chunk = parser.parse(event.data(), toolCalls);
        } catch (OpenAiChunkParser.NotAnObject e) {
            throw SseReader.Streams.malformed(context, "a stream event", null);
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(context, "a stream event", e);
        }
        if (chunk.error != null) {
            throw BatonException.builder(ErrorCode.PROVIDER_ERROR,
                    context.provider() + " reported an error mid-stream: " + chunk.error)
                    .context(context).retriable(true).build();
        }
        if (chunk.id != null) setResponseId(chunk.id);
        if (chunk.usage != null) usage = chunk.usage;
        if (chunk.reasoning != null && !chunk.reasoning.isEmpty()) queue.add(ChatChunk.reasoning(chunk.reasoning));
        if (chunk.text != null && !chunk.text.isEmpty()) queue.add(ChatChunk.text(chunk.text));
        if (chunk.finishReason != null) finishReason = OpenAiResponseDecoder.finishReason(chunk.finishReason);
    }

    @Override
    protected void release() {
        reader.close();
    }
}

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
import dev.baton.provider.openai.internal.OpenAiResponseDecoder;
import dev.baton.provider.openai.internal.ToolCallAssembler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A streamed chat-completions answer read from server-sent events. */
final class OpenAiChatStream extends AssemblingChatStream {

    private final SseReader reader;
    private final ObjectMapper json;
    private final ErrorContext context;
    private final ToolCallAssembler toolCalls = new ToolCallAssembler();
    private final Deque<ChatChunk> queue = new ArrayDeque<>();
    private FinishReason finishReason;
    private Usage usage;
    private boolean ended;

    OpenAiChatStream(String provider, String model, InputStream body, ObjectMapper json, ErrorContext context) {
        super(provider, model);
        this.reader = new SseReader(body, context);
        this.json = json;
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
        JsonNode node;
        try {
            node = json.readTree(event.data());
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(context, "a stream event", e);
        }
        if (node == null || !node.isObject()) throw SseReader.Streams.malformed(context, "a stream event", null);
        JsonNode error = node.path("error");
        if (error.isObject()) {
            throw BatonException.builder(ErrorCode.PROVIDER_ERROR,
                    context.provider() + " reported an error mid-stream: " + error.path("message").asString(""))
                    .context(context).retriable(true).build();
        }
        String id = node.path("id").asString(null);
        if (id != null) setResponseId(id);
        Usage u = OpenAiResponseDecoder.usage(node.path("usage"));
        if (u != null) usage = u;
        JsonNode choice = node.path("choices").path(0);
        if (choice.isMissingNode()) return;
        JsonNode delta = choice.path("delta");
        String text = delta.path("content").asString(null);
        String reasoning = delta.path("reasoning_content").asString(null);
        if (reasoning != null && !reasoning.isEmpty()) queue.add(ChatChunk.reasoning(reasoning));
        if (text != null && !text.isEmpty()) queue.add(ChatChunk.text(text));
        if (delta.path("tool_calls").isArray()) toolCalls.accept(delta.path("tool_calls"));
        String reason = choice.path("finish_reason").asString(null);
        if (reason != null) finishReason = OpenAiResponseDecoder.finishReason(reason);
    }

    @Override
    protected void release() {
        reader.close();
    }
}

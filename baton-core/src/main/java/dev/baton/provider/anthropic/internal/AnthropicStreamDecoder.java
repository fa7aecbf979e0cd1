package dev.baton.provider.anthropic.internal;

import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ToolCall;
import dev.baton.provider.SseEvent;
import dev.baton.provider.SseReader.Streams;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Messages API's stream events into chunks. Content blocks are tracked by index:
 * text and thinking deltas pass straight through (thinking as reasoning), {@code input_json_delta}
 * fragments are joined per block and a tool call is emitted whole at its {@code content_block_stop}.
 * Usage from {@code message_start} and {@code message_delta} is merged; the finish chunk goes out
 * at {@code message_stop}. An {@code error} event becomes the mapped failure; {@code ping} and
 * event types this decoder does not know are skipped, as the API's versioning policy asks.
 * <p>
 * With structured output, the synthetic tool's input is streamed as text (unless its schema had
 * to be wrapped, then it is emitted whole); text the model writes before it is held back and
 * becomes reasoning once the tool is called, or text if the answer ends without calling it.
 */
public final class AnthropicStreamDecoder {

    private final ObjectMapper json;
    private final ErrorContext context;
    private final StructuredOutput structured;
    private final ThinkingMemory memory;
    private final AnthropicErrors errors;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final List<JsonNode> thinkingBlocks = new ArrayList<>();
    private final List<String> callIds = new ArrayList<>();
    private final UsageTally usage = new UsageTally();
    private final StringBuilder heldText = new StringBuilder();
    private boolean answered;
    private String stopReason;
    private String responseId;
    private boolean ended;

    /** One open content block. */
    private static final class Block {
        final String type;
        String id;
        String name;
        String initialInput = "";
        boolean synthetic;
        boolean streamedAsText;
        final StringBuilder text = new StringBuilder();
        final StringBuilder signature = new StringBuilder();

        Block(String type) {
            this.type = type;
        }
    }

    public AnthropicStreamDecoder(ObjectMapper json, ErrorContext context, StructuredOutput structured,
                                  ThinkingMemory memory, AnthropicErrors errors) {
        this.json = json;
        this.context = context;
        this.structured = structured;
        this.memory = memory;
        this.errors = errors;
    }

    /** True once {@code message_stop} was seen. */
    public boolean ended() {
        return ended;
    }

    /** The message id from {@code message_start}, or null before it. */
    public String responseId() {
        return responseId;
    }

    /** Decodes one event, adding the chunks it yields to {@code out}. */
    public void accept(SseEvent event, Deque<ChatChunk> out) {
        JsonNode node;
        try {
            node = json.readTree(event.data());
        } catch (RuntimeException e) {
            throw Streams.malformed(context, "a stream event", e);
        }
        if (node == null || !node.isObject()) throw Streams.malformed(context, "a stream event", null);
        String type = node.path("type").asString(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start" -> {
                responseId = node.path("message").path("id").asString(null);
                usage.absorb(node.path("message").path("usage"));
            }
            case "content_block_start" -> blockStart(index(node), node.path("content_block"), out);
            case "content_block_delta" -> blockDelta(block(node), node.path("delta"), out);
            case "content_block_stop" -> blockStop(index(node), out);
            case "message_delta" -> {
                String reason = node.path("delta").path("stop_reason").asString(null);
                if (reason != null) stopReason = reason;
                usage.absorb(node.path("usage"));
            }
            case "message_stop" -> finish(out);
            case "error" -> throw errors.midStream(node, context);
            default -> { }
        }
    }

    private int index(JsonNode node) {
        if (!node.path("index").isNumber()) throw Streams.malformed(context, "a content block event (no index)", null);
        return node.path("index").asInt();
    }

    private Block block(JsonNode node) {
        Block block = blocks.get(index(node));
        if (block == null) throw Streams.malformed(context, "a content block delta (no open block)", null);
        return block;
    }

    private void blockStart(int index, JsonNode start, Deque<ChatChunk> out) {
        Block block = new Block(start.path("type").asString(""));
        blocks.put(index, block);
        switch (block.type) {
            case "text" -> emitText(start.path("text").asString(""), out);
            case "thinking" -> {
                String thinking = start.path("thinking").asString("");
                block.text.append(thinking);
                block.signature.append(start.path("signature").asString(""));
                if (!thinking.isEmpty()) out.add(ChatChunk.reasoning(thinking));
            }
            case "redacted_thinking" -> thinkingBlocks.add(start);
            case "tool_use" -> {
                block.id = start.path("id").asString(null);
                block.name = start.path("name").asString("");
                JsonNode input = start.path("input");
                if (input.isObject() && !input.isEmpty()) block.initialInput = json.writeValueAsString(input);
                block.synthetic = structured != null && block.name.equals(structured.toolName());
                if (block.synthetic) startAnswer(out);
            }
            default -> { }
        }
    }

    private void startAnswer(Deque<ChatChunk> out) {
        answered = true;
        if (!heldText.isEmpty()) out.add(ChatChunk.reasoning(heldText.toString()));
        heldText.setLength(0);
    }

    private void blockDelta(Block block, JsonNode delta, Deque<ChatChunk> out) {
        switch (delta.path("type").asString("")) {
            case "text_delta" -> emitText(delta.path("text").asString(""), out);
            case "thinking_delta" -> {
                String thinking = delta.path("thinking").asString("");
                block.text.append(thinking);
                if (!thinking.isEmpty()) out.add(ChatChunk.reasoning(thinking));
            }
            case "signature_delta" -> block.signature.append(delta.path("signature").asString(""));
            case "input_json_delta" -> {
                String part = delta.path("partial_json").asString("");
                block.text.append(part);
                if (block.synthetic && !structured.wrapped() && !part.isEmpty()) {
                    block.streamedAsText = true;
                    out.add(ChatChunk.text(part));
                }
            }
            default -> { }
        }
    }

    private void emitText(String text, Deque<ChatChunk> out) {
        if (text.isEmpty()) return;
        if (structured == null) out.add(ChatChunk.text(text));
        else if (answered) out.add(ChatChunk.reasoning(text));
        else heldText.append(text);
    }

    private void blockStop(int index, Deque<ChatChunk> out) {
        Block block = blocks.remove(index);
        if (block == null) return;
        if (block.type.equals("thinking")) {
            ObjectNode thinking = json.createObjectNode().put("type", "thinking")
                    .put("thinking", block.text.toString()).put("signature", block.signature.toString());
            thinkingBlocks.add(thinking);
        } else if (block.type.equals("tool_use")) {
            String input = block.text.isEmpty() ? block.initialInput : block.text.toString();
            if (block.synthetic) {
                if (!block.streamedAsText) out.add(ChatChunk.text(answer(input)));
            } else {
                callIds.add(block.id);
                out.add(ChatChunk.toolCalls(List.of(new ToolCall(block.id, block.name, input))));
            }
        }
    }

    private String answer(String input) {
        try {
            return structured.answer(input, json);
        } catch (RuntimeException e) {
            throw Streams.malformed(context, "the structured-output tool input", e);
        }
    }

    private void finish(Deque<ChatChunk> out) {
        if (!heldText.isEmpty()) out.add(ChatChunk.text(heldText.toString()));
        heldText.setLength(0);
        memory.remember(callIds, thinkingBlocks);
        boolean onlyAnswer = answered && callIds.isEmpty();
        out.add(ChatChunk.finish(AnthropicResponseDecoder.finishReason(stopReason, onlyAnswer), usage.usage()));
        ended = true;
    }
}

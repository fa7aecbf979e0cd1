package dev.baton.provider.anthropic.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a conversation into the Messages API's {@code system} and {@code messages} fields.
 * <ul>
 * <li>System messages, wherever they stand, become top-level {@code system} text blocks in order.</li>
 * <li>Tool results become {@code tool_result} blocks of a user turn ({@code is_error} on failures).</li>
 * <li>Consecutive turns of the same wire role are merged into one (the API requires user and
 *     assistant to alternate), so parallel tool results land in one user turn; within a user
 *     turn the tool results come first, as the API requires.</li>
 * <li>Empty text is left out (the API rejects empty text blocks); a turn left with no block is dropped.</li>
 * <li>An assistant turn that made tool calls gets back the signed thinking blocks remembered for
 *     those calls, first in the turn.</li>
 * </ul>
 */
public final class ConversationEncoder {

    private final ObjectMapper json;
    private final ThinkingMemory memory;

    public ConversationEncoder(ObjectMapper json, ThinkingMemory memory) {
        this.json = json;
        this.memory = memory;
    }

    /** One wire turn: blocks that must lead (tool results, thinking) and the rest. */
    private static final class Turn {
        final String role;
        final List<JsonNode> leading = new ArrayList<>();
        final List<JsonNode> rest = new ArrayList<>();

        Turn(String role) {
            this.role = role;
        }

        boolean isEmpty() {
            return leading.isEmpty() && rest.isEmpty();
        }
    }

    /** Sets {@code system} (when there is any) and {@code messages} on {@code body}. */
    public void encode(List<Message> messages, ObjectNode body, List<String> extraSystem, boolean cacheSystem) {
        ArrayNode system = json.createArrayNode();
        List<Turn> turns = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                if (!m.text().isEmpty()) system.addObject().put("type", "text").put("text", m.text());
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            Turn turn = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (turn == null || !turn.role.equals(role)) {
                turn = new Turn(role);
                turns.add(turn);
            }
            add(turn, m);
        }
        for (String extra : extraSystem) system.addObject().put("type", "text").put("text", extra);
        if (!system.isEmpty()) {
            if (cacheSystem) ((ObjectNode) system.get(system.size() - 1)).putObject("cache_control").put("type", "ephemeral");
            body.set("system", system);
        }
        ArrayNode wire = body.putArray("messages");
        for (Turn t : turns) {
            if (t.isEmpty()) continue;
            ObjectNode message = wire.addObject().put("role", t.role);
            ArrayNode content = message.putArray("content");
            t.leading.forEach(content::add);
            t.rest.forEach(content::add);
        }
    }

    private void add(Turn turn, Message m) {
        switch (m.role()) {
            case USER -> addText(turn.rest, m.text());
            case TOOL -> turn.leading.add(toolResult(m));
            case ASSISTANT -> {
                if (m.hasToolCalls()) turn.leading.addAll(memory.recall(m.toolCalls()));
                addText(turn.rest, m.text());
                for (ToolCall call : m.toolCalls()) turn.rest.add(toolUse(call));
            }
            case SYSTEM -> throw new IllegalStateException("system messages are encoded separately");
        }
    }

    private void addText(List<JsonNode> blocks, String text) {
        if (!text.isEmpty()) blocks.add(json.createObjectNode().put("type", "text").put("text", text));
    }

    private ObjectNode toolResult(Message m) {
        ObjectNode block = json.createObjectNode().put("type", "tool_result").put("tool_use_id", m.toolCallId());
        if (!m.text().isEmpty()) block.put("content", m.text());
        if (m.isError()) block.put("is_error", true);
        return block;
    }

    private ObjectNode toolUse(ToolCall call) {
        JsonNode input;
        try {
            input = json.readTree(call.argumentsJson());
        } catch (RuntimeException e) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "the arguments of tool call " + call.id() + " ("
                    + call.name() + ") are not a JSON object; Anthropic needs tool_use input to be an object");
        }
        ObjectNode block = json.createObjectNode().put("type", "tool_use").put("id", call.id()).put("name", call.name());
        block.set("input", input);
        return block;
    }
}

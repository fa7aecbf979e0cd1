package dev.baton.server.gateway.internal;

import dev.baton.Baton;
import dev.baton.config.BatonConfig;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's agentic serving (llm-orc's {@code serve}): each chat turn to the
 * {@code server.agentic} model runs its serving ensemble once, with the conversation as input,
 * and the ensemble's deliverable becomes the answer. The input is a JSON object: {@code task}
 * (the last user message), {@code context} (the turns before it, one {@code role: text} line
 * each) and {@code messages} (every message: {@code role}, {@code content}, {@code tool_calls},
 * {@code tool_call_id}). The deliverable follows llm-orc's serving outcome (see
 * {@link ServingOutcome}). Thread-safe.
 */
public final class AgenticTurns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Baton baton;

    AgenticTurns(Baton baton) {
        this.baton = baton;
    }

    /** The configured agentic serving ({@code server.agentic}), or null when there is none. */
    public static BatonConfig.AgenticConfig configured(Baton baton) {
        BatonConfig.ServerConfig server = baton.config().server();
        return server == null ? null : server.agentic();
    }

    ChatResponse answer(ModelTarget target, ChatRequest request) {
        String task = request.lastUserText();
        if (task.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "model '" + target.requested()
                    + "' serves a conversation turn, and the conversation has no user message");
        }
        RunResult result;
        try {
            result = baton.ensembles().run(target.ensembleName(), turn(request, task).toString(),
                    GatewayCalls.runOptions(request), event -> { }).await();
        } catch (EnsembleNotFoundException e) {
            throw BatonException.builder(ErrorCode.NOT_FOUND, "model '" + target.requested() + "' runs serving ensemble '"
                    + target.ensembleName() + "', which does not exist")
                    .suggestion("set server.agentic.ensemble to one of: baton ensembles list").build();
        }
        String deliverable = result.deliverableOutput();
        if (deliverable == null) {
            throw BatonException.builder(ErrorCode.AGENT_FAILURE, "serving ensemble '" + target.ensembleName() + "' run "
                    + result.runId() + " ended " + result.status().wire() + " without a deliverable")
                    .suggestion("see the run's artifacts: baton artifacts show " + result.runId()).build();
        }
        ServingOutcome outcome = ServingOutcome.of(deliverable, target.ensembleName(), result.runId());
        Duration took = result.totals().duration();
        return new ChatResponse(outcome.text(), outcome.toolCalls(),
                outcome.toolCalls().isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS, result.totals().usage(),
                "baton", target.requested(), target.requested(), result.runId(), null,
                took == null ? Duration.ZERO : took, null, List.of());
    }

    /** The serving ensemble's input for one turn. */
    static ObjectNode turn(ChatRequest request, String task) {
        ObjectNode turn = JSON.createObjectNode().put("task", task);
        StringBuilder context = new StringBuilder();
        List<Message> messages = request.messages();
        int last = lastUser(messages);
        var all = turn.putArray("messages");
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            ObjectNode o = all.addObject().put("role", role(m.role())).put("content", m.text());
            if (m.hasToolCalls()) {
                var calls = o.putArray("tool_calls");
                for (ToolCall c : m.toolCalls()) {
                    calls.addObject().put("id", c.id()).put("name", c.name()).set("arguments", arguments(c));
                }
            }
            if (m.toolCallId() != null) o.put("tool_call_id", m.toolCallId());
            if (i != last && m.role() != Role.SYSTEM) line(context, m);
        }
        turn.put("context", context.toString().strip());
        return turn;
    }

    private static int lastUser(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) if (messages.get(i).role() == Role.USER) return i;
        return -1;
    }

    /** One turn of the context, with a client's write shown as the header llm-orc's serving scripts read. */
    private static void line(StringBuilder context, Message m) {
        if (!m.text().isBlank()) context.append(role(m.role())).append(": ").append(m.text().strip()).append('\n');
        for (ToolCall c : m.toolCalls()) {
            JsonNode args = arguments(c);
            String path = args.path("filePath").asString(args.path("path").asString(""));
            if (c.name().equals(ServingOutcome.WRITE) && !path.isEmpty()) {
                context.append("assistant: [wrote ").append(path).append("]\n");
            } else {
                context.append("assistant: [").append(c.name()).append(' ').append(args).append("]\n");
            }
        }
    }

    private static JsonNode arguments(ToolCall c) {
        try {
            return JSON.readTree(c.argumentsJson());
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().stringNode(c.argumentsJson());
        }
    }

    private static String role(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.baton.server.api.internal;

import dev.baton.tool.Approver;
import dev.baton.tool.ToolApproval;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool approval as the API shows it, snake_case: in {@code /api/v1/approvals} answers and in the
 * {@code tool_approval_requested} / {@code tool_approval_decided} events of its run's stream. The
 * arguments are the redacted ones the audit log keeps, as JSON; the owner's key id is left out.
 */
final class ApprovalJson {

    static final String REQUESTED = "tool_approval_requested";
    static final String DECIDED = "tool_approval_decided";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApprovalJson() {
    }

    /** The whole approval: what is asked, and how it was decided once it is. */
    static ObjectNode of(ToolApproval a) {
        ObjectNode o = F.objectNode().put("approval_id", a.id()).put("run_id", a.runId()).put("agent", a.agent())
                .put("tool", a.tool()).put("category", a.category().id());
        o.set("arguments", arguments(a.arguments()));
        o.put("why", a.why()).put("status", a.status().wire()).put("created_at", a.createdAt().toString())
                .put("expires_at", a.expiresAt().toString());
        decision(o, a);
        return o;
    }

    /** The data of a {@code tool_approval_requested} event. */
    static ObjectNode requested(ToolApproval a) {
        ObjectNode o = F.objectNode().put("type", REQUESTED).put("run_id", a.runId()).put("at", a.createdAt().toString())
                .put("approval_id", a.id()).put("agent", a.agent()).put("tool", a.tool()).put("category", a.category().id());
        o.set("arguments", arguments(a.arguments()));
        return o.put("why", a.why()).put("expires_at", a.expiresAt().toString());
    }

    /** The data of a {@code tool_approval_decided} event. */
    static ObjectNode decided(ToolApproval a) {
        ObjectNode o = F.objectNode().put("type", DECIDED).put("run_id", a.runId())
                .put("at", (a.decidedAt() == null ? a.createdAt() : a.decidedAt()).toString())
                .put("approval_id", a.id()).put("agent", a.agent()).put("tool", a.tool()).put("status", a.status().wire());
        Approver.Decision d = a.decision();
        if (d != null) o.put("decided_by", d.decidedBy()).put("reason", d.reason());
        return o;
    }

    private static void decision(ObjectNode o, ToolApproval a) {
        Approver.Decision d = a.decision();
        if (d == null) {
            o.putNull("decided_by").putNull("decided_at").putNull("reason");
            return;
        }
        o.put("decided_by", d.decidedBy()).put("decided_at", a.decidedAt() == null ? null : a.decidedAt().toString())
                .put("reason", d.reason());
    }

    /** The redacted arguments as JSON (the invoker always records JSON text; anything else stays a string). */
    private static JsonNode arguments(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return F.stringNode(text);
        }
    }
}

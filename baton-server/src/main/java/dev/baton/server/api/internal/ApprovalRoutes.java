package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.Caller;
import dev.baton.tool.ToolApproval;
import dev.baton.tool.ToolApprovals;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Objects;

/**
 * {@code /api/v1/approvals}: the tool calls of the caller's runs that wait for a person, and
 * approving or denying one. A caller sees and decides only approvals of runs its own key started
 * (every approval on a server without authentication); any other id is 404, as an unknown one is.
 * Deciding one already decided is 409. The decision reaches the waiting call at once, and the
 * tools audit log records the caller's key id as who decided ({@code key:ID}).
 */
public final class ApprovalRoutes {

    static final int MAX_REASON = 2000;
    /** How the audit log names a decider on a server without authentication. */
    static final String ANONYMOUS_DECIDER = "api";

    private final ToolApprovals approvals;

    public ApprovalRoutes(ToolApprovals approvals) {
        this.approvals = approvals;
    }

    public void mount(ApiRouter router) {
        router.get("/api/v1/approvals", this::list)
                .post("/api/v1/approvals/{id}/approve", this::approve)
                .post("/api/v1/approvals/{id}/deny", this::deny);
    }

    private void list(ApiCall call) throws IOException {
        String keyId = call.caller().keyId();
        String run = call.query("run");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var rows = out.putArray("approvals");
        for (ToolApproval a : approvals.pending()) {
            if (visible(a, keyId) && (run == null || run.equals(a.runId()))) rows.add(ApprovalJson.of(a));
        }
        call.send(200, out);
    }

    private void approve(ApiCall call) throws IOException {
        call.onlyFields();
        ToolApproval a = visible(call);
        call.send(200, ApprovalJson.of(approvals.approve(a.id(), decider(call.caller()))));
    }

    private void deny(ApiCall call) throws IOException {
        call.onlyFields("reason");
        String reason = call.string("reason", false);
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiCall.invalid("field 'reason' must be at most " + MAX_REASON + " characters, not " + reason.length());
        }
        ToolApproval a = visible(call);
        call.send(200, ApprovalJson.of(approvals.deny(a.id(), decider(call.caller()), reason == null ? "" : reason.strip())));
    }

    /** The approval of the path if the caller may see it; NOT_FOUND otherwise, unknown or not (an id proves nothing). */
    private ToolApproval visible(ApiCall call) {
        String id = call.param("id");
        return approvals.find(id).filter(a -> visible(a, call.caller().keyId())).orElseThrow(() ->
                BatonException.builder(ErrorCode.NOT_FOUND, "no tool approval '" + id + "' for this key")
                        .suggestion("list the pending ones of your runs: GET /api/v1/approvals").build());
    }

    private static boolean visible(ToolApproval a, @Nullable String keyId) {
        return keyId == null || a.owner() == null || Objects.equals(a.owner(), keyId);
    }

    /** Who decided, as the audit log records it: the caller's key id, never its secret. */
    static String decider(Caller caller) {
        return caller.keyId() == null ? ANONYMOUS_DECIDER : "key:" + caller.keyId();
    }
}

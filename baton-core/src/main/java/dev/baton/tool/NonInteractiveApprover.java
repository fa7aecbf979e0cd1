package dev.baton.tool;

/**
 * The approver of a run nobody can answer (no terminal, {@code -o json}, CI, a server): denies
 * every call the policy leaves to a person, and says what would allow it, so the model and the
 * audit log carry the remedy.
 */
public final class NonInteractiveApprover implements Approver {

    /** How the audit log names this approver. */
    public static final String DECIDED_BY = "non-interactive";

    @Override
    public Decision decide(Request request) {
        return Decision.deny(DECIDED_BY, "tool '" + request.tool() + "' (" + request.category().id()
                + ") needs approval and this run is not interactive; to allow it without asking, set "
                + "`tools: {mode: trust, allow: [" + request.tool() + "]}` in config.yaml, or run in a terminal to approve it");
    }
}

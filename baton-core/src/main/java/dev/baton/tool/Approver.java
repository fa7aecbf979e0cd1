package dev.baton.tool;

/**
 * Decides a tool call the permission policy will not decide alone. The CLI asks on the terminal;
 * a non-interactive run denies and says which flag or configuration key would allow the call.
 * Implementations may block (a person is answering) and must be thread-safe.
 */
public interface Approver {

    /** Decides {@code request}. */
    Decision decide(Request request);

    /**
     * What is asked: which run and agent want to call which tool with which (redacted) arguments,
     * and why the permissions leave it to a person ({@code why}; empty when not known).
     */
    record Request(String runId, String agent, String tool, ToolCategory category, String arguments, String why) {

        /** A request that does not say why it needs approval. */
        public Request(String runId, String agent, String tool, ToolCategory category, String arguments) {
            this(runId, agent, tool, category, arguments, "");
        }
    }

    /** The answer, and who gave it (recorded in the audit log as {@code decidedBy}). */
    record Decision(Verdict verdict, String decidedBy, String reason) {
        public static Decision allow(String decidedBy) { return new Decision(Verdict.ALLOW, decidedBy, ""); }
        public static Decision allowAlways(String decidedBy) { return new Decision(Verdict.ALLOW_ALWAYS, decidedBy, ""); }
        public static Decision deny(String decidedBy, String reason) { return new Decision(Verdict.DENY, decidedBy, reason); }

        public boolean allowed() {
            return verdict != Verdict.DENY;
        }
    }

    /** Allow this call, allow this tool for the rest of the run, or deny. */
    enum Verdict { ALLOW, ALLOW_ALWAYS, DENY }
}

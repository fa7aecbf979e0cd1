package dev.baton.pipeline;

/**
 * The {@link dev.baton.llm.ChatRequest#metadata()} keys the pipeline reads. They label a call
 * for routing, budgets and the usage ledger and are never sent to a provider.
 */
public final class CallMetadata {

    /** The run the call belongs to (budgets of scope or period RUN, ledger). */
    public static final String RUN_ID = "run_id";
    /** The agent making the call (ledger). */
    public static final String AGENT = "agent";
    /** The conversation session (ledger). */
    public static final String SESSION = "session";
    /** The task type the router maps to a profile, for example {@code plan} or {@code code}. */
    public static final String TASK_TYPE = "task_type";
    /**
     * The id of the Baton API key the call was made with (the HTTP server sets it from the
     * caller): budgets of scope {@code api_key} and the ledger's {@code api_key} column.
     */
    public static final String API_KEY = "api_key";
    /** A per-call override of the routed profile: a profile name or an alias. */
    public static final String PROFILE = "profile";

    private CallMetadata() {
    }
}

package dev.baton.tool;

/**
 * The tool service a {@code Baton} hands out to every face: the registry, configuration's
 * permissions and the sandbox, and invokers bound to one run and agent.
 */
public interface Tools {

    /** Every tool available. */
    ToolRegistry registry();

    /** Configuration's permissions ({@code tools:} in config.yaml), the widest layer. */
    ToolPermissions permissions();

    /** The workspace sandbox every tool call runs in. */
    Sandbox sandbox();

    /** The audit log every invoker writes to (one that keeps nothing unless a store is wired). */
    default AuditLog audit() {
        return AuditLog.NONE;
    }

    /**
     * An invoker for one caller: {@code available} (the only tools it may call; any other name
     * is an {@code UNKNOWN_TOOL} result), {@code permissions} (configuration's, possibly
     * narrowed), {@code approver} for calls they leave to a person, {@code listener} for events.
     * Calls are audited.
     */
    ToolInvoker invoker(java.util.List<Tool> available, ToolPermissions permissions, Approver approver,
                        ToolListener listener);

    /**
     * The tool loop a face runs one prompt through: {@code model} (a pipeline model, so every
     * round is a pipeline call) offered {@code offered}, under configuration's permissions, with
     * {@code approver} and {@code listener}, for at most {@code maxToolRounds} rounds of tool calls.
     */
    default ToolLoop loop(dev.baton.llm.ChatModel model, java.util.List<Tool> offered, Approver approver,
                          ToolListener listener, int maxToolRounds) {
        return loop(model, offered, permissions(), approver, listener, maxToolRounds);
    }

    /** As {@link #loop(dev.baton.llm.ChatModel, java.util.List, Approver, ToolListener, int)}, under {@code permissions} (e.g. narrowed by a session's mode). */
    default ToolLoop loop(dev.baton.llm.ChatModel model, java.util.List<Tool> offered, ToolPermissions permissions,
                          Approver approver, ToolListener listener, int maxToolRounds) {
        return new ToolLoop(model, invoker(offered, permissions, approver, listener), offered, maxToolRounds);
    }
}

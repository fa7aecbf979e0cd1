package dev.baton.ensemble.service.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.tool.Approver;
import dev.baton.tool.AuditLog;
import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.Tools;

import java.util.List;
import java.util.function.Supplier;

/**
 * The tool service, built only when an agent first uses it: a run of an ensemble without tools
 * opens no tool registry, sandbox or audit log, and a broken {@code tools:} configuration fails
 * only the agents that use tools.
 */
final class LazyTools implements Tools {

    private final Supplier<Tools> factory;

    LazyTools(Supplier<Tools> factory) {
        this.factory = factory;
    }

    private Tools tools() {
        Tools t = factory.get();
        if (t == null) throw new BatonException(ErrorCode.CONFIGURATION, "no tool service is configured");
        return t;
    }

    @Override
    public ToolRegistry registry() {
        return tools().registry();
    }

    @Override
    public ToolPermissions permissions() {
        return tools().permissions();
    }

    @Override
    public Sandbox sandbox() {
        return tools().sandbox();
    }

    @Override
    public AuditLog audit() {
        return tools().audit();
    }

    @Override
    public ToolInvoker invoker(List<Tool> available, ToolPermissions permissions, Approver approver, ToolListener listener) {
        return tools().invoker(available, permissions, approver, listener);
    }
}

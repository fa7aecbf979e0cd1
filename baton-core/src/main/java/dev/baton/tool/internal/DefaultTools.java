package dev.baton.tool.internal;

import dev.baton.tool.Approver;
import dev.baton.tool.AuditLog;
import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.Tools;

import java.time.Clock;
import java.util.List;

/**
 * The tool service of one {@code Baton}: its registry, configuration's permissions, the sandbox,
 * the audit log, and one schema cache shared by every invoker it hands out. Closing it closes the
 * registry's sources and the audit log (after storing what is queued).
 */
public final class DefaultTools implements Tools, AutoCloseable {

    private final ToolRegistry registry;
    private final ToolPermissions permissions;
    private final Sandbox sandbox;
    private final AuditLog audit;
    private final Clock clock;
    private final ArgumentValidator validator = new ArgumentValidator();

    public DefaultTools(ToolRegistry registry, ToolPermissions permissions, Sandbox sandbox, AuditLog audit, Clock clock) {
        this.registry = registry;
        this.permissions = permissions;
        this.sandbox = sandbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ToolRegistry registry() {
        return registry;
    }

    @Override
    public ToolPermissions permissions() {
        return permissions;
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public ToolInvoker invoker(List<Tool> available, ToolPermissions permissions, Approver approver, ToolListener listener) {
        return new DefaultToolInvoker(available, permissions, approver, listener, audit, validator, clock);
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            audit.close();
        }
    }
}

package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.agent.AgentTools;
import dev.baton.ensemble.run.AgentToolCall;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ToolCall;
import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolGlob;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolLoop;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.Tools;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Makes the {@link AgentTools} of one LLM agent in one run: resolves its {@code tools:} in the
 * registry (this may start the MCP servers it names; validation never does), layers the
 * permissions (configuration, then the ensemble's {@code tool_permissions}, then the agent's,
 * so the agent can only narrow), and builds invokers with the run's approver whose listener
 * turns each call into run events and a record for the agent's result.
 */
final class AgentToolSetup {

    private AgentToolSetup() {
    }

    /**
     * The agent's tools. Throws a {@code CONFIGURATION} {@link BatonException} when the run has no
     * tool service, or a name or glob of {@code tools:} matches no tool now (an unknown tool of a
     * started MCP server, a server that does not start).
     */
    static AgentTools of(RunExecution run, AgentSpec agent, Recorder record) {
        Tools service = run.engine().options().tools();
        if (service == null) {
            throw configuration(agent, "this engine has no tool service (EngineOptions.tools), so tools cannot run");
        }
        List<Tool> tools = resolve(service.registry(), agent);
        ToolPermissions permissions = permissions(service.permissions(), run.spec(), agent);
        int rounds = agent.maxToolRounds() != null ? agent.maxToolRounds() : ToolLoop.DEFAULT_MAX_TOOL_ROUNDS;
        Sandbox sandbox = service.sandbox();
        return new AgentTools() {
            @Override
            public List<Tool> tools() {
                return tools;
            }

            @Override
            public int maxToolRounds() {
                return rounds;
            }

            @Override
            public Sandbox sandbox() {
                return sandbox;
            }

            @Override
            public ToolInvoker invoker(IntSupplier round, ToIntFunction<String> position) {
                return service.invoker(tools, permissions, run.approver(), new ToolListener() {
                    @Override
                    public void toolCallStarted(ToolContext context, ToolCall call) {
                        run.toolCallStarted(agent.name(), call.id(), call.name());
                    }

                    @Override
                    public void toolCallFinished(ToolContext context, ToolCallRecord done) {
                        AgentToolCall call = new AgentToolCall(Math.max(1, round.getAsInt()), done);
                        record.accept(call, done.callId() == null ? -1 : position.applyAsInt(done.callId()));
                        run.toolCallFinished(agent.name(), call);
                    }
                });
            }
        };
    }

    /** Receives each finished call with its position in the model's answer (-1: unknown). */
    @FunctionalInterface
    interface Recorder {
        void accept(AgentToolCall call, int position);
    }

    /** Configuration's permissions narrowed by the ensemble's, then the agent's. */
    static ToolPermissions permissions(ToolPermissions config, EnsembleSpec spec, AgentSpec agent) {
        ToolPermissions p = config;
        if (spec.toolPermissions() != null) p = p.narrowedBy(spec.toolPermissions());
        if (agent.toolPermissions() != null) p = p.narrowedBy(agent.toolPermissions());
        return p;
    }

    private static List<Tool> resolve(ToolRegistry registry, AgentSpec agent) {
        List<ToolRegistry.Entry> entries;
        try {
            entries = registry.resolve(agent.tools());
        } catch (BatonException e) {
            throw configuration(agent, e.getMessage());
        }
        for (String pattern : agent.tools()) {
            if (ToolGlob.isGlob(pattern) && entries.stream().noneMatch(e -> ToolGlob.matches(pattern, e.tool().name()))) {
                Map<String, String> down = registry.unavailable();
                throw configuration(agent, "tool pattern '" + pattern + "' matches no tool"
                        + (down.isEmpty() ? "" : "; not available now: " + down.entrySet().stream()
                                .map(d -> d.getKey() + " (" + d.getValue() + ")").collect(Collectors.joining(", "))));
            }
        }
        return entries.stream().map(ToolRegistry.Entry::tool).toList();
    }

    private static BatonException configuration(AgentSpec agent, String message) {
        return BatonException.builder(ErrorCode.CONFIGURATION, "agent '" + agent.name() + "': tools: " + message)
                .retriable(false)
                .suggestion("`baton tools list` shows the tools available; fix the agent's 'tools:' or the "
                        + "`mcp_servers:` entry it names")
                .build();
    }
}

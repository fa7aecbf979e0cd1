package dev.baton.cli;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.llm.Usage;
import dev.baton.tool.ToolCallRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one run as its events arrive: each agent's state, start and end, tokens and cost
 * (growing with every model call while it runs) and its tool calls. A {@link RunListener}; {@link #snapshot()} gives
 * a consistent copy for drawing. Thread-safe.
 */
final class RunProgress implements RunListener {

    /** Where an agent is; the terminal states mirror the engine's agent statuses. */
    enum State {
        PENDING, RUNNING, COMPLETED, FAILED, SKIPPED, CANCELLED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean settled() {
            return this != PENDING && this != RUNNING;
        }
    }

    /** One agent as drawn: {@code note} is an error or skip reason, or null; {@code toolCalls} in the order they began. */
    record AgentState(String name, List<String> dependsOn, State state, Instant startedAt, Instant finishedAt,
                      long tokens, BigDecimal costUsd, String note, List<ToolCallState> toolCalls) {

        AgentState(String name, List<String> dependsOn, State state, Instant startedAt, Instant finishedAt,
                   long tokens, BigDecimal costUsd, String note) {
            this(name, dependsOn, state, startedAt, finishedAt, tokens, costUsd, note, List.of());
        }

        AgentState {
            toolCalls = List.copyOf(toolCalls);
        }

        AgentState withToolCalls(List<ToolCallState> calls) {
            return new AgentState(name, dependsOn, state, startedAt, finishedAt, tokens, costUsd, note, calls);
        }
    }

    /**
     * One tool call of an agent as drawn: the tool, its redacted arguments (null while it runs:
     * they are recorded when it ends), and how it ended ({@code outcome} null while running).
     */
    record ToolCallState(String callId, String tool, String arguments, String outcome, Duration duration) {

        boolean running() {
            return outcome == null;
        }
    }

    /** The whole run as drawn; {@code status} is null until the run completes. */
    record Snapshot(String ensemble, Instant startedAt, Instant finishedAt, String status, List<AgentState> agents) {

        long tokens() {
            return agents.stream().mapToLong(AgentState::tokens).sum();
        }

        BigDecimal costUsd() {
            BigDecimal sum = null;
            for (AgentState a : agents) if (a.costUsd() != null) sum = sum == null ? a.costUsd() : sum.add(a.costUsd());
            return sum;
        }

        long settled() {
            return agents.stream().filter(a -> a.state().settled()).count();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final String ensemble;
    private final Map<String, AgentState> agents = new LinkedHashMap<>();
    private Instant startedAt;
    private Instant finishedAt;
    private String status;

    RunProgress(EnsembleSpec spec) {
        this.ensemble = spec.name();
        for (AgentSpec a : spec.agents()) {
            agents.put(a.name(), new AgentState(a.name(), a.dependsOn(), State.PENDING, null, null, 0, null, null));
        }
    }

    @Override
    public void onEvent(RunEvent event) {
        lock.lock();
        try {
            apply(event);
        } finally {
            lock.unlock();
        }
    }

    private void apply(RunEvent event) {
        switch (event) {
            case RunEvent.RunStarted e -> startedAt = e.at();
            case RunEvent.AgentStarted e -> update(e.agent(), a -> new AgentState(a.name(), a.dependsOn(), State.RUNNING,
                    e.at(), null, a.tokens(), a.costUsd(), null, a.toolCalls()));
            case RunEvent.UsageRecorded e -> update(e.agent(), a -> withUsage(a, e.usage()));
            case RunEvent.AgentCompleted e -> settle(e.result(), State.COMPLETED);
            case RunEvent.AgentFailed e -> settle(e.result(), State.FAILED);
            case RunEvent.AgentSkipped e -> settle(e.result(), State.SKIPPED);
            case RunEvent.AgentCancelled e -> settle(e.result(), State.CANCELLED);
            case RunEvent.ToolCallStarted e -> update(e.agent(), a -> a.withToolCalls(append(a.toolCalls(),
                    new ToolCallState(e.callId(), e.tool(), null, null, null))));
            case RunEvent.ToolCallFinished e -> update(e.agent(), a -> a.withToolCalls(finish(a.toolCalls(), e.call().call())));
            case RunEvent.RunCompleted e -> {
                finishedAt = e.result().finishedAt();
                status = e.result().status().wire();
            }
        }
    }

    private static List<ToolCallState> append(List<ToolCallState> calls, ToolCallState call) {
        List<ToolCallState> out = new ArrayList<>(calls);
        out.add(call);
        return out;
    }

    /** The running call of that id (or of that tool, for a call without id) ends; a call never seen starting is added. */
    private static List<ToolCallState> finish(List<ToolCallState> calls, ToolCallRecord r) {
        ToolCallState done = new ToolCallState(r.callId(), r.tool(), r.arguments(),
                r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.duration());
        List<ToolCallState> out = new ArrayList<>(calls);
        for (int i = 0; i < out.size(); i++) {
            ToolCallState c = out.get(i);
            if (c.running() && c.tool().equals(r.tool()) && java.util.Objects.equals(c.callId(), r.callId())) {
                out.set(i, done);
                return out;
            }
        }
        out.add(done);
        return out;
    }

    private static AgentState withUsage(AgentState a, Usage u) {
        BigDecimal cost = u.costUsd() == null ? a.costUsd() : a.costUsd() == null ? u.costUsd() : a.costUsd().add(u.costUsd());
        return new AgentState(a.name(), a.dependsOn(), a.state(), a.startedAt(), a.finishedAt(),
                a.tokens() + u.totalTokens(), cost, a.note(), a.toolCalls());
    }

    private void settle(AgentResult r, State state) {
        String note = r.error() != null ? r.error().code() + ": " + r.error().message()
                : r.skipReason() != null ? r.skipReason()
                : r.hasFailedInstances() ? "some fan-out instances failed" : null;
        update(r.name(), a -> new AgentState(a.name(), a.dependsOn(), state,
                r.startedAt() != null ? r.startedAt() : a.startedAt(), r.finishedAt(),
                Math.max(a.tokens(), r.usage().totalTokens()), r.costUsd() != null ? r.costUsd() : a.costUsd(), note,
                a.toolCalls()));
    }

    private void update(String agent, java.util.function.UnaryOperator<AgentState> change) {
        AgentState a = agents.get(agent);
        if (a != null) agents.put(agent, change.apply(a));
    }

    Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(ensemble, startedAt, finishedAt, status, new ArrayList<>(agents.values()));
        } finally {
            lock.unlock();
        }
    }
}

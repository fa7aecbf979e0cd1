package dev.baton.cli;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.llm.Usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one run as its events arrive: each agent's state, start and end, tokens and cost
 * (growing with every model call while it runs). A {@link RunListener}; {@link #snapshot()} gives
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

    /** One agent as drawn: {@code note} is an error or skip reason, or null. */
    record AgentState(String name, List<String> dependsOn, State state, Instant startedAt, Instant finishedAt,
                      long tokens, BigDecimal costUsd, String note) {
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
                    e.at(), null, a.tokens(), a.costUsd(), null));
            case RunEvent.UsageRecorded e -> update(e.agent(), a -> withUsage(a, e.usage()));
            case RunEvent.AgentCompleted e -> settle(e.result(), State.COMPLETED);
            case RunEvent.AgentFailed e -> settle(e.result(), State.FAILED);
            case RunEvent.AgentSkipped e -> settle(e.result(), State.SKIPPED);
            case RunEvent.AgentCancelled e -> settle(e.result(), State.CANCELLED);
            case RunEvent.RunCompleted e -> {
                finishedAt = e.result().finishedAt();
                status = e.result().status().wire();
            }
        }
    }

    private static AgentState withUsage(AgentState a, Usage u) {
        BigDecimal cost = u.costUsd() == null ? a.costUsd() : a.costUsd() == null ? u.costUsd() : a.costUsd().add(u.costUsd());
        return new AgentState(a.name(), a.dependsOn(), a.state(), a.startedAt(), a.finishedAt(),
                a.tokens() + u.totalTokens(), cost, a.note());
    }

    private void settle(AgentResult r, State state) {
        String note = r.error() != null ? r.error().code() + ": " + r.error().message()
                : r.skipReason() != null ? r.skipReason()
                : r.hasFailedInstances() ? "some fan-out instances failed" : null;
        update(r.name(), a -> new AgentState(a.name(), a.dependsOn(), state,
                r.startedAt() != null ? r.startedAt() : a.startedAt(), r.finishedAt(),
                Math.max(a.tokens(), r.usage().totalTokens()), r.costUsd() != null ? r.costUsd() : a.costUsd(), note));
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

package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.pipeline.DeploymentStatus.CircuitState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The circuit breaker of one deployment. The closed, failure-free state is read without a lock
 * (a volatile flag), so healthy deployments cost one volatile read per call.
 */
final class Circuit {

    /** How a call was let through: normally, or as the one trial call of a half-open circuit. */
    enum Admission { NORMAL, TRIAL }

    private final String deployment;
    private final CooldownPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Instant> failures = new ArrayDeque<>();
    private volatile boolean healthy = true;
    private CircuitState state = CircuitState.CLOSED;
    private Instant openUntil;
    private boolean trialInFlight;
    private ErrorCode lastCode;
    private String lastMessage;
    private Instant lastFailureAt;

    Circuit(String deployment, CooldownPolicy policy) {
        this.deployment = deployment;
        this.policy = policy;
    }

    /** Lets a call through or returns null when the deployment must be skipped now. */
    Admission admit(Instant now) {
        if (healthy) return Admission.NORMAL;
        lock.lock();
        try {
            return switch (state) {
                case CLOSED -> {
                    Instant horizon = now.minus(policy.window());
                    while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) failures.removeFirst();
                    if (failures.isEmpty()) healthy = true;
                    yield Admission.NORMAL;
                }
                case OPEN -> {
                    if (now.isBefore(openUntil)) yield null;
                    state = CircuitState.HALF_OPEN;
                    trialInFlight = true;
                    yield Admission.TRIAL;
                }
                case HALF_OPEN -> {
                    if (trialInFlight) yield null;
                    trialInFlight = true;
                    yield Admission.TRIAL;
                }
            };
        } finally {
            lock.unlock();
        }
    }

    void onSuccess(Admission admission) {
        if (admission != Admission.TRIAL) return;
        lock.lock();
        try {
            state = CircuitState.CLOSED;
            trialInFlight = false;
            openUntil = null;
            failures.clear();
            healthy = true;
        } finally {
            lock.unlock();
        }
    }

    void onFailure(Admission admission, BatonException failure, Instant now) {
        lock.lock();
        try {
            healthy = false;
            lastCode = failure.code();
            lastMessage = failure.getMessage();
            lastFailureAt = now;
            failures.addLast(now);
            Instant horizon = now.minus(policy.window());
            while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) failures.removeFirst();
            if (admission == Admission.TRIAL || (state == CircuitState.CLOSED && failures.size() >= policy.failureThreshold())) {
                open(failure, now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A trial call that ended without a verdict (cancelled): the next caller gets the trial. */
    void onAbandon(Admission admission) {
        if (admission != Admission.TRIAL) return;
        lock.lock();
        try {
            trialInFlight = false;
        } finally {
            lock.unlock();
        }
    }

    private void open(BatonException failure, Instant now) {
        Duration pause = failure.retryAfter()
                .map(d -> d.compareTo(policy.maxCoolDown()) > 0 ? policy.maxCoolDown() : d)
                .filter(d -> d.compareTo(policy.coolDown()) > 0)
                .orElse(policy.coolDown());
        state = CircuitState.OPEN;
        openUntil = now.plus(pause);
        trialInFlight = false;
    }

    DeploymentStatus status(Instant now) {
        lock.lock();
        try {
            Instant horizon = now.minus(policy.window());
            int recent = (int) failures.stream().filter(t -> !t.isBefore(horizon)).count();
            CircuitState shown = state == CircuitState.OPEN && !now.isBefore(openUntil) ? CircuitState.HALF_OPEN : state;
            return new DeploymentStatus(deployment, shown, recent, state == CircuitState.OPEN ? openUntil : null,
                    lastCode, lastMessage, lastFailureAt);
        } finally {
            lock.unlock();
        }
    }

    void reset() {
        lock.lock();
        try {
            failures.clear();
            state = CircuitState.CLOSED;
            openUntil = null;
            trialInFlight = false;
            healthy = true;
        } finally {
            lock.unlock();
        }
    }
}

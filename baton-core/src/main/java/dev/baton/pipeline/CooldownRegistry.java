package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The circuit breakers of all deployments ({@code provider/model}) of one pipeline, shared by
 * every profile that calls the same deployment. Thread-safe. {@link #status()} is the public view
 * for {@code baton providers status}; {@link #reset(String)} closes a circuit by hand.
 */
public final class CooldownRegistry {

    private final CooldownPolicy policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, Circuit> circuits = new ConcurrentHashMap<>();

    public CooldownRegistry(CooldownPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CooldownPolicy policy() {
        return policy;
    }

    /** Every deployment called so far, by name. */
    public List<DeploymentStatus> status() {
        Instant now = clock.instant();
        return circuits.values().stream().map(c -> c.status(now))
                .sorted(Comparator.comparing(DeploymentStatus::deployment)).toList();
    }

    /** One deployment's state; empty if it was never called. */
    public Optional<DeploymentStatus> status(String deployment) {
        Circuit c = circuits.get(deployment);
        return c == null ? Optional.empty() : Optional.of(c.status(clock.instant()));
    }

    /** Closes the deployment's circuit and forgets its failures. */
    public void reset(String deployment) {
        Circuit c = circuits.get(deployment);
        if (c != null) c.reset();
    }

    Circuit circuit(String deployment) {
        return circuits.computeIfAbsent(deployment, d -> new Circuit(d, policy));
    }

    Instant now() {
        return clock.instant();
    }

    BatonException refusal(String deployment, ErrorContext context) {
        DeploymentStatus s = circuit(deployment).status(clock.instant());
        Duration wait = s.openUntil() == null ? Duration.ZERO : Duration.between(clock.instant(), s.openUntil());
        if (wait.isNegative()) wait = Duration.ZERO;
        String message = "deployment " + deployment + " is cooling down after " + s.recentFailures()
                + (s.recentFailures() == 1 ? " failure" : " failures") + " (last: " + s.lastErrorCode() + ")"
                + (s.openUntil() == null ? "; a trial call is in flight" : " until " + s.openUntil());
        return BatonException.builder(ErrorCode.MODEL_UNAVAILABLE, message)
                .reason(ErrorReason.OVERLOADED)
                .retriable(false)
                .retryAfter(wait)
                .context(context)
                .suggestion("Wait for the cool-down or configure a fallback profile; see `baton providers status`.")
                .build();
    }
}

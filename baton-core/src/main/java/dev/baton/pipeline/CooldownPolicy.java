package dev.baton.pipeline;

import java.time.Duration;

/**
 * When a deployment is taken out of rotation: after {@code failureThreshold} counted failures
 * within {@code window} it is skipped for {@code coolDown} (or for the provider's Retry-After,
 * at most {@code maxCoolDown}), then half-open: one trial call decides whether it closes again.
 */
public record CooldownPolicy(int failureThreshold, Duration window, Duration coolDown, Duration maxCoolDown) {

    /** 5 failures within 60 s open the circuit for 30 s; Retry-After honoured up to 5 min. */
    public static final CooldownPolicy DEFAULT = new CooldownPolicy(5, Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    public CooldownPolicy {
        if (failureThreshold < 1) throw new IllegalArgumentException("failureThreshold must be >= 1");
        if (window == null || window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        if (coolDown == null || coolDown.isNegative()) throw new IllegalArgumentException("coolDown must not be negative");
        if (maxCoolDown == null || maxCoolDown.compareTo(coolDown) < 0) maxCoolDown = coolDown;
    }
}

package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code worker:} section of {@code config.yaml} as written; every value is optional and a
 * command-line flag wins over it. {@code enabled}: whether {@code baton serve} runs a task worker
 * (default true; {@code --no-worker} turns it off); {@code threads}: tasks at once (1–256, default 4);
 * {@code replica}: the id in task history (1–50 characters, default host name and process id);
 * {@code poll_interval_seconds} (default 1), {@code heartbeat_seconds} (default 2) and
 * {@code shutdown_wait_seconds} (default 10): more than 0, at most 3600;
 * {@code missed_heartbeats}: after how many another worker takes a task over (4–100, default 5).
 */
public record WorkerConfig(
        @Nullable Boolean enabled,
        @Nullable Integer threads,
        @Nullable String replica,
        @JsonProperty("poll_interval_seconds") @Nullable Double pollIntervalSeconds,
        @JsonProperty("heartbeat_seconds") @Nullable Double heartbeatSeconds,
        @JsonProperty("missed_heartbeats") @Nullable Integer missedHeartbeats,
        @JsonProperty("shutdown_wait_seconds") @Nullable Double shutdownWaitSeconds) {

    public WorkerConfig {
        if (threads != null && (threads < 1 || threads > 256)) {
            throw new IllegalArgumentException("threads: " + threads + " is outside 1 to 256");
        }
        if (replica != null && (replica.isBlank() || replica.strip().length() > 50)) {
            throw new IllegalArgumentException("replica: expected 1 to 50 characters, got '" + replica + "'");
        }
        seconds("poll_interval_seconds", pollIntervalSeconds);
        seconds("heartbeat_seconds", heartbeatSeconds);
        seconds("shutdown_wait_seconds", shutdownWaitSeconds);
        if (missedHeartbeats != null && (missedHeartbeats < 4 || missedHeartbeats > 100)) {
            throw new IllegalArgumentException("missed_heartbeats: " + missedHeartbeats + " is outside 4 to 100");
        }
    }

    private static void seconds(String field, @Nullable Double value) {
        if (value != null && (!(value > 0) || value > 3600)) {
            throw new IllegalArgumentException(field + ": " + value + " must be more than 0 and at most 3600");
        }
    }

    /** Whether a server runs a worker: true unless {@code enabled: false}. */
    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }
}

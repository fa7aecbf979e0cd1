package dev.baton.task;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * How a worker runs (configuration {@code worker:}). {@code threads}: tasks run at once (default
 * 4); {@code pollInterval}: how often it looks for due tasks it was not told about (default 1 s;
 * tasks submitted on the same replica, and on PostgreSQL on any replica, start without waiting for
 * it); {@code heartbeatInterval}: how often it marks its running tasks alive (default 2 s);
 * {@code missedHeartbeats}: after this many missed heartbeats another worker takes a task over
 * (default 5, so about 10 s); {@code shutdownWait}: how long closing waits for running tasks
 * (default 10 s); {@code replica}: the id recorded in task history (null: host name and process id).
 */
public record WorkerSettings(int threads, Duration pollInterval, Duration heartbeatInterval, int missedHeartbeats,
                             Duration shutdownWait, @Nullable String replica) {

    public WorkerSettings {
        if (threads < 1) throw new IllegalArgumentException("worker threads must be at least 1, not " + threads);
        if (missedHeartbeats < 4) throw new IllegalArgumentException("worker missed_heartbeats must be at least 4 (db-scheduler's floor), not " + missedHeartbeats);
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(4, Duration.ofSeconds(1), Duration.ofSeconds(2), 5, Duration.ofSeconds(10), null);
    }

    /** The defaults with the values {@code config} sets ({@code worker:}); null: the defaults. */
    public static WorkerSettings of(dev.baton.config.@Nullable WorkerConfig config) {
        WorkerSettings s = defaults();
        if (config == null) return s;
        if (config.threads() != null) s = s.withThreads(config.threads());
        if (config.replica() != null) s = s.withReplica(config.replica().strip());
        if (config.pollIntervalSeconds() != null) s = s.withPollInterval(seconds(config.pollIntervalSeconds()));
        Duration heartbeat = config.heartbeatSeconds() == null ? s.heartbeatInterval() : seconds(config.heartbeatSeconds());
        int missed = config.missedHeartbeats() == null ? s.missedHeartbeats() : config.missedHeartbeats();
        s = s.withHeartbeat(heartbeat, missed);
        if (config.shutdownWaitSeconds() != null) {
            s = new WorkerSettings(s.threads, s.pollInterval, s.heartbeatInterval, s.missedHeartbeats,
                    seconds(config.shutdownWaitSeconds()), s.replica);
        }
        return s;
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(value * 1e9)));
    }

    public WorkerSettings withReplica(@Nullable String value) {
        return new WorkerSettings(threads, pollInterval, heartbeatInterval, missedHeartbeats, shutdownWait, value);
    }

    public WorkerSettings withThreads(int value) {
        return new WorkerSettings(value, pollInterval, heartbeatInterval, missedHeartbeats, shutdownWait, replica);
    }

    public WorkerSettings withHeartbeat(Duration interval, int missed) {
        return new WorkerSettings(threads, pollInterval, interval, missed, shutdownWait, replica);
    }

    public WorkerSettings withPollInterval(Duration value) {
        return new WorkerSettings(threads, value, heartbeatInterval, missedHeartbeats, shutdownWait, replica);
    }
}

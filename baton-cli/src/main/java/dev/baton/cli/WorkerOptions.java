package dev.baton.cli;

import dev.baton.task.WorkerSettings;
import picocli.CommandLine.Option;

/** The worker flags {@code baton worker} and {@code baton serve} share; unset ones keep the defaults of {@link WorkerSettings}. */
final class WorkerOptions {

    @Option(names = "--worker-threads", paramLabel = "N", description = "tasks this worker runs at once (default: worker.threads, else 4)")
    Integer threads;

    @Option(names = "--replica", paramLabel = "ID", description = "this worker's id in task history (default: worker.replica, else host name and process id; at most 50 characters)")
    String replica;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "how often to look for due tasks nobody announced (default: worker.poll_interval_seconds, else 1s)")
    String pollInterval;

    @Option(names = "--heartbeat", paramLabel = "DURATION", description = "how often running tasks are marked alive (default: worker.heartbeat_seconds, else 2s); "
            + "another worker takes a task over after worker.missed_heartbeats (default 5) missed heartbeats")
    String heartbeat;

    /** The defaults with the flags given. */
    WorkerSettings settings() {
        return settings(null);
    }

    /** {@code config}'s values ({@code worker:}; null: none) with the flags given winning. */
    WorkerSettings settings(dev.baton.config.WorkerConfig config) {
        WorkerSettings s = WorkerSettings.of(config);
        if (threads != null) {
            if (threads < 1) throw new UsageException("--worker-threads: must be at least 1, not " + threads);
            s = s.withThreads(threads);
        }
        if (replica != null) {
            if (replica.isBlank() || replica.length() > 50) {
                throw new UsageException("--replica: expected 1 to 50 characters, got '" + replica + "'");
            }
            s = s.withReplica(replica.strip());
        }
        if (pollInterval != null) s = s.withPollInterval(positive(pollInterval, "--poll-interval"));
        if (heartbeat != null) s = s.withHeartbeat(positive(heartbeat, "--heartbeat"), s.missedHeartbeats());
        return s;
    }

    private static java.time.Duration positive(String text, String option) {
        String t = text.strip();
        java.time.Duration d = t.endsWith("ms") ? millis(t, option) : Durations.parse(t, option);
        if (d.isZero()) throw new UsageException(option + ": must be more than 0");
        return d;
    }

    private static java.time.Duration millis(String t, String option) {
        try {
            return java.time.Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected a duration like 500ms, 2s or 1m, got '" + t + "'");
        }
    }
}

package dev.baton.cli;

import dev.baton.coordinator.CoordinatorEvent;
import dev.baton.coordinator.CoordinatorListener;
import dev.baton.coordinator.JobResult;
import dev.baton.coordinator.JobState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@code baton coordinate}'s live view shows: the request's phase and one line per job
 * (state, tool, time, cost), kept from the coordinator's events. Thread-safe.
 */
final class CoordinatorProgress implements CoordinatorListener {

    private record Job(String tool, JobState state, Instant since, JobResult result) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final boolean colour;
    private String phase = "planning";

    CoordinatorProgress(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void onEvent(CoordinatorEvent event) {
        lock.lock();
        try {
            switch (event) {
                case CoordinatorEvent.Planning p -> phase = "planning";
                case CoordinatorEvent.Planned p -> phase = p.plan().jobs().isEmpty() ? "answering directly" : "running jobs";
                case CoordinatorEvent.JobChanged c -> jobs.put(c.jobId(), new Job(c.tool(), c.state(), c.at(), c.result()));
                case CoordinatorEvent.Synthesizing s -> phase = "synthesising";
                case CoordinatorEvent.Completed c -> phase = c.response().status().wire();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The lines of the view at {@code now}. */
    List<String> render(Instant now) {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            out.add("coordinator: " + phase);
            for (Map.Entry<String, Job> e : jobs.entrySet()) {
                Job j = e.getValue();
                String time = j.result() != null ? seconds(j.result().duration())
                        : j.state() == JobState.RUNNING ? seconds(Duration.between(j.since(), now)) : "";
                String cost = j.result() != null ? "  $" + j.result().costUsd().toPlainString() : "";
                String partial = j.result() != null && j.result().partial() ? "  (partial)" : "";
                out.add("  " + mark(j.state()) + " " + e.getKey() + " " + j.tool() + "  " + j.state().wire()
                        + (time.isEmpty() ? "" : "  " + time) + cost + partial);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private String mark(JobState s) {
        String m = switch (s) {
            case QUEUED -> "·";
            case RUNNING -> "▶";
            case COMPLETED -> "✓";
            case FAILED -> "✗";
            case ABORTED -> "■";
        };
        if (!colour) return m;
        String c = switch (s) {
            case COMPLETED -> "32";
            case FAILED -> "31";
            case ABORTED -> "33";
            default -> "36";
        };
        return "\u001b[" + c + "m" + m + "\u001b[0m";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}

package dev.baton.cli;

import dev.baton.coordinator.CoordinatorEvent;
import dev.baton.coordinator.JobState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorProgressTest {

    @Test
    void the_live_view_shows_the_phase_and_each_jobs_state_as_events_arrive() {
        CoordinatorProgress progress = new CoordinatorProgress(false);
        Instant t0 = Instant.parse("2026-12-03T08:00:00Z");
        progress.onEvent(new CoordinatorEvent.JobChanged("r", t0, "job-1", "codebase_context", JobState.QUEUED, null));
        progress.onEvent(new CoordinatorEvent.JobChanged("r", t0, "job-2", "codebase_changelog", JobState.QUEUED, null));
        progress.onEvent(new CoordinatorEvent.JobChanged("r", t0, "job-1", "codebase_context", JobState.RUNNING, null));

        assertThat(progress.render(t0.plusMillis(1500))).containsExactly(
                "coordinator: planning",
                "  ▶ job-1 codebase_context  running  1.5s",
                "  · job-2 codebase_changelog  queued");
    }
}

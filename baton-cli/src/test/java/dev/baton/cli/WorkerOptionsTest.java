package dev.baton.cli;

import dev.baton.config.WorkerConfig;
import dev.baton.task.WorkerSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Worker flags win over {@code worker:}; what no flag sets comes from the configuration. */
class WorkerOptionsTest {

    @Test
    void givenConfigAndFlags_whenSettingsAreMade_thenFlagsWinAndConfigFillsTheRest() {
        WorkerConfig config = new WorkerConfig(true, 8, "from-config", 5.0, 3.0, 6, null);
        WorkerOptions flags = new WorkerOptions();
        flags.threads = 2;
        flags.pollInterval = "250ms";

        WorkerSettings s = flags.settings(config);

        assertThat(s.threads()).isEqualTo(2);
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.replica()).isEqualTo("from-config");
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.missedHeartbeats()).isEqualTo(6);
    }
}

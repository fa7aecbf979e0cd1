package dev.baton.task;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code worker:} section: read into {@link WorkerSettings}; bad values named by file, line and field. */
class WorkerConfigTest {

    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of()));
    private final Path file = Path.of("/p/.baton/config.yaml");

    @Test
    void givenAWorkerSection_whenRead_thenEverySettingItNamesIsUsedAndTheRestKeepTheirDefaults() {
        BatonConfig config = loader.parse("""
                worker:
                  enabled: false
                  threads: 8
                  replica: api-1
                  poll_interval_seconds: 0.5
                  heartbeat_seconds: 3
                  missed_heartbeats: 6
                """, file);

        assertThat(config.worker().enabledOrDefault()).isFalse();
        WorkerSettings s = WorkerSettings.of(config.worker());
        assertThat(s.threads()).isEqualTo(8);
        assertThat(s.replica()).isEqualTo("api-1");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.missedHeartbeats()).isEqualTo(6);
        assertThat(s.shutdownWait()).isEqualTo(WorkerSettings.defaults().shutdownWait());
    }

    @Test
    void givenNoWorkerSection_thenAServerRunsAWorkerWithTheDefaults() {
        BatonConfig config = loader.parse("store: {kind: sqlite}\n", file);

        assertThat(config.worker()).isNull();
        assertThat(WorkerSettings.of(config.worker())).isEqualTo(WorkerSettings.defaults());
    }

    @Test
    void givenABadValue_whenRead_thenTheErrorNamesTheFileTheLineAndTheField() {
        assertThatThrownBy(() -> loader.parse("worker:\n  enabled: true\n  threads: 0\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("config.yaml:3").hasMessageContaining("threads");
        assertThatThrownBy(() -> loader.parse("worker:\n  heartbeat_seconds: -1\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("config.yaml:2").hasMessageContaining("heartbeat_seconds");
        assertThatThrownBy(() -> loader.parse("worker:\n  threds: 2\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("config.yaml:2").hasMessageContaining("threds");
        assertThatThrownBy(() -> loader.parse("worker:\n  enabled: maybe\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("config.yaml:2").hasMessageContaining("enabled");
    }
}

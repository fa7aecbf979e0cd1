package dev.baton.config;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import dev.baton.tool.ToolPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code tools:} section: defaults, every key, and bad values reported with file, line and field. */
class ToolConfigParserTest {

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of("CAP", "2MiB")));

    @Test
    void without_a_tools_section_the_defaults_apply() {
        ToolSettings s = ToolConfigParser.settings(loader.parse("default_profile: offline\n", tmp.resolve("c.yaml")).tools(), tmp);

        assertThat(s.policy()).isEqualTo(ToolPolicy.DEFAULT);
        assertThat(s.workspace()).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(s.timeLimit()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.outputCapBytes()).isEqualTo(64 * 1024);
        assertThat(s.httpGet().enabled()).isFalse();
        assertThat(s.runCommandShell()).isFalse();
        assertThat(s.approvalTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void every_key_is_read() {
        BatonConfig c = loader.parse("""
                tools:
                  mode: trust
                  allow: [read_file, "fs.*"]
                  deny: [run_command]
                  workspace: src
                  time_limit: 500ms
                  output_cap: ${CAP}
                  http_get: {enabled: true, allow_hosts: [example.org, "*.github.com"], max_bytes: 100KB}
                  run_command: {shell: true}
                  approval_timeout: 90s
                """, tmp.resolve("c.yaml"));

        ToolSettings s = ToolConfigParser.settings(c.tools(), tmp);

        assertThat(s.policy()).isEqualTo(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("read_file", "fs.*"), List.of("run_command")));
        assertThat(s.workspace()).isEqualTo(tmp.toAbsolutePath().resolve("src"));
        assertThat(s.timeLimit()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.outputCapBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(s.httpGet()).isEqualTo(new ToolSettings.HttpGet(true, List.of("example.org", "*.github.com"), 100_000));
        assertThat(s.runCommandShell()).isTrue();
        assertThat(s.approvalTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void durations_and_sizes_accept_bare_numbers() {
        assertThat(ToolConfigParser.duration("time_limit", "45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(ToolConfigParser.duration("time_limit", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ToolConfigParser.size("output_cap", "4096")).isEqualTo(4096);
        assertThat(ToolConfigParser.size("output_cap", "64KiB")).isEqualTo(65536);
    }

    @Test
    void a_project_tier_tools_section_replaces_the_users() {
        BatonConfig user = loader.parse("tools: {mode: trust, allow: [x]}\n", tmp.resolve("u.yaml"));
        BatonConfig project = loader.parse("tools: {deny: [y]}\n", tmp.resolve("p.yaml"));

        assertThat(user.overrideWith(project).tools().deny()).containsExactly("y");
        assertThat(user.overrideWith(BatonConfig.EMPTY).tools().allow()).containsExactly("x");
    }

    @Test
    void a_bad_mode_names_file_line_and_field() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                default_profile: offline
                tools:
                  mode: yolo
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("tools")
                .hasMessageContaining("mode: expected manual or trust, got 'yolo'");
    }

    @Test
    void bad_sizes_durations_and_patterns_name_the_field() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("tools:\n  output_cap: lots\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file + ":").hasMessageContaining("output_cap");
        assertThatThrownBy(() -> loader.parse("tools:\n  time_limit: 0s\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("time_limit: must be at least 1ms");
        assertThatThrownBy(() -> loader.parse("tools:\n  approval_timeout: soon\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file + ":").hasMessageContaining("approval_timeout");
        assertThatThrownBy(() -> loader.parse("tools:\n  allow: [\"rm -rf\"]\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allow[0]");
        assertThatThrownBy(() -> loader.parse("tools:\n  http_get: {max_bytes: -1}\n", file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tools.http_get").hasMessageContaining("max_bytes");
    }

    @Test
    void an_unknown_key_under_tools_is_refused_with_the_known_ones() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("tools:\n  mdoe: trust\n", file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2")
                .hasMessageContaining("unknown key 'mdoe'")
                .hasMessageContaining("mode");
    }
}

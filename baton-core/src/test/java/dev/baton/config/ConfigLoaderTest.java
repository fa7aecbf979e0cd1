package dev.baton.config;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of("KEY", "sk-abc", "HOST", "example.org")));

    @Test
    void reads_providers_profiles_aliases_and_routing_with_env_expansion() {
        BatonConfig c = loader.parse("""
                providers:
                  groq:
                    kind: openai
                    base_url: https://${HOST}/v1
                    api_key: ${KEY}
                profiles:
                  fast:
                    provider: groq
                    model: llama-3.1-8b
                    temperature: 0.1
                    fallback: slow
                  slow:
                    provider: groq
                    model: big
                    timeout_seconds: ${UNSET:-30}
                aliases: {quick: fast}
                routing:
                  plan: [slow, fast]
                """, tmp.resolve("c.yaml"));

        assertThat(c.providers().get("groq").baseUrl()).isEqualTo("https://example.org/v1");
        assertThat(c.providers().get("groq").apiKey()).isEqualTo("sk-abc");
        assertThat(c.profiles().get("fast").fallback()).containsExactly("slow");
        assertThat(c.profiles().get("slow").timeoutSeconds()).isEqualTo(30.0);
        assertThat(c.aliases()).containsEntry("quick", "fast");
        assertThat(c.routing().get("plan")).containsExactly("slow", "fast");
    }

    @Test
    void an_unknown_key_names_file_line_and_field() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                profiles:
                  fast:
                    provider: openai
                    modle: gpt-4o
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":4")
                .hasMessageContaining("unknown key 'modle'")
                .hasMessageContaining("profiles.fast")
                .hasMessageContaining("model");
    }

    @Test
    void a_wrong_type_names_file_line_and_field() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                profiles:
                  fast:
                    provider: openai
                    model: gpt-4o
                    max_tokens: lots
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":5")
                .hasMessageContaining("max_tokens");
    }

    @Test
    void a_negative_profile_price_names_file_line_and_field() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                profiles:
                  fast:
                    provider: openai
                    model: gpt-4o
                    prices:
                      input: 1.5
                      output: -2
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("profiles.fast.prices")
                .hasMessageContaining("prices.output must not be negative (was -2.0)");
    }

    @Test
    void project_tier_overrides_user_tier() throws Exception {
        Path home = tmp.resolve("home");
        Path project = tmp.resolve("proj");
        Files.createDirectories(home.resolve(".config/baton"));
        Files.createDirectories(project.resolve(".baton"));
        Files.createDirectories(project.resolve("sub/dir"));
        Files.writeString(home.resolve(".config/baton/config.yaml"), """
                default_profile: a
                profiles:
                  a: {provider: openai, model: user-a}
                  b: {provider: openai, model: user-b}
                """);
        Files.writeString(project.resolve(".baton/config.yaml"), """
                profiles:
                  a: {provider: openai, model: project-a}
                """);
        BatonPaths paths = BatonPaths.discover(project.resolve("sub/dir"), Map.of("HOME", home.toString()));

        BatonConfig c = loader.load(paths);

        assertThat(paths.projectDir()).contains(project.resolve(".baton"));
        assertThat(c.defaultProfile()).isEqualTo("a");
        assertThat(c.profiles().get("a").model()).isEqualTo("project-a");
        assertThat(c.profiles().get("b").model()).isEqualTo("user-b");
    }

    @Test
    void xdg_and_baton_homes_are_honoured() {
        BatonPaths p = BatonPaths.discover(tmp, Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/xc", "XDG_DATA_HOME", "/xd"));
        assertThat(p.userConfigDir()).isEqualTo(Path.of("/xc/baton"));
        assertThat(p.database()).isEqualTo(Path.of("/xd/baton/baton.db"));
        BatonPaths q = BatonPaths.discover(tmp, Map.of("HOME", "/h", "BATON_CONFIG_HOME", "/bc", "BATON_DATA_HOME", "/bd"));
        assertThat(q.userConfigDir()).isEqualTo(Path.of("/bc"));
        assertThat(q.dataDir()).isEqualTo(Path.of("/bd"));
    }
}

package dev.baton.config;

import dev.baton.Baton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An llm-orc project's {@code .llm-orc/} read as it is: discovery, profile files and their order, provider names. */
class LlmOrcProjectConfigTest {

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString());
        env.put("BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
        return env;
    }

    private Path write(String relative, String text) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Baton open(Path cwd) {
        return Baton.builder(BatonPaths.discover(cwd, env()), env()).build();
    }

    @Test
    void a_folder_with_only_llm_orc_is_the_project_and_its_root_is_found_from_a_subfolder() throws IOException {
        write("proj/.llm-orc/config.yaml", "model_profiles: {}\n");
        Files.createDirectories(tmp.resolve("proj/src/deep"));

        BatonPaths paths = BatonPaths.discover(tmp.resolve("proj/src/deep"), env());

        assertThat(paths.llmOrcDir()).contains(tmp.resolve("proj/.llm-orc"));
        assertThat(paths.projectDir()).isEmpty();
        assertThat(paths.projectRoot()).isEqualTo(tmp.resolve("proj"));
        assertThat(paths.projectDirForWriting()).isEqualTo(tmp.resolve("proj/.baton"));
    }

    @Test
    void both_folders_of_the_nearest_project_are_read_and_llm_orc_global_folder_follows_xdg() throws IOException {
        Files.createDirectories(tmp.resolve("proj/.llm-orc"));
        Files.createDirectories(tmp.resolve("proj/.baton"));
        Files.createDirectories(tmp.resolve("xdg/llm-orc"));
        Map<String, String> env = env();
        env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());

        BatonPaths paths = BatonPaths.discover(tmp.resolve("proj"), env);

        assertThat(paths.projectDir()).contains(tmp.resolve("proj/.baton"));
        assertThat(paths.llmOrcDir()).contains(tmp.resolve("proj/.llm-orc"));
        assertThat(paths.llmOrcUserDir()).contains(tmp.resolve("xdg/llm-orc"));
    }

    @Test
    void model_profiles_map_onto_baton_providers_with_prices_timeouts_prompts_and_fallbacks() throws IOException {
        write("proj/.llm-orc/config.yaml", """
                project:
                  name: demo
                performance:
                  streaming_enabled: true
                model_profiles:
                  local:
                    model: qwen3:0.6b
                    provider: ollama
                    cost_per_token: 0.000002
                    system_prompt: You are quick.
                    timeout_seconds: 15
                  claude:
                    model: claude-sonnet-4-20250514
                    provider: anthropic-api
                    fallback_model_profile: local
                  gem:
                    model: gemini-2.5-flash
                    provider: google-gemini
                  groq:
                    model: llama-3.1-8b
                    provider: openai-compatible/groq
                    base_url: https://api.groq.com/openai/v1
                """);
        try (Baton baton = open(tmp.resolve("proj"))) {
            ResolvedProfile local = baton.profiles().resolve("local");
            assertThat(local.modelRef()).isEqualTo("ollama/qwen3:0.6b");
            assertThat(local.systemPrompt()).isEqualTo("You are quick.");
            assertThat(local.timeout()).hasSeconds(15);
            assertThat(local.info().prices().inputPerMillion()).isEqualByComparingTo("2");
            assertThat(local.origin()).isEqualTo(tmp.resolve("proj/.llm-orc/config.yaml") + ":6");
            assertThat(baton.profiles().resolve("claude").modelRef()).isEqualTo("anthropic/claude-sonnet-4-20250514");
            assertThat(baton.profiles().resolve("claude").fallback()).containsExactly("local");
            assertThat(baton.profiles().resolve("gem").provider().kind()).isEqualTo("gemini");
            ResolvedProfile groq = baton.profiles().resolve("groq");
            assertThat(groq.provider().kind()).isEqualTo("openai");
            assertThat(groq.provider().baseUrl()).hasToString("https://api.groq.com/openai/v1");
        }
    }

    @Test
    void profile_files_load_after_config_yaml_and_a_local_yaml_override_wins() throws IOException {
        write("proj/.llm-orc/config.yaml", """
                model_profiles:
                  writer:
                    model: from-config
                    provider: ollama
                """);
        write("proj/.llm-orc/profiles/writer.yaml", "name: writer\nmodel: from-profile-file\nprovider: ollama\n");
        write("proj/.llm-orc/profiles/a-writer.local.yaml", "# a personal override\nname: writer\nmodel: from-local\nprovider: ollama\n");
        write("proj/.llm-orc/profiles/z-other.yaml", """
                model_profiles:
                  other:
                    model: tiny
                    provider: ollama
                """);

        try (Baton baton = open(tmp.resolve("proj"))) {
            assertThat(baton.profiles().resolve("writer").model()).isEqualTo("from-local");
            assertThat(baton.profiles().resolve("writer").origin())
                    .isEqualTo(tmp.resolve("proj/.llm-orc/profiles/a-writer.local.yaml") + ":2");
            assertThat(baton.profiles().sources().overridden("writer")).hasSize(2);
            assertThat(baton.profiles().resolve("other").model()).isEqualTo("tiny");
        }
    }

    @Test
    void baton_files_win_over_llm_orc_files_of_the_same_tier_and_a_project_over_a_user_tier() throws IOException {
        write("proj/.llm-orc/config.yaml", """
                model_profiles:
                  shared: {model: llm-orc-model, provider: ollama}
                  only-llm-orc: {model: m, provider: ollama}
                """);
        write("proj/.baton/config.yaml", "profiles:\n  shared: {provider: scripted}\n");
        write("home/.config/baton/config.yaml", "profiles:\n  only-llm-orc: {provider: ollama, model: user-tier}\n");

        try (Baton baton = open(tmp.resolve("proj"))) {
            assertThat(baton.profiles().resolve("shared").provider().kind()).isEqualTo("scripted");
            assertThat(baton.profiles().resolve("only-llm-orc").model()).isEqualTo("m");
        }
    }

    @Test
    void a_subscription_login_profile_loads_but_fails_with_its_name_and_file_when_used() throws IOException {
        write("proj/.llm-orc/config.yaml", """
                model_profiles:
                  fine: {model: llama3, provider: ollama}
                  pro:
                    model: claude-sonnet-4
                    provider: claude-cli
                """);

        try (Baton baton = open(tmp.resolve("proj"))) {
            assertThat(baton.profiles().resolve("fine").model()).isEqualTo("llama3");
            assertThat(baton.profiles().names()).doesNotContain("pro");
            assertThatThrownBy(() -> baton.profiles().resolve("pro"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("profile 'pro'")
                    .hasMessageContaining(".llm-orc/config.yaml:3")
                    .hasMessageContaining("claude-cli")
                    .hasMessageContaining("baton auth add")
                    .hasMessageContaining("stored credentials");
            assertThatThrownBy(() -> baton.model("pro")).hasMessageContaining("profile 'pro'");
        }
    }

    @Test
    void an_llm_orc_profile_on_a_provider_baton_lacks_is_unusable_and_so_is_one_falling_back_to_it() throws IOException {
        write("proj/.llm-orc/config.yaml", """
                model_profiles:
                  odd: {model: x, provider: some-cloud}
                  leaning: {model: y, provider: ollama, fallback_model_profile: odd}
                """);

        try (Baton baton = open(tmp.resolve("proj"))) {
            assertThat(baton.profiles().unusable()).containsOnlyKeys("odd", "leaning");
            assertThat(baton.profiles().unusable().get("odd")).contains("provider 'some-cloud'");
            assertThat(baton.profiles().unusable().get("leaning")).contains("fallback_model_profile 'odd' is unusable");
        }
    }

    @Test
    void llama_server_follows_its_url_variable_and_a_mock_model_runs_offline() throws IOException {
        write("proj/.llm-orc/config.yaml", """
                model_profiles:
                  local: {model: qwen3-8b, provider: llama-server}
                  testing: {model: mock-model, provider: ollama}
                """);
        Map<String, String> env = env();
        env.put("LLAMA_SERVER_URL", "http://127.0.0.1:9999/v1");

        try (Baton baton = Baton.builder(BatonPaths.discover(tmp.resolve("proj"), env), env).build()) {
            assertThat(baton.profiles().resolve("local").provider().baseUrl()).hasToString("http://127.0.0.1:9999/v1");
            assertThat(baton.profiles().resolve("local").provider().kind()).isEqualTo("openai");
            assertThat(baton.profiles().resolve("testing").provider().kind()).isEqualTo("scripted");
        }
    }

    @Test
    void a_key_baton_does_not_read_is_a_warning_not_an_error() throws IOException {
        write("proj/.llm-orc/profiles/p.yaml", "name: p\nmodel: m\nprovider: ollama\nollama_format: json\n");

        try (Baton baton = open(tmp.resolve("proj"))) {
            assertThat(baton.profiles().resolve("p").model()).isEqualTo("m");
            assertThat(baton.profiles().sources().warnings()).anySatisfy(w ->
                    assertThat(w).contains("p.yaml:1").contains("'ollama_format'"));
        }
    }

    @Test
    void a_yaml_error_in_an_llm_orc_profile_file_names_the_file_and_line() throws IOException {
        write("proj/.llm-orc/profiles/broken.yaml", "name: broken\nmodel: [unclosed\n");

        assertThatThrownBy(() -> open(tmp.resolve("proj")).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.yaml:");
    }
}

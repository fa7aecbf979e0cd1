package dev.baton.config;

import dev.baton.error.BatonException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profile edits of the project config.yaml: everything but the one entry stays byte for byte, and a bad config is never written. */
class ProfileEditorTest {

    private static final String CONFIG = """
            # Team config: keep this header
            default_profile: fast

            providers:
              local:   # a local server
                kind: ollama
                base_url: http://127.0.0.1:11434

            profiles:
              # the everyday model
              fast:
                provider: local
                model: llama3   # small and quick
              deep: {provider: local, model: "llama3:70b"}

            # routing comes last
            routing:
              code: [fast]
            """;

    @TempDir
    Path tmp;
    Path file;
    ProfileEditor editor;

    @BeforeEach
    void setUp() throws IOException {
        file = tmp.resolve("work/.baton/config.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, CONFIG);
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString());
        editor = new ProfileEditor(BatonPaths.discover(tmp.resolve("work"), env), env, Set.of("ollama", "openai"));
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void create_adds_the_entry_after_the_last_profile_and_keeps_every_other_line() throws IOException {
        editor.create("cheap", fields("provider", "openai", "model", "gpt-4o-mini", "temperature", 0.2));

        assertThat(Files.readString(file)).isEqualTo(CONFIG.replace("""
                  deep: {provider: local, model: "llama3:70b"}
                """, """
                  deep: {provider: local, model: "llama3:70b"}
                  cheap:
                    provider: openai
                    model: gpt-4o-mini
                    temperature: 0.2
                """));
        assertThat(new dev.baton.config.internal.ConfigLoader(dev.baton.config.internal.EnvExpander.of(Map.of()))
                .read(file).profiles().get("cheap").temperature()).isEqualTo(0.2);
    }

    @Test
    void update_rewrites_only_that_entry_and_keeps_a_comment_elsewhere() throws IOException {
        editor.update("fast", fields("model", "llama3.1", "max_tokens", 512));

        String text = Files.readString(file);
        assertThat(text).startsWith("# Team config: keep this header\n")
                .contains("  local:   # a local server\n", "  # the everyday model\n", "# routing comes last\n")
                .contains("  fast:\n    provider: local\n    model: llama3.1\n    max_tokens: 512\n  deep:");
        assertThat(text.replaceAll("(?s)  fast:.*?(?=  deep:)", "")).isEqualTo(CONFIG.replaceAll("(?s)  fast:.*?(?=  deep:)", ""));
    }

    @Test
    void update_with_a_null_removes_the_key() throws IOException {
        editor.update("deep", fields("description", "the big one"));
        editor.update("deep", fields("description", null));

        assertThat(Files.readString(file)).contains("  deep:\n    provider: local\n    model: \"llama3:70b\"\n\n# routing");
    }

    @Test
    void delete_removes_only_the_entry() throws IOException {
        editor.delete("fast");

        assertThat(Files.readString(file)).isEqualTo(CONFIG.replace("""
                  fast:
                    provider: local
                    model: llama3   # small and quick
                """, ""));
    }

    @Test
    void invalid_changes_are_refused_naming_the_field_and_the_file_is_untouched() throws IOException {
        assertThatThrownBy(() -> editor.create("x", fields("provider", "nowhere", "model", "m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("profiles.x.provider").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> editor.create("y", fields("provider", "local", "model", "m", "colour", "red")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> editor.update("fast", fields("temperature", "hot")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> editor.create("fast", fields("provider", "local", "model", "m")))
                .isInstanceOf(BatonException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> editor.delete("ghost")).isInstanceOf(BatonException.class).hasMessageContaining("ghost");

        assertThat(Files.readString(file)).isEqualTo(CONFIG);
        assertThat(file.getParent().toFile().list()).containsExactly("config.yaml");
    }

    @Test
    void create_adds_a_profiles_block_to_a_config_without_one() throws IOException {
        Files.writeString(file, "# only a comment\ndefault_profile: a\n");

        editor.create("a", fields("provider", "openai", "model", "gpt-4o"));

        assertThat(Files.readString(file)).isEqualTo("# only a comment\ndefault_profile: a\nprofiles:\n  a:\n    provider: openai\n    model: gpt-4o\n");
    }

    @Test
    void a_new_profile_goes_after_commented_out_entries_and_an_update_keeps_comments_around_the_entry() throws IOException {
        String config = """
                profiles:
                  # needs OPENAI_API_KEY
                  fast:
                    provider: openai
                    model: gpt-4o-mini
                    # fallback: [local]
                  # local:
                  #   provider: ollama

                # Short names
                aliases: {}
                """;
        Files.writeString(file, config);

        editor.create("local", fields("provider", "ollama", "model", "llama3.2"));
        editor.update("fast", fields("temperature", 0.5));

        assertThat(Files.readString(file)).isEqualTo("""
                profiles:
                  # needs OPENAI_API_KEY
                  fast:
                    provider: openai
                    model: gpt-4o-mini
                    temperature: 0.5
                    # fallback: [local]
                  # local:
                  #   provider: ollama
                  local:
                    provider: ollama
                    model: llama3.2

                # Short names
                aliases: {}
                """);
    }

    @Test
    void replace_file_writes_the_whole_text_once_it_checks_keeping_its_permissions_and_a_dry_run_writes_nothing() throws IOException {
        String changed = CONFIG.replace("model: llama3   # small and quick", "model: llama3.1");

        editor.replaceFile(changed, true);
        assertThat(Files.readString(file)).isEqualTo(CONFIG);

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        editor.replaceFile(changed, false);
        assertThat(Files.readString(file)).isEqualTo(changed);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void replace_file_refuses_a_text_that_does_not_load_naming_its_line_and_keeps_the_file() throws IOException {
        String broken = CONFIG.replace("model: llama3   # small and quick", "modle: llama3");

        assertThatThrownBy(() -> editor.replaceFile(broken, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yaml:13").hasMessageContaining("modle");
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
    }
}

package dev.baton.config;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileEntryChecksTest {

    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of()));
    private final Path file = Path.of(".baton/config.yaml");

    @Test
    void a_provider_slash_model_without_provider_names_file_line_field_and_the_fix() {
        String yaml = """
                providers:
                  claude:
                    kind: anthropic
                profiles:
                  fast:
                    provider: claude
                    model: claude-haiku-4-5
                  smart:
                    model: claude/claude-sonnet-4-5
                """;

        assertThatThrownBy(() -> loader.parse(yaml, file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":8: 'provider' is required in 'profiles.smart'"
                        + " (for 'claude/claude-sonnet-4-5' write provider: claude and model: claude-sonnet-4-5)");
    }

    @Test
    void every_incomplete_profile_is_reported_at_once_each_with_its_line() {
        String yaml = """
                profiles: {a: {model: gpt-4o}, b: {provider: openai}, c: {provider: scripted}}
                """;

        assertThatThrownBy(() -> loader.parse(yaml, file))
                .hasMessageContaining(file + ":1: 'provider' is required in 'profiles.a'")
                .hasMessageContaining(file + ":1: 'model' is required in 'profiles.b'")
                .hasMessageNotContaining("profiles.c");
    }

    @Test
    void complete_profiles_and_a_scripted_profile_without_model_load() {
        BatonConfig c = loader.parse("""
                profiles:
                  fast: {provider: openai, model: gpt-4o-mini}
                  fake: {provider: scripted}
                """, file);

        assertThat(c.profiles()).containsOnlyKeys("fast", "fake");
    }
}

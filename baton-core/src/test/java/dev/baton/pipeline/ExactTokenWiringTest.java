package dev.baton.pipeline;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import dev.baton.pipeline.internal.OpenAiTokenCounts;

/** The configuration decides which profiles get an exact tokenizer: OpenAI's own API only. */
class ExactTokenWiringTest {

    @Test
    void only_profiles_on_openai_s_own_api_get_the_exact_count(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  openai: {kind: openai, api_key: sk-test-not-real}
                  official: {kind: openai, base_url: https://api.openai.com/v1, api_key: sk-test-not-real}
                  groq: {kind: openai, base_url: https://api.groq.com/openai/v1, api_key: gsk-test-not-real}
                  azure: {kind: openai, base_url: https://acme.openai.azure.com/openai/deployments/gpt-4o, api_key: az}
                profiles:
                  mini: {provider: openai, model: gpt-4o-mini}
                  turbo: {provider: official, model: gpt-4-turbo}
                  groq-llama: {provider: groq, model: llama-3.3-70b-versatile}
                  groq-named-like-openai: {provider: groq, model: gpt-4o-mini}
                  azure-4o: {provider: azure, model: gpt-4o}
                  unknown: {provider: openai, model: some-future-model}
                """);
        BatonPaths paths = new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));

        try (Baton baton = Baton.builder(paths, Map.of()).build()) {
            Map<String, PipelineProfile> profiles = baton.pipeline().profiles();

            assertThat(profiles.get("mini").exactInput()).isInstanceOfSatisfying(OpenAiTokenCounts.class,
                    c -> assertThat(c.encodingName()).isEqualTo("o200k_base"));
            assertThat(profiles.get("turbo").exactInput()).isInstanceOfSatisfying(OpenAiTokenCounts.class,
                    c -> assertThat(c.encodingName()).isEqualTo("cl100k_base"));
            assertThat(profiles.get("groq-llama").exactInput()).isNull();
            assertThat(profiles.get("groq-named-like-openai").exactInput()).isNull();
            assertThat(profiles.get("azure-4o").exactInput()).isNull();
            assertThat(profiles.get("unknown").exactInput()).isNull();
            assertThat(profiles.get("offline").exactInput()).isNull();
        }
    }
}

package dev.baton.provider.plugin;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.llm.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider added without forking Baton: found by ServiceLoader, configured by kind, used through the pipeline. */
class ThirdPartyProviderTest {

    @TempDir
    Path tmp;

    @Test
    void a_provider_on_the_classpath_is_configured_by_kind_and_answers_through_the_pipeline() throws Exception {
        Files.createDirectories(tmp.resolve(".baton"));
        Files.writeString(tmp.resolve(".baton/config.yaml"), """
                providers:
                  loud: {kind: shout}
                profiles:
                  yell: {provider: loud, model: v1}
                """);
        Map<String, String> env = Map.of("HOME", tmp.toString(), "BATON_DATA_HOME", tmp.resolve("data").toString(),
                "OLLAMA_HOST", "127.0.0.1:1");

        try (Baton baton = Baton.builder(BatonPaths.discover(tmp, env), env).build()) {
            assertThat(baton.providers().factories()).containsKey("shout");
            var answer = baton.model("yell").chat(ChatRequest.of("hello plug-in"));
            assertThat(answer.text()).isEqualTo("HELLO PLUG-IN");
            assertThat(answer.profile()).isEqualTo("yell");
        }
    }
}

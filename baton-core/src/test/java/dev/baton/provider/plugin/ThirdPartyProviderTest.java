package dev.baton.provider.plugin;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ResolvedProfile;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider added without forking Baton: found by ServiceLoader, configured by kind, used through the pipeline. */
class ThirdPartyProviderTest {

    @TempDir
    Path tmp;

    @Test
    void a_provider_on_the_classpath_is_configured_by_kind_and_answers_through_the_pipeline() throws Exception {
        Files.createDirectories(tmp.resolve(".baton"));
        Files.writeString(tmp.resolve(".baton/config.yaml"), """
                providers:
                  loud: {kind: shout, api_key: loud-key-123456789}
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

    @Test
    void preparing_a_run_lets_its_agents_adapters_prepare_before_any_call() throws Exception {
        Files.createDirectories(tmp.resolve(".baton/ensembles"));
        Files.writeString(tmp.resolve(".baton/config.yaml"), """
                providers:
                  prep: {kind: shout, api_key: prep-key-123456789}
                profiles:
                  early: {provider: prep, model: p1}
                  unused: {provider: prep, model: p2}
                """);
        Files.writeString(tmp.resolve(".baton/ensembles/loud.yaml"), """
                name: loud
                agents:
                  - name: a
                    model_profile: early
                """);
        Map<String, String> env = Map.of("HOME", tmp.toString(), "BATON_DATA_HOME", tmp.resolve("data").toString(),
                "OLLAMA_HOST", "127.0.0.1:1");

        try (Baton baton = Baton.builder(BatonPaths.discover(tmp, env), env).build()) {
            var spec = baton.ensembles().load("loud");
            baton.ensembles().prepare(spec);

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (!ShoutProviderFactory.PREPARED.containsKey("prep/p1") && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(ShoutProviderFactory.PREPARED.get("prep/p1")).as("prepared in the background").hasValue(1);
            assertThat(ShoutProviderFactory.CALLED).as("without a call").doesNotContainKey("prep/p1");
            assertThat(ShoutProviderFactory.PREPARED).as("only what the run needs").doesNotContainKey("prep/p2");
        }
    }

    @Test
    void an_adapter_prepares_without_waiting_for_the_usage_store() throws Exception {
        Files.createDirectories(tmp.resolve(".baton/ensembles"));
        Files.writeString(tmp.resolve(".baton/config.yaml"), """
                providers:
                  prep: {kind: shout, api_key: prep-key-123456789}
                profiles:
                  storeless: {provider: prep, model: p3}
                """);
        Files.writeString(tmp.resolve(".baton/ensembles/quiet.yaml"), """
                name: quiet
                agents:
                  - name: a
                    model_profile: storeless
                """);
        // the data folder is a file: the usage store cannot open, which the adapter does not need
        Files.writeString(tmp.resolve("data"), "not a folder");
        Map<String, String> env = Map.of("HOME", tmp.toString(), "BATON_DATA_HOME", tmp.resolve("data").toString(),
                "OLLAMA_HOST", "127.0.0.1:1");

        try (Baton baton = Baton.builder(BatonPaths.discover(tmp, env), env).build()) {
            var models = baton.agentModels();
            models.prepare(java.util.List.of("storeless"));
            models.prepare(java.util.List.of("storeless")); // asked twice: prepared once

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (!ShoutProviderFactory.PREPARED.containsKey("prep/p3") && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(ShoutProviderFactory.PREPARED.get("prep/p3")).as("prepared in the background").hasValue(1);
            assertThat(ShoutProviderFactory.CALLED).as("without a call").doesNotContainKey("prep/p3");
        }
    }

    @Test
    void a_plug_ins_key_variable_and_default_model_make_it_the_automatic_default() throws Exception {
        Files.createDirectories(tmp.resolve(".baton"));
        Map<String, String> env = Map.of("HOME", tmp.toString(), "BATON_DATA_HOME", tmp.resolve("data").toString(),
                "OLLAMA_HOST", "127.0.0.1:1", "SHOUT_API_KEY", "shout-key-123456789",
                "SHOUT_BASE_URL", "http://127.0.0.1:9/shout");

        try (Baton baton = Baton.builder(BatonPaths.discover(tmp, env), env).build()) {
            ResolvedProfile picked = baton.profile("default");
            assertThat(picked.provider().kind()).isEqualTo("shout");
            assertThat(picked.model()).isEqualTo("loud-1");
            assertThat(picked.origin()).isEqualTo("auto: shout API key is set");
            assertThat(picked.provider().apiKey().reveal()).isEqualTo("shout-key-123456789");
            assertThat(picked.provider().baseUrl()).hasToString("http://127.0.0.1:9/shout");
            assertThat(baton.model("default").chat(ChatRequest.of("auto")).text()).isEqualTo("AUTO");
        }
    }

    @Test
    void a_plug_in_that_names_key_variables_needs_a_key_at_its_own_endpoint() throws Exception {
        Files.createDirectories(tmp.resolve(".baton"));
        Map<String, String> env = Map.of("HOME", tmp.toString(), "BATON_DATA_HOME", tmp.resolve("data").toString(),
                "OLLAMA_HOST", "127.0.0.1:1");

        try (Baton baton = Baton.builder(BatonPaths.discover(tmp, env), env).build()) {
            assertThat(baton.profile("default").provider().kind()).isEqualTo("scripted");
            assertThatThrownBy(() -> baton.model("shout/loud-1").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("needs an API key for provider 'shout'")
                    .satisfies(e -> assertThat(((BatonException) e).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("SHOUT_API_KEY")));
        }
    }
}

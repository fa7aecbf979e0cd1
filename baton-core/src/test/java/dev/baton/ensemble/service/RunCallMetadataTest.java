package dev.baton.ensemble.service;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ProviderRegistry;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.CallMetadata;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.scripted.ScriptedChatModel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RunOptions#callMetadata()}: labels on every model call of a run, child runs included. */
class RunCallMetadataTest {

    @TempDir
    Path tmp;

    private final List<ScriptedChatModel> models = new CopyOnWriteArrayList<>();

    /** The scripted kind, each model kept so the test can read the requests it received. */
    private final class Recording implements ProviderFactory {
        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public ChatModel create(ProviderSettings settings, String model, @Nullable ModelInfo info, ObjectMapper json) {
            ScriptedChatModel m = ScriptedChatModel.of(model);
            models.add(m);
            return m;
        }
    }

    private List<ChatRequest> requests() {
        return models.stream().flatMap(m -> m.requests().stream()).toList();
    }

    @Test
    void every_call_of_a_labelled_run_and_its_child_run_carries_the_labels_and_unlabelled_runs_do_not() throws Exception {
        Path work = tmp.resolve("work");
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  rec: {kind: recording}
                profiles:
                  fast: {provider: rec, model: m}
                """);
        Files.writeString(work.resolve(".baton/ensembles/child.yaml"), """
                name: child
                agents:
                  - {name: inner, model_profile: fast}
                """);
        Files.writeString(work.resolve(".baton/ensembles/parent.yaml"), """
                name: parent
                agents:
                  - {name: outer, model_profile: fast}
                  - {name: nested, ensemble: child, depends_on: [outer]}
                """);
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "OLLAMA_HOST", "127.0.0.1:1");
        Map<String, ProviderFactory> factories = new HashMap<>(ProviderRegistry.discoverFactories(getClass().getClassLoader()));
        factories.put("recording", new Recording());

        try (Baton baton = Baton.builder(BatonPaths.discover(work, env), env).factories(factories)
                .database(tmp.resolve("baton.db")).build()) {
            RunOptions labelled = RunOptions.defaults().withArtifacts(false)
                    .withCallMetadata(Map.of(CallMetadata.API_KEY, "key_42", CallMetadata.RUN_ID, "not-the-run"));
            RunResult result = baton.ensembles().run("parent", "go", labelled, null).await();

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            List<ChatRequest> calls = requests();
            assertThat(calls).hasSize(2);
            assertThat(calls).allSatisfy(r -> assertThat(r.metadata()).containsEntry(CallMetadata.API_KEY, "key_42"));
            assertThat(calls).as("the engine's own labels win").allSatisfy(r ->
                    assertThat(r.metadata().get(CallMetadata.RUN_ID)).isNotEqualTo("not-the-run"));
            assertThat(calls.getFirst().metadata()).containsEntry(CallMetadata.RUN_ID, result.runId());

            models.forEach(ScriptedChatModel::reset);
            baton.ensembles().run("parent", "go", RunOptions.defaults().withArtifacts(false), null).await();
            assertThat(requests()).hasSize(2).allSatisfy(r -> assertThat(r.metadata()).doesNotContainKey(CallMetadata.API_KEY));
        }
    }
}

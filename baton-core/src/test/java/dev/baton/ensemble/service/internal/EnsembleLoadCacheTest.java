package dev.baton.ensemble.service.internal;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.llm.ChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code WorkspaceEnsembles.load} keeps loaded ensembles while nothing they depend on changes. */
class EnsembleLoadCacheTest {

    @TempDir
    Path tmp;
    Path project;
    WorkspaceEnsembles ensembles;
    /** The profiles the models know; a test swaps them as a reloaded configuration would. */
    final AtomicReference<Set<String>> profiles = new AtomicReference<>(Set.of("fast", "slow"));

    @BeforeEach
    void setUp() throws IOException {
        project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
        ensembles = new WorkspaceEnsembles(BatonPaths.discover(project, env), this::models, tmp.resolve("runs.db"),
                ZoneId.of("UTC"));
    }

    @AfterEach
    void tearDown() {
        ensembles.close();
    }

    private AgentModels models() {
        Set<String> known = profiles.get();
        return new AgentModels() {
            @Override
            public ChatModel forProfile(String profile) {
                throw new UnsupportedOperationException("loading only");
            }

            @Override
            public ChatModel forModel(String provider, String model) {
                throw new UnsupportedOperationException("loading only");
            }

            @Override
            public boolean hasProfile(String profile) {
                return known.contains(profile);
            }

            @Override
            public boolean hasProvider(String provider) {
                return false;
            }

            @Override
            public Optional<Duration> profileTimeout(String profile) {
                return Optional.empty();
            }
        };
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = project.resolve(".baton/ensembles/" + name + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    /** Moves the file's times back, as if it had been written long ago (its times alone are then trusted). */
    private static void age(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    }

    @Test
    void given_an_unchanged_file_when_loaded_twice_then_the_second_load_is_the_first_spec() throws IOException {
        age(write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast}\n"));

        EnsembleSpec first = ensembles.load("solo");

        assertThat(ensembles.load("solo")).isSameAs(first);
    }

    @Test
    void given_a_loaded_ensemble_when_its_file_is_rewritten_with_the_same_size_at_once_then_the_new_content_loads() throws IOException {
        write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast}\n");
        assertThat(ensembles.load("solo").agents().getFirst().modelProfile()).isEqualTo("fast");

        // same length, within the file system's clock tick: only the content tells
        write("solo", "name: solo\nagents:\n  - {name: a, model_profile: slow}\n");

        assertThat(ensembles.load("solo").agents().getFirst().modelProfile()).isEqualTo("slow");
    }

    @Test
    void given_an_old_file_when_it_is_edited_then_the_new_content_loads() throws IOException {
        Path file = write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast}\n");
        age(file);
        assertThat(ensembles.load("solo").agents()).hasSize(1);

        write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast}\n  - {name: b, model_profile: fast}\n");

        assertThat(ensembles.load("solo").agents()).extracting(a -> a.name()).containsExactly("a", "b");
    }

    @Test
    void given_a_loaded_ensemble_when_its_file_gets_a_problem_then_the_load_fails_with_it() throws IOException {
        age(write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast}\n"));
        ensembles.load("solo");

        write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast, depends_on: [ghost]}\n");

        assertThatThrownBy(() -> ensembles.load("solo")).isInstanceOf(EnsembleDefinitionException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void given_a_parent_when_its_child_ensemble_changes_then_the_parent_is_validated_again() throws IOException {
        age(write("child", "name: child\nagents:\n  - {name: c, model_profile: fast}\n"));
        age(write("parent", "name: parent\nagents:\n  - {name: p, ensemble: child}\n"));
        EnsembleSpec first = ensembles.load("parent");
        assertThat(ensembles.load("parent")).isSameAs(first);

        write("child", "name: child\nagents:\n  - {name: c, model_profile: nowhere}\n");

        assertThatThrownBy(() -> ensembles.load("parent")).isInstanceOf(EnsembleDefinitionException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void given_a_parent_when_its_child_is_removed_then_the_parent_no_longer_loads() throws IOException {
        Path child = write("child", "name: child\nagents:\n  - {name: c, model_profile: fast}\n");
        age(child);
        age(write("parent", "name: parent\nagents:\n  - {name: p, ensemble: child}\n"));
        ensembles.load("parent");

        Files.delete(child);

        assertThatThrownBy(() -> ensembles.load("parent")).isInstanceOf(EnsembleDefinitionException.class)
                .hasMessageContaining("child");
    }

    @Test
    void given_a_loaded_ensemble_when_a_profile_it_names_goes_away_then_the_load_fails() throws IOException {
        age(write("solo", "name: solo\nagents:\n  - {name: a, model_profile: slow}\n"));
        ensembles.load("solo");

        profiles.set(Set.of("fast"));

        assertThatThrownBy(() -> ensembles.load("solo")).isInstanceOf(EnsembleDefinitionException.class)
                .hasMessageContaining("slow");
    }

    @Test
    void given_a_script_agent_when_its_script_is_removed_then_the_load_fails() throws IOException {
        Path script = project.resolve(".baton/scripts/shout.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "cat\n");
        age(write("scripted", "name: scripted\nagents:\n  - {name: s, script: shout.sh}\n"));
        EnsembleSpec first = ensembles.load("scripted");
        assertThat(ensembles.load("scripted")).isSameAs(first);

        Files.delete(script);

        assertThatThrownBy(() -> ensembles.load("scripted")).isInstanceOf(EnsembleDefinitionException.class)
                .hasMessageContaining("shout.sh");
    }

    @Test
    void given_many_first_loads_at_once_then_each_gets_the_valid_spec() throws Exception {
        age(write("solo", "name: solo\nagents:\n  - {name: a, model_profile: fast}\n  - {name: b, model_profile: slow, depends_on: [a]}\n"));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<EnsembleSpec>> loads = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                loads.add(threads.submit(() -> {
                    go.await();
                    return ensembles.load("solo");
                }));
            }
            go.countDown();
            for (Future<EnsembleSpec> f : loads) {
                assertThat(f.get().agents()).extracting(a -> a.name()).containsExactly("a", "b");
            }
        }
        EnsembleSpec settled = ensembles.load("solo");
        assertThat(ensembles.load("solo")).isSameAs(settled);
    }
}

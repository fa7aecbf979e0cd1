package dev.baton;

import dev.baton.config.BatonPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an ensemble needs, and per agent whether it can run, on a project with a scripted and a key-less profile. */
class EnsembleRequirementsTest {

    @TempDir
    Path tmp;
    Baton baton;
    EnsembleRequirements requirements;

    @BeforeEach
    void setUp() throws Exception {
        Path project = tmp.resolve("work/.baton");
        Files.createDirectories(project.resolve("ensembles"));
        Files.createDirectories(project.resolve("scripts"));
        Files.writeString(project.resolve("scripts/count.sh"), "wc -w\n");
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  fake: {kind: scripted, options: {script: {rules: [{match: ".*", reply: {text: ok}}]}}}
                profiles:
                  canned: {provider: fake, model: m}
                  cloud: {provider: openai, model: gpt-4o-mini}
                """);
        Files.writeString(project.resolve("ensembles/child.yaml"), """
                name: child
                agents:
                  - {name: c, model_profile: canned}
                """);
        Files.writeString(project.resolve("ensembles/parent.yaml"), """
                name: parent
                agents:
                  - {name: count, script: count.sh}
                  - {name: think, model_profile: cloud}
                  - {name: sub, ensemble: child}
                """);
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(tmp.resolve("work"), env), env).database(tmp.resolve("db")).build();
        requirements = new EnsembleRequirements(baton, Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        baton.close();
    }

    @Test
    void dependencies_follow_child_ensembles() {
        var deps = requirements.dependencies("parent");

        assertThat(deps.profiles()).containsExactly("cloud", "canned");
        assertThat(deps.scripts()).containsExactly("count.sh");
        assertThat(deps.ensembles()).containsExactly("child");
        assertThat(deps.missing()).isEmpty();
    }

    @Test
    void an_agent_whose_provider_has_no_key_is_not_runnable_and_gets_a_reachable_profile_suggested() {
        var readiness = requirements.check("parent");

        assertThat(readiness.runnable()).isFalse();
        var think = readiness.agents().stream().filter(a -> a.agent().equals("think")).findFirst().orElseThrow();
        assertThat(think.runnable()).isFalse();
        assertThat(think.keyPresent()).isFalse();
        assertThat(think.problem()).contains("OPENAI_API_KEY");
        assertThat(think.suggestedProfile()).isEqualTo("canned");
        assertThat(readiness.agents()).filteredOn(a -> !a.agent().equals("think")).allSatisfy(a -> assertThat(a.runnable()).isTrue());
        assertThat(requirements.check("child").runnable()).isTrue();
    }
}

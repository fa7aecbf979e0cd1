package dev.baton.coordinator;

import dev.baton.error.BatonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code coordinator.tools}: a registered tool and an ensemble become tools the planner may choose. */
class AddedToolsTest {

    @TempDir
    Path tmp;

    @Test
    void a_registered_tool_and_an_ensemble_run_as_jobs_with_the_planners_arguments() throws Exception {
        String plan = "'{\"jobs\": [{\"tool\": \"list_dir\", \"arguments\": {\"path\": \"src\"}, \"priority\": 2, \"cost_share\": 0.5, "
                + "\"time_share\": 0.5, \"rationale\": \"look\"}, {\"tool\": \"ensemble:shout\", \"arguments\": {\"input\": \"hey\"}, "
                + "\"priority\": 1, \"cost_share\": 0.5, \"time_share\": 0.5, \"rationale\": \"shout\"}], \"answer\": \"\"}'";
        String config = """
                providers:
                  plan:
                    kind: rec
                    options:
                      script:
                        replies:
                          - text: %s
                        fallback: {text: "SYNTHESIS"}
                profiles:
                  default: {provider: plan, model: planner}
                coordinator:
                  tools: [list_dir, "ensemble:shout"]
                """.formatted(plan);
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config, List.of())) {
            Files.createDirectories(f.work.resolve("src"));
            Files.writeString(f.work.resolve("src/Main.java"), "class Main {}\n");
            Files.createDirectories(f.work.resolve(".baton/ensembles"));
            Files.writeString(f.work.resolve(".baton/ensembles/shout.yaml"), """
                    name: shout
                    description: shouts its input
                    agents:
                      - name: loud
                        script: printf '%s!' "$BATON_INPUT"
                    """);

            assertThat(f.baton.coordinator().tools()).extracting(CoordinatorTool::name).endsWith("list_dir", "ensemble:shout");
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("What is in src?"), CoordinatorListener.NONE);

            assertThat(r.errors()).isEmpty();
            assertThat(r.results().get("list_dir")).contains("Main.java");
            assertThat(r.results().get("ensemble:shout")).isEqualTo("hey!");
            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.SUCCESS);
        }
    }

    @Test
    void a_configured_tool_that_does_not_exist_is_a_configuration_error_naming_it() throws Exception {
        String config = """
                coordinator:
                  tools: [no_such_tool]
                """;
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config, List.of())) {
            assertThatThrownBy(() -> f.baton.coordinator().tools()).isInstanceOf(BatonException.class)
                    .hasMessageContaining("no_such_tool");
        }
    }
}

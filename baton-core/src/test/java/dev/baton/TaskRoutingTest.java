package dev.baton;

import dev.baton.config.BatonPaths;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code routing:} reached through {@link Baton#modelForTask}: task type → profiles → the first that fits. */
class TaskRoutingTest {

    private static final Map<String, String> NO_OLLAMA = Map.of("OLLAMA_HOST", "127.0.0.1:1");

    private static final String CONFIG = """
            providers:
              canned: {kind: scripted}
            profiles:
              small: {provider: canned, model: small-m, context_window: 50}
              big: {provider: canned, model: big-m, context_window: 100000}
            aliases:
              roomy: big
            routing:
              summarize: [small, roomy]
            """;

    @TempDir
    Path dir;

    private Baton baton(String configYaml) throws IOException {
        Path project = Files.createDirectories(dir.resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), configYaml);
        BatonPaths paths = new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
        return Baton.builder(paths, NO_OLLAMA).build();
    }

    @Test
    void a_task_type_goes_to_the_first_profile_of_its_route_whose_window_holds_the_request() throws Exception {
        try (Baton baton = baton(CONFIG)) {
            var model = baton.modelForTask("summarize");

            var shortAnswer = model.chat(ChatRequest.of("hi"));
            var longAnswer = model.chat(ChatRequest.of("word ".repeat(2_000)));

            assertThat(shortAnswer.profile()).isEqualTo("small");
            assertThat(shortAnswer.model()).isEqualTo("small-m");
            assertThat(longAnswer.profile()).isEqualTo("big");
            assertThat(longAnswer.model()).isEqualTo("big-m");
            assertThat(baton.routeOf("summarize")).containsExactly("small", "roomy");
        }
    }

    @Test
    void an_unknown_task_type_is_a_configuration_error_naming_the_known_ones() throws Exception {
        try (Baton baton = baton(CONFIG)) {
            assertThatThrownBy(() -> baton.modelForTask("translate"))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("unknown task type 'translate'")
                    .hasMessageContaining("summarize");
        }
    }
}

package dev.baton.provider.scripted;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.config.ProviderRegistry;
import dev.baton.llm.Capability;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedProviderFactoryTest {

    private final ScriptedProviderFactory factory = new ScriptedProviderFactory();

    private static ProviderSettings settings(Map<String, Object> options) {
        return new ProviderSettings("fake", "scripted", null, null, Map.of(), null, null, options);
    }

    @Test
    void is_found_through_the_service_loader() {
        assertThat(ProviderRegistry.discoverFactories(getClass().getClassLoader()))
                .hasEntrySatisfying("scripted", f -> assertThat(f).isInstanceOf(ScriptedProviderFactory.class));
    }

    @Test
    void without_a_script_the_model_answers_offline_and_reports_the_resolved_info() {
        ModelInfo info = new ModelInfo("fake", "m1", 4096, 512, EnumSet.allOf(Capability.class), Prices.of(1, 1, 1));

        ChatModel model = factory.create(settings(Map.of()), "m1", info, JsonMapper.builder().build());
        ChatResponse response = model.chat(ChatRequest.of("hello there"));

        assertThat(model.info()).isEqualTo(info);
        assertThat(response.provider()).isEqualTo("fake");
        assertThat(response.text()).startsWith("[offline scripted reply · model m1] 2 words");
        assertThat(response.usage().costUsd()).isPositive();
    }

    @Test
    void script_option_may_be_a_file_or_an_inline_mapping(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), "replies:\n  - text: from file\n");

        ChatModel fromFile = factory.create(settings(Map.of("script", file.toString())), "m", null, null);
        ChatModel inline = factory.create(settings(Map.of("script", Map.of("replies", List.of(Map.of("text", "inline"))))),
                "m", null, null);

        assertThat(fromFile.chat(ChatRequest.of("x")).text()).isEqualTo("from file");
        assertThat(inline.chat(ChatRequest.of("x")).text()).isEqualTo("inline");
        assertThat(inline.info().provider()).isEqualTo("scripted");
    }

    @Test
    void a_bad_script_is_a_configuration_error_naming_the_provider_and_field() {
        Map<String, Object> bad = Map.of("script", Map.of("replies", List.of(Map.of("txt", "typo"))));

        assertThatThrownBy(() -> factory.create(settings(bad), "m", null, null))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("provider 'fake' options.script")
                .hasMessageContaining("replies[0].txt");
        assertThatThrownBy(() -> factory.create(settings(Map.of("script", 42)), "m", null, null))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void probe_reports_reachable_without_network() {
        assertThat(factory.probe(settings(Map.of()), Duration.ofMillis(1), null).state())
                .isEqualTo(ProviderStatus.State.REACHABLE);
    }

    @Test
    void the_built_in_offline_profile_is_a_scripted_model(@TempDir Path dir) {
        BatonPaths paths = new BatonPaths(dir, Optional.empty(), dir.resolve("user"), dir.resolve("data"));

        try (Baton baton = Baton.builder(paths, Map.of()).build()) {
            ChatResponse response = baton.model("offline").chat(ChatRequest.of("ping"));

            assertThat(response.text()).startsWith("[offline scripted reply · model offline] 1 word");
        }
    }
}

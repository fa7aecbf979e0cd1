package dev.baton.tool.builtin;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.internal.WorkspaceSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class BuiltinToolsTest {

    @TempDir
    Path root;

    @Test
    void given_default_settings_then_the_source_named_builtin_offers_every_tool_in_its_category() {
        BuiltinTools source = new BuiltinTools(new WorkspaceSandbox(root, Duration.ofSeconds(10), 1000, Map.of()),
                BuiltinSettings.defaults());

        assertThat(source.name()).isEqualTo("builtin");
        assertThat(source.tools().stream().collect(Collectors.toMap(Tool::name, Tool::category))).containsOnly(
                entry("read_file", ToolCategory.READ), entry("list_dir", ToolCategory.READ),
                entry("search_text", ToolCategory.READ), entry("file_info", ToolCategory.READ),
                entry("write_file", ToolCategory.WRITE), entry("apply_patch", ToolCategory.WRITE),
                entry("run_command", ToolCategory.EXEC), entry("http_get", ToolCategory.NETWORK));
    }

    @Test
    void every_tool_has_an_object_schema_and_a_description_for_models() {
        JsonMapper json = JsonMapper.builder().build();
        BuiltinTools source = new BuiltinTools(new WorkspaceSandbox(root, Duration.ofSeconds(10), 1000, Map.of()),
                BuiltinSettings.defaults());

        for (Tool tool : source.tools()) {
            JsonNode schema = json.readTree(tool.parametersSchema());
            assertThat(schema.get("type").asString()).as(tool.name()).isEqualTo("object");
            assertThat(schema.get("properties").isObject()).as(tool.name()).isTrue();
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(150);
        }
    }

    @Test
    void given_a_non_positive_http_cap_then_settings_are_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BuiltinSettings(true, java.util.List.of(), 0, false))
                .hasMessageContaining("http_get max bytes");
    }
}

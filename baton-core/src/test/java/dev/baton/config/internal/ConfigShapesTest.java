package dev.baton.config.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.config.BatonConfig;
import dev.baton.config.CoordinatorConfig;
import dev.baton.config.McpOAuthSettings;
import dev.baton.config.McpServerSettings;
import dev.baton.config.MemoryConfig;
import dev.baton.config.ToolsConfig;
import dev.baton.config.WorkerConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@link ConfigShapes} shape has exactly its record's keys (the {@code @JsonProperty} name or
 * the component's name), in component order, each read as the component's type: a component added
 * to a configuration record without its key in the shape fails here, not silently in a user's file.
 */
class ConfigShapesTest {

    @Test
    void every_shape_has_its_records_keys_in_component_order_with_matching_kinds() {
        Map<Class<?>, RecordShape<?>> shapes = new LinkedHashMap<>();
        shapes.put(BatonConfig.class, ConfigShapes.CONFIG);
        shapes.put(BatonConfig.ProviderConfig.class, ConfigShapes.PROVIDER);
        shapes.put(BatonConfig.ProfileConfig.class, ConfigShapes.PROFILE);
        shapes.put(BatonConfig.PricesConfig.class, ConfigShapes.PRICES);
        shapes.put(BatonConfig.BudgetConfig.class, ConfigShapes.BUDGET);
        shapes.put(BatonConfig.RetryConfig.class, ConfigShapes.RETRY);
        shapes.put(BatonConfig.DefaultsConfig.class, ConfigShapes.DEFAULTS);
        shapes.put(ToolsConfig.class, ConfigShapes.TOOLS);
        shapes.put(ToolsConfig.HttpGetConfig.class, ConfigShapes.HTTP_GET);
        shapes.put(ToolsConfig.RunCommandConfig.class, ConfigShapes.RUN_COMMAND);
        shapes.put(McpServerSettings.class, ConfigShapes.MCP_SERVER);
        shapes.put(McpOAuthSettings.class, ConfigShapes.OAUTH);
        shapes.put(BatonConfig.ServerConfig.class, ConfigShapes.SERVER);
        shapes.put(BatonConfig.AgenticConfig.class, ConfigShapes.AGENTIC);
        shapes.put(BatonConfig.TelemetryConfig.class, ConfigShapes.TELEMETRY);
        shapes.put(CoordinatorConfig.class, ConfigShapes.COORDINATOR);
        shapes.put(BatonConfig.ContextConfig.class, ConfigShapes.CONTEXT);
        shapes.put(MemoryConfig.class, ConfigShapes.MEMORY);
        shapes.put(WorkerConfig.class, ConfigShapes.WORKER);

        shapes.forEach((type, shape) -> {
            RecordComponent[] components = type.getRecordComponents();
            List<String> keys = Arrays.stream(components).map(ConfigShapesTest::key).toList();
            assertThat(shape.fields().stream().map(RecordShape.Field::key).toList()).as(type.getSimpleName()).isEqualTo(keys);
            for (int i = 0; i < components.length; i++) {
                assertThat(kind(components[i])).as(type.getSimpleName() + "." + keys.get(i))
                        .isEqualTo(shape.fields().get(i).kind().expected());
            }
        });
    }

    @Test
    void the_store_reads_its_one_line_form_and_its_mapping() {
        assertThat(new ConfigLoader(EnvExpander.of(Map.of("DB", "team.db"))).parse("store: ${DB}\n", null).store().path())
                .isEqualTo("team.db");
        assertThat(new ConfigLoader(EnvExpander.of(Map.of())).parse("store: {kind: sqlite, path: a.db}\n", null).store().path())
                .isEqualTo("a.db");
    }

    private static String key(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        return p != null ? p.value() : c.getName();
    }

    /** What the component's type must be read as, in the words of {@link ConfigValue#expected()}. */
    private static String kind(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == String.class) return "a string";
        if (t == Integer.class || t == Long.class) return "a whole number";
        if (t == Double.class) return "a number";
        if (t == Boolean.class) return "true or false";
        if (t == List.class) return "a list";
        if (t == Map.class) {
            return "a mapping"; // the kinds of the values are checked by ConfigReaderEquivalenceTest
        }
        return "a mapping"; // a record
    }
}

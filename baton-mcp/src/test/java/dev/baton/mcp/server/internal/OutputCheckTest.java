package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.Content;
import dev.baton.mcp.server.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("status"),
            "properties", Map.of("status", Map.of("type", "string"), "count", Map.of("type", "integer")));

    private final OutputCheck check = new OutputCheck(JSON);

    @Test
    void a_tree_that_matches_the_schema_is_valid_and_one_that_does_not_is_refused_with_the_reason() {
        ObjectNode good = JSON.createObjectNode().put("status", "completed").put("count", 3);
        ObjectNode bad = JSON.createObjectNode().put("count", "three");

        assertThat(check.validate(SCHEMA, good).valid()).isTrue();
        ValidationResponse refused = check.validate(SCHEMA, bad);
        assertThat(refused.valid()).isFalse();
        assertThat(refused.errorMessage()).contains("status").contains("count");
        // the same schema map again: its compiled form is reused and still checks
        assertThat(check.validate(SCHEMA, bad).valid()).isFalse();
        assertThat(check.validate(SCHEMA, good).valid()).isTrue();
    }

    @Test
    void content_that_is_not_a_tree_is_checked_too_and_carries_its_json() {
        ValidationResponse map = check.validate(SCHEMA, Map.of("status", "ok"));
        assertThat(map.valid()).isTrue();
        assertThat(map.jsonStructuredOutput()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(check.validate(SCHEMA, "{\"count\":1}").valid()).isFalse();
        assertThat(check.validate(SCHEMA, "not json").valid()).isFalse();
    }

    @Test
    void a_structured_result_goes_as_its_tree_and_always_has_a_text_content() {
        SdkFeatures features = new SdkFeatures(JSON, CallTracker.NONE, new SessionHooks());
        ObjectNode tree = JSON.createObjectNode().put("status", "completed");

        McpSchema.CallToolResult withText = features.result(ToolResult.structured(tree, "done"));
        assertThat(withText.structuredContent()).isSameAs(tree);
        assertThat(withText.content()).containsExactly(McpSchema.TextContent.builder("done").build());

        McpSchema.CallToolResult bare = features.result(new ToolResult(List.<Content>of(), tree, false));
        assertThat(bare.content()).containsExactly(McpSchema.TextContent.builder("{\"status\":\"completed\"}").build());
    }
}

package dev.baton.mcp.internal;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElicitationDefaultsTest {

    @Test
    void a_form_is_accepted_with_the_defaults_its_schema_states() {
        var request = new McpSchema.ElicitFormRequest("defaults please", Map.of("type", "object", "properties", Map.of(
                "name", Map.of("type", "string", "default", "John Doe"),
                "age", Map.of("type", "integer", "default", 30),
                "note", Map.of("type", "string"))), null);

        McpSchema.ElicitResult r = ElicitationDefaults.answer(request);

        assertThat(r.action()).isEqualTo(McpSchema.ElicitResult.Action.ACCEPT);
        assertThat(r.content()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "John Doe", "age", 30));
    }

    @Test
    void a_required_field_without_a_default_declines_the_form() {
        var request = new McpSchema.ElicitFormRequest("who are you", Map.of("type", "object",
                "properties", Map.of("name", Map.of("type", "string")), "required", List.of("name")), null);

        assertThat(ElicitationDefaults.answer(request).action()).isEqualTo(McpSchema.ElicitResult.Action.DECLINE);
    }
}

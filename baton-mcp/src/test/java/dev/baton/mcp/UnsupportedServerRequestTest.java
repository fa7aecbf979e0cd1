package dev.baton.mcp;

import dev.baton.config.McpServerSettings;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server request the client does not support (sampling: Baton declares no sampling capability)
 * gets a JSON-RPC error answer, not silence: the test server returns what it received.
 */
class UnsupportedServerRequestTest {

    @TempDir
    Path workspace;

    @Test
    void a_sampling_request_from_the_server_is_answered_with_a_method_not_found_error() throws Exception {
        Path script = Path.of(UnsupportedServerRequestTest.class.getResource("/asks-for-sampling.js").toURI());
        var settings = McpServerSettings.stdio(List.of(ReferenceServers.node(), script.toString()));
        try (McpToolSource source = McpServers.of("asker", settings, System.getenv(), workspace)) {
            var tool = source.tools().getFirst();

            ToolResult r = tool.call(JsonMapper.builder().build().createObjectNode(), ReferenceServers.context(workspace));

            JsonNode answer = JsonMapper.builder().build().readTree(r.content());
            assertThat(answer.path("id").asString()).isEqualTo("server-1");
            assertThat(answer.has("result")).isFalse();
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
        }
    }
}

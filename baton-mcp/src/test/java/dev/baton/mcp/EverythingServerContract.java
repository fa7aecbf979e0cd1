package dev.baton.mcp;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every transport to an MCP server must do, run against the reference server-everything:
 * each transport (stdio, Streamable HTTP) extends it with how to reach and how to crash the server.
 */
abstract class EverythingServerContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path workspace;

    McpToolSource source;

    /** A source named {@code everything} for the server, not started yet. */
    abstract McpToolSource newSource() throws Exception;

    /** Kills the server process abruptly (as a crash would). */
    abstract void crashServer() throws Exception;

    /** Makes a crashed server reachable again where the transport cannot start it itself (HTTP). */
    void bringServerBack() throws Exception {
    }

    @BeforeEach
    void createSource() throws Exception {
        source = newSource();
    }

    @AfterEach
    void closeSource() {
        if (source != null) source.close();
    }

    ToolContext ctx() {
        return ReferenceServers.context(workspace);
    }

    ToolResult call(String name, String argumentsJson) throws Exception {
        Tool tool = source.tools().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " in " + source.tools()));
        return tool.call((ObjectNode) JSON.readTree(argumentsJson), ctx());
    }

    @Test
    void lists_the_servers_tools_as_server_dot_tool_with_schema_description_and_category() {
        assertThat(source.name()).isEqualTo("mcp:everything");

        var tools = source.tools();

        assertThat(tools).extracting(Tool::name)
                .contains("everything.echo", "everything.get-sum", "everything.trigger-long-running-operation");
        Tool sum = tools.stream().filter(t -> t.name().equals("everything.get-sum")).findFirst().orElseThrow();
        assertThat(sum.parametersSchema()).contains("\"a\"").contains("\"b\"");
        assertThat(sum.description()).isNotBlank();
        assertThat(sum.category()).isEqualTo(ToolCategory.EXEC);
    }

    @Test
    void calls_echo_and_get_sum_with_arguments() throws Exception {
        assertThat(call("everything.echo", "{\"message\":\"hello baton\"}").content()).isEqualTo("Echo: hello baton");

        ToolResult sum = call("everything.get-sum", "{\"a\":2,\"b\":40}");

        assertThat(sum.isError()).isFalse();
        assertThat(sum.content()).contains("42");
    }

    @Test
    void structured_content_is_kept_and_images_are_described_by_type_and_size() throws Exception {
        ToolResult weather = call("everything.get-structured-content", "{\"location\":\"Chicago\"}");
        assertThat(weather.structuredContent()).isNotNull();
        assertThat(weather.structuredContent().has("temperature")).isTrue();

        ToolResult image = call("everything.get-tiny-image", "{}");
        assertThat(image.content()).containsPattern("\\[image: image/png, \\d+ bytes]");
    }

    @Test
    void a_tool_the_server_does_not_have_is_a_tool_error_not_an_exception() throws Exception {
        source.tools();

        ToolResult r = source.call("no-such-tool", JSON.createObjectNode(), ctx());

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("no-such-tool");
    }

    @Test
    void a_crash_mid_call_is_a_clear_tool_error_the_next_call_restarts_it_once_and_a_second_crash_is_final()
            throws Exception {
        source.tools();
        ToolResult crashed = crashDuringLongCall();
        assertThat(crashed.isError()).isTrue();
        assertThat(crashed.content()).contains("MCP server 'everything' stopped")
                .contains("trigger-long-running-operation").contains("the next call restarts it");
        bringServerBack();

        assertThat(call("everything.echo", "{\"message\":\"again\"}").content()).isEqualTo("Echo: again");

        ToolResult crashedAgain = crashDuringLongCall();
        assertThat(crashedAgain.isError()).isTrue();
        assertThat(crashedAgain.content()).contains("will not be again");
        bringServerBack();
        ToolResult refused = call("everything.echo", "{\"message\":\"third\"}");
        assertThat(refused.isError()).isTrue();
        assertThat(refused.content()).contains("is not restarted again");
    }

    private ToolResult crashDuringLongCall() throws Exception {
        CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> {
            try {
                return call("everything.trigger-long-running-operation", "{\"duration\":60,\"steps\":60}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        // the call must be in flight: give the request time to reach the server, then kill it
        Thread.sleep(1_500);
        assertThat(call).isNotDone();
        crashServer();
        return call.get(30, TimeUnit.SECONDS);
    }
}

package dev.baton.mcp;

import dev.baton.config.McpServerSettings;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference server-filesystem over stdio, allowed one folder, configured as a {@code read} server. */
class FilesystemServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    private McpToolSource fs;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(workspace.resolve("notes.txt"), "line one\nline two\n");
        Files.writeString(outside.resolve("secret.txt"), "not yours");
        var settings = new McpServerSettings(ReferenceServers.node(),
                List.of(ReferenceServers.filesystemScript().toString(), "."), null, null, null, null, "read", 30.0);
        fs = McpServers.of("fs", settings, System.getenv(), workspace);
    }

    @AfterEach
    void stop() {
        fs.close();
    }

    private ToolResult call(String name, String args) throws Exception {
        Tool tool = fs.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return tool.call((ObjectNode) JSON.readTree(args), ReferenceServers.context(workspace));
    }

    @Test
    void lists_the_file_tools_with_the_configured_category() {
        var tools = fs.tools();

        assertThat(tools).extracting(Tool::name)
                .contains("fs.read_text_file", "fs.write_file", "fs.list_directory", "fs.search_files");
        assertThat(tools).allSatisfy(t -> assertThat(t.category()).isEqualTo(ToolCategory.READ));
    }

    @Test
    void reads_a_file_in_the_allowed_folder_which_is_the_configured_working_folder() throws Exception {
        ToolResult r = call("fs.read_text_file", "{\"path\":\"" + workspace.resolve("notes.txt") + "\",\"head\":1}");

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("line one");
    }

    @Test
    void a_path_outside_the_allowed_folder_is_a_tool_error_the_model_sees() throws Exception {
        ToolResult r = call("fs.read_text_file", "{\"path\":\"" + outside.resolve("secret.txt") + "\"}");

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).containsIgnoringCase("access denied").doesNotContain("not yours");
    }
}

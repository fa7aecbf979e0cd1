package dev.baton.mcp.server;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.library.Library;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The library tools through the real server and the SDK's client, with valid and invalid arguments. */
class LibraryToolsTest {

    @TempDir
    static Path dir;

    private static Path dotBaton;
    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        dotBaton = dir.resolve("project/.baton");
        Files.createDirectories(dotBaton.resolve("ensembles"));
        Files.writeString(dotBaton.resolve("config.yaml"), "providers:\n  fake: {kind: scripted}\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as("error: %s", r.content()).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(McpSchema.CallToolResult r) {
        return ((List<Map<String, Object>>) structured(r).get("entries")).stream().map(e -> (String) e.get("name")).toList();
    }

    private static void assertRefused(McpSchema.CallToolResult r, String field) {
        assertThat(r.isError()).as("expected an error: %s", r.content()).isTrue();
        assertThat(((McpSchema.TextContent) r.content().getFirst()).text()).contains(field);
    }

    @Test
    void browse_lists_every_entry_or_one_kind() {
        assertThat(names(call("library_browse", Map.of()))).hasSize(Library.load().entries().size()).contains("read_file", "code-review");
        assertThat(names(call("library_browse", Map.of("kind", "ensemble")))).contains("code-review").doesNotContain("read_file");
        assertRefused(call("library_browse", Map.of("kind", "model")), "kind");
    }

    @Test
    void search_finds_entries_holding_every_word_best_first() {
        assertThat(names(call("library_search", Map.of("query", "read_file")))).first().isEqualTo("read_file");
        assertThat(names(call("library_search", Map.of("query", "zzzz-nothing")))).isEmpty();
        assertRefused(call("library_search", Map.of()), "query");
        assertRefused(call("library_search", Map.of("query", "   ")), "query");
    }

    @Test
    @SuppressWarnings("unchecked")
    void info_shows_each_file_with_its_text() {
        Map<String, Object> info = structured(call("library_info", Map.of("name", "read_file")));

        assertThat(info).containsEntry("kind", "script");
        List<Map<String, Object>> files = (List<Map<String, Object>>) info.get("files");
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat((String) f.get("content")).isNotBlank());
        assertThat(files.getFirst().get("target").toString()).startsWith(".baton/");
        assertRefused(call("library_info", Map.of("name", "no-such-entry")), "name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void copy_installs_the_files_and_never_overwrites_changed_ones_without_overwrite() throws Exception {
        Map<String, Object> copied = structured(call("library_copy", Map.of("name", "json_select")));
        List<Map<String, Object>> files = (List<Map<String, Object>>) copied.get("files");
        assertThat(files).allSatisfy(f -> assertThat(f).containsEntry("action", "created"));
        Path first = dotBaton.resolve((String) files.getFirst().get("path"));
        assertThat(first).hasContent(Library.read((String) files.getFirst().get("path")));

        assertThat((List<Map<String, Object>>) structured(call("library_copy", Map.of("name", "json_select"))).get("files"))
                .allSatisfy(f -> assertThat(f).containsEntry("action", "unchanged"));
        Files.writeString(first, "# my own edit\n");
        assertRefused(call("library_copy", Map.of("name", "json_select")), "overwrite");
        assertThat(first).hasContent("# my own edit\n");

        structured(call("library_copy", Map.of("name", "json_select", "overwrite", true)));
        assertThat(first).hasContent(Library.read((String) files.getFirst().get("path")));
        assertRefused(call("library_copy", Map.of("name", "nope")), "name");
        assertRefused(call("library_copy", Map.of("name", "json_select", "overwrite", "yes")), "overwrite");
    }
}

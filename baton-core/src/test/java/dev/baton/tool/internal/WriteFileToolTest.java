package dev.baton.tool.internal;

import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

class WriteFileToolTest {

    @TempDir
    Path root;

    private final WriteFileTool tool = new WriteFileTool();

    @Test
    void given_a_new_path_in_missing_folders_when_written_then_created_with_its_folders() throws Exception {
        ToolResult r = call(tool, sandbox(root), args("path", "a/b/c.txt", "content", "héllo\n"));

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(r.content()).isEqualTo("created a/b/c.txt (7 bytes)");
        assertThat(Files.readString(root.resolve("a/b/c.txt"))).isEqualTo("héllo\n");
    }

    @Test
    void given_an_existing_file_when_written_then_replaced_and_no_temporary_file_is_left() throws Exception {
        Files.writeString(root.resolve("x.txt"), "old content that is longer");

        ToolResult r = call(tool, sandbox(root), args("path", "x.txt", "content", "new"));

        assertThat(r.content()).isEqualTo("replaced x.txt (3 bytes)");
        assertThat(Files.readString(root.resolve("x.txt"))).isEqualTo("new");
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.txt");
        }
    }

    @Test
    void given_a_folder_when_written_then_refused() throws Exception {
        Files.createDirectories(root.resolve("dir"));

        ToolResult r = call(tool, sandbox(root), args("path", "dir", "content", "x"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("dir is a folder");
        assertThat(root.resolve("dir")).isDirectory();
    }
}

package dev.baton.tool.internal;

import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

class ListDirAndFileInfoToolTest {

    @TempDir
    Path root;

    @Test
    void given_a_folder_when_listed_then_entries_sorted_with_type_and_size() throws Exception {
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("src/b.txt"), "12345");
        Files.writeString(root.resolve("src/a.txt"), "");
        Files.createSymbolicLink(root.resolve("src/link"), root.resolve("src/a.txt"));

        ToolResult r = call(new ListDirTool(), sandbox(root), args("path", "src"));

        assertThat(r.content()).isEqualTo("src (4 entries)\nfile 0 a.txt\nfile 5 b.txt\nlink - link\ndir - main/\n");
        assertThat(r.structuredContent().get("entries")).hasSize(4);
        assertThat(r.structuredContent().get("entries").get(1).get("size").asInt()).isEqualTo(5);
    }

    @Test
    void given_no_path_when_listed_then_the_workspace_root() throws Exception {
        Files.writeString(root.resolve("README.md"), "hi");

        assertThat(call(new ListDirTool(), sandbox(root), args()).content()).startsWith(". (1 entries)\nfile 2 README.md");
    }

    @Test
    void given_a_file_when_listed_then_an_error_pointing_to_file_info() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");

        ToolResult r = call(new ListDirTool(), sandbox(root), args("path", "a.txt"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("not a folder").contains("file_info");
    }

    @Test
    void given_a_text_file_when_described_then_size_type_modified_and_lines() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\nthree\n");

        ToolResult r = call(new FileInfoTool(), sandbox(root), args("path", "a.txt"));

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).contains("type: file\n", "size: 14\n", "content: text\n", "lines: 3\n", "modified: ");
        assertThat(r.structuredContent().get("lines").asInt()).isEqualTo(3);
    }

    @Test
    void given_a_binary_file_and_a_folder_when_described_then_no_line_count() throws Exception {
        Files.write(root.resolve("b.bin"), new byte[]{0, 1, 2});
        Files.createDirectories(root.resolve("dir"));

        assertThat(call(new FileInfoTool(), sandbox(root), args("path", "b.bin")).content())
                .contains("content: binary").doesNotContain("lines:");
        assertThat(call(new FileInfoTool(), sandbox(root), args("path", "dir")).content())
                .contains("type: dir").doesNotContain("lines:");
    }

    @Test
    void given_a_missing_path_when_described_then_an_error() throws Exception {
        ToolResult r = call(new FileInfoTool(), sandbox(root), args("path", "nope"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("no such file or folder: nope");
    }
}

package dev.baton.tool.internal;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

/** Every file tool refuses paths that leave the workspace, and the writing ones refuse .git/. */
class FileToolsStayInsideWorkspaceTest {

    private static final String SECRET = "top-secret-content";

    @TempDir
    static Path base;

    private Path root;
    private Path outside;

    /** A tool and how to hand it a path. */
    record Case(String tool, Function<String, ObjectNode> argsFor) {
        @Override
        public String toString() {
            return tool;
        }
    }

    private static final List<Case> READERS = List.of(
            new Case("read_file", p -> args("path", p)),
            new Case("list_dir", p -> args("path", p)),
            new Case("search_text", p -> args("pattern", "secret", "path", p)),
            new Case("file_info", p -> args("path", p)));

    private static final List<Case> WRITERS = List.of(
            new Case("write_file", p -> args("path", p, "content", "overwritten")),
            new Case("apply_patch", p -> args("patch", "--- a/" + p + "\n+++ b/" + p + "\n@@ -1 +1 @@\n-" + SECRET + "\n+overwritten\n")));

    @BeforeEach
    void workspace() throws Exception {
        Path here = Files.createTempDirectory(base, "case");
        root = Files.createDirectories(here.resolve("ws"));
        outside = Files.createDirectories(here.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
        Files.createSymbolicLink(root.resolve("link-out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-link"), outside);
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), SECRET + "\n");
    }

    static Stream<Arguments> everyFileTool() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : READERS) out.add(Arguments.of(c));
        for (Case c : WRITERS) out.add(Arguments.of(c));
        return out.stream();
    }

    static Stream<Arguments> writingTools() {
        return WRITERS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFileTool")
    void given_a_dot_dot_path_out_of_the_root_when_called_then_refused(Case c) throws Exception {
        assertRefused(c, "../../../../../../etc/passwd");
        assertRefused(c, "../outside/secret.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFileTool")
    void given_an_absolute_path_outside_when_called_then_refused(Case c) throws Exception {
        assertRefused(c, outside.resolve("secret.txt").toString());
        assertRefused(c, "/etc/passwd");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFileTool")
    void given_a_symlink_pointing_out_of_the_root_when_called_then_refused(Case c) throws Exception {
        assertRefused(c, "link-out");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFileTool")
    void given_a_path_through_a_symlinked_folder_pointing_out_when_called_then_refused(Case c) throws Exception {
        assertRefused(c, "dir-link/secret.txt");
        assertRefused(c, "dir-link");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writingTools")
    void given_a_path_under_dot_git_when_written_then_refused(Case c) throws Exception {
        assertRefused(c, ".git/config");
        assertThat(Files.readString(root.resolve(".git/config"))).isEqualTo(SECRET + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writingTools")
    void given_a_dangling_symlink_when_written_then_refused_and_nothing_is_created_outside(Case c) throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("new.txt"));

        assertRefused(c, "dangling");

        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void given_symlinks_out_of_the_root_when_the_whole_tree_is_searched_then_they_are_not_followed() throws Exception {
        ToolResult result = call(new SearchTextTool(), sandbox(root), args("pattern", "secret"));

        assertThat(result.isError()).as(result.content()).isFalse();
        assertThat(result.content()).doesNotContain(SECRET).contains("(0 matches");
    }

    private void assertRefused(Case c, String path) throws Exception {
        Tool tool = tool(c.tool());
        ToolResult result = call(tool, sandbox(root), c.argsFor().apply(path));

        assertThat(result.isError()).as("%s(%s) -> %s", c.tool(), path, result.content()).isTrue();
        assertThat(result.content()).contains("refused").doesNotContain(SECRET);
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(SECRET + "\n");
    }

    private static Tool tool(String name) {
        return switch (name) {
            case "read_file" -> new ReadFileTool();
            case "list_dir" -> new ListDirTool();
            case "search_text" -> new SearchTextTool();
            case "file_info" -> new FileInfoTool();
            case "write_file" -> new WriteFileTool();
            case "apply_patch" -> new ApplyPatchTool();
            default -> throw new IllegalArgumentException(name);
        };
    }
}

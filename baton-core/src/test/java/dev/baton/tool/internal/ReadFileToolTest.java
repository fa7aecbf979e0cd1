package dev.baton.tool.internal;

import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

class ReadFileToolTest {

    @TempDir
    Path root;

    private final ReadFileTool tool = new ReadFileTool();

    private void lines(String name, int count) throws Exception {
        Files.writeString(root.resolve(name), IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void given_no_range_when_read_then_every_line_numbered_after_a_header() throws Exception {
        lines("a.txt", 3);

        ToolResult r = call(tool, sandbox(root), args("path", "a.txt"));

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("a.txt (lines 1-3 of 3)\n1\tline 1\n2\tline 2\n3\tline 3\n");
    }

    @Test
    void given_a_range_when_read_then_only_those_lines_and_a_hint_for_the_rest() throws Exception {
        lines("a.txt", 10);

        ToolResult r = call(tool, sandbox(root), args("path", "a.txt", "start_line", 4, "end_line", 6));

        assertThat(r.content()).startsWith("a.txt (lines 4-6 of 10); more lines follow, ask with start_line=7\n")
                .contains("4\tline 4\n5\tline 5\n6\tline 6\n").doesNotContain("line 3", "line 7");
    }

    @Test
    void given_an_end_past_the_file_when_read_then_up_to_the_last_line() throws Exception {
        lines("a.txt", 5);

        ToolResult r = call(tool, sandbox(root), args("path", "a.txt", "start_line", 4, "end_line", 99));

        assertThat(r.content()).startsWith("a.txt (lines 4-5 of 5)\n").endsWith("5\tline 5\n");
    }

    @Test
    void given_a_start_past_the_end_or_before_the_start_when_read_then_an_error_naming_it() throws Exception {
        lines("a.txt", 5);

        assertThat(call(tool, sandbox(root), args("path", "a.txt", "start_line", 9)).content())
                .contains("start_line 9 is past the end").contains("5 lines");
        assertThat(call(tool, sandbox(root), args("path", "a.txt", "start_line", 4, "end_line", 2)).content())
                .contains("'end_line' (2) is before 'start_line' (4)");
    }

    @Test
    void given_a_long_file_when_read_without_range_then_at_most_the_line_limit() throws Exception {
        lines("big.txt", ReadFileTool.MAX_LINES + 50);

        ToolResult r = call(tool, sandbox(root), args("path", "big.txt"));

        assertThat(r.content()).startsWith("big.txt (lines 1-2000 of 2050); more lines follow, ask with start_line=2001");
    }

    @Test
    void given_a_binary_file_when_read_then_refused_clearly() throws Exception {
        Files.write(root.resolve("blob.bin"), new byte[]{1, 2, 0, 3});

        ToolResult r = call(tool, sandbox(root), args("path", "blob.bin"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("blob.bin is a binary file").contains("file_info");
    }

    @Test
    void given_invalid_utf8_when_read_then_refused_clearly() throws Exception {
        Files.write(root.resolve("latin1.txt"), new byte[]{'c', 'a', 'f', (byte) 0xE9, '\n'});

        ToolResult r = call(tool, sandbox(root), args("path", "latin1.txt"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("not valid UTF-8");
    }

    @Test
    void given_a_folder_or_a_missing_file_when_read_then_an_error_saying_which() throws Exception {
        Files.createDirectories(root.resolve("src"));

        assertThat(call(tool, sandbox(root), args("path", "src")).content()).contains("src is a folder");
        assertThat(call(tool, sandbox(root), args("path", "nope.txt")).content()).contains("no such file: nope.txt");
    }

    @Test
    void given_output_over_the_cap_when_read_then_cut_and_flagged() throws Exception {
        lines("a.txt", 500);

        ToolResult r = call(tool, sandbox(root, Duration.ofSeconds(30), 300, Map.of()), args("path", "a.txt"));

        assertThat(r.truncated()).isTrue();
        assertThat(r.content().length()).isLessThanOrEqualTo(300);
        assertThat(r.content()).startsWith("a.txt (lines 1-500 of 500)");
    }
}

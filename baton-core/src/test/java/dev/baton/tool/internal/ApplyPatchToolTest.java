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

class ApplyPatchToolTest {

    @TempDir
    Path root;

    private final ApplyPatchTool tool = new ApplyPatchTool();

    private ToolResult apply(String patch) throws Exception {
        return call(tool, sandbox(root), args("patch", patch));
    }

    @Test
    void given_a_clean_patch_when_applied_then_the_file_changes() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\nthree\nfour\n");

        ToolResult r = apply("""
                diff --git a/a.txt b/a.txt
                --- a/a.txt
                +++ b/a.txt
                @@ -1,4 +1,4 @@
                 one
                -two
                +TWO
                 three
                 four
                """);

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(r.content()).isEqualTo("patched a.txt (1 hunk)\n");
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("one\nTWO\nthree\nfour\n");
    }

    @Test
    void given_a_hunk_at_a_shifted_line_when_applied_then_it_is_found_by_exact_context() throws Exception {
        Files.writeString(root.resolve("a.txt"), "new first\nnew second\none\ntwo\nthree\n");

        ToolResult r = apply("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n");

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("new first\nnew second\none\n2\nthree\n");
    }

    @Test
    void given_a_hunk_that_does_not_match_when_applied_then_refused_naming_the_hunk_and_no_file_changes() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\n");
        Files.writeString(root.resolve("b.txt"), "alpha\nbeta\n");

        ToolResult r = apply("""
                --- a/a.txt
                +++ b/a.txt
                @@ -1,2 +1,2 @@
                 one
                -two
                +TWO
                --- a/b.txt
                +++ b/b.txt
                @@ -1,2 +1,2 @@
                 alpha
                -gamma
                +GAMMA
                """);

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("hunk 1 (@@ -1,2 +1,2 @@) of b.txt does not apply")
                .contains("line 2 is 'beta' but the hunk expects 'gamma'").contains("Nothing was changed");
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("one\ntwo\n");
        assertThat(Files.readString(root.resolve("b.txt"))).isEqualTo("alpha\nbeta\n");
    }

    @Test
    void given_new_and_deleted_files_when_applied_then_created_and_removed() throws Exception {
        Files.writeString(root.resolve("old.txt"), "bye\n");

        ToolResult r = apply("""
                --- /dev/null
                +++ b/dir/new.txt
                @@ -0,0 +1,2 @@
                +hello
                +world
                --- a/old.txt
                +++ /dev/null
                @@ -1 +0,0 @@
                -bye
                """);

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(Files.readString(root.resolve("dir/new.txt"))).isEqualTo("hello\nworld\n");
        assertThat(root.resolve("old.txt")).doesNotExist();
    }

    @Test
    void given_a_no_newline_marker_when_applied_then_the_file_ends_without_one() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x\ny\n");

        ToolResult r = apply("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n\\ No newline at end of file\n");

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("x\nz");
    }

    @Test
    void given_two_hunks_when_applied_then_both_land() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20; i++) text.append("l").append(i).append('\n');
        Files.writeString(root.resolve("a.txt"), text);

        ToolResult r = apply("--- a/a.txt\n+++ b/a.txt\n@@ -2,1 +2,2 @@\n l2\n+inserted\n@@ -18,2 +19,1 @@\n-l18\n l19\n");

        assertThat(r.isError()).as(r.content()).isFalse();
        String out = Files.readString(root.resolve("a.txt"));
        assertThat(out).contains("l2\ninserted\nl3\n").contains("l17\nl19\n").doesNotContain("l18");
    }

    @Test
    void given_text_that_is_not_a_diff_when_applied_then_an_error_saying_so() throws Exception {
        ToolResult r = apply("just some words\n");

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("not a unified diff");
    }

    @Test
    void given_a_cut_hunk_when_applied_then_an_error_naming_the_patch_line() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\n");

        ToolResult r = apply("--- a/a.txt\n+++ b/a.txt\n@@ -1,5 +1,5 @@\n one\n");

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("argument 'patch', line").contains("ends before the lines its header counts");
    }
}

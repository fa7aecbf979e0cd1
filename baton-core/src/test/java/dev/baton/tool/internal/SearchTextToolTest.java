package dev.baton.tool.internal;

import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.baton.tool.internal.ToolTestSupport.args;
import static dev.baton.tool.internal.ToolTestSupport.call;
import static dev.baton.tool.internal.ToolTestSupport.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

class SearchTextToolTest {

    @TempDir
    Path root;

    private final SearchTextTool tool = new SearchTextTool();

    private void file(String path, String content) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @BeforeEach
    void tree() throws Exception {
        file(".gitignore", "target/\n*.log\n");
        file("src/Main.java", "class Main {\n  // NEEDLE here\n}\n");
        file("src/notes.md", "a NEEDLE in notes\n");
        file("target/Gen.java", "NEEDLE generated\n");
        file("app.log", "NEEDLE in a log\n");
        file("sub/.gitignore", "secret.txt\n!keep.log\n");
        file("sub/secret.txt", "NEEDLE ignored by the nested file\n");
        file("sub/keep.log", "NEEDLE re-included by the nested file\n");
        file("sub/deeper/x.txt", "NEEDLE deep\n");
        file(".git/HEAD", "NEEDLE in git internals\n");
        Files.write(root.resolve("src/blob.bin"), new byte[]{'N', 'E', 'E', 'D', 'L', 'E', 0});
    }

    @Test
    void given_gitignore_files_at_several_levels_when_searched_then_ignored_files_are_skipped() throws Exception {
        ToolResult r = call(tool, sandbox(root), args("pattern", "NEEDLE"));

        assertThat(r.isError()).as(r.content()).isFalse();
        assertThat(r.content()).contains("src/Main.java:2:   // NEEDLE here", "src/notes.md:1: a NEEDLE in notes",
                        "sub/keep.log:1:", "sub/deeper/x.txt:1:") // and the two .gitignore files are searched too
                .doesNotContain("target/Gen.java", "app.log", "sub/secret.txt", ".git/HEAD", "blob.bin")
                .contains("(4 matches in 6 files searched)");
        assertThat(r.content().lines().map(l -> l.substring(0, l.indexOf(':') + 1)).limit(4))
                .as("files in name order").containsExactly("src/Main.java:", "src/notes.md:", "sub/deeper/x.txt:", "sub/keep.log:");
    }

    @Test
    void given_a_subfolder_when_searched_then_the_root_gitignore_still_applies() throws Exception {
        file("sub/deeper/trace.log", "NEEDLE log below\n");

        ToolResult r = call(tool, sandbox(root), args("pattern", "NEEDLE", "path", "sub/deeper"));

        assertThat(r.content()).contains("sub/deeper/x.txt:1:").doesNotContain("trace.log");
    }

    @Test
    void given_a_glob_when_searched_then_only_matching_names() throws Exception {
        assertThat(call(tool, sandbox(root), args("pattern", "NEEDLE", "glob", "*.java")).content())
                .contains("src/Main.java").doesNotContain("notes.md", "x.txt");
        assertThat(call(tool, sandbox(root), args("pattern", "NEEDLE", "glob", "sub/**/*.txt")).content())
                .contains("sub/deeper/x.txt").doesNotContain("Main.java");
    }

    @Test
    void given_more_matches_than_the_cap_when_searched_then_it_stops_and_says_so() throws Exception {
        file("many.txt", "hit\n".repeat(50));

        ToolResult r = call(tool, sandbox(root), args("pattern", "^hit$", "max_matches", 10));

        assertThat(r.content().lines().filter(l -> l.startsWith("many.txt:"))).hasSize(10);
        assertThat(r.content()).contains("stopped at 10 matches");
    }

    @Test
    void given_ignore_case_when_searched_then_case_is_ignored() throws Exception {
        assertThat(call(tool, sandbox(root), args("pattern", "needle here", "ignore_case", true)).content())
                .contains("src/Main.java:2:");
        assertThat(call(tool, sandbox(root), args("pattern", "needle here")).content()).contains("(0 matches");
    }

    @Test
    void given_an_invalid_regex_when_searched_then_an_error_naming_the_argument() throws Exception {
        ToolResult r = call(tool, sandbox(root), args("pattern", "(unclosed"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("argument 'pattern' is not a valid regular expression");
    }
}

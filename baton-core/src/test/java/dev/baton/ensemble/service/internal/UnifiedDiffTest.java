package dev.baton.ensemble.service.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {

    @Test
    void equal_texts_have_an_empty_diff() {
        assertThat(UnifiedDiff.of("a\nb\n", "a\nb\n", "x", "y")).isEmpty();
    }

    @Test
    void a_changed_line_is_one_hunk_with_three_lines_of_context() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        assertThat(UnifiedDiff.of(before, after, "old", "new")).isEqualTo("""
                --- old
                +++ new
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void distant_changes_make_separate_hunks_and_a_new_file_is_all_additions() {
        String before = String.join("\n", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l") + "\n";
        String after = before.replace("a\n", "A\n").replace("l\n", "L\n");

        assertThat(UnifiedDiff.of(before, after, "o", "n")).contains("@@ -1,4 +1,4 @@").contains("@@ -9,4 +9,4 @@");
        assertThat(UnifiedDiff.of("", "x\ny\n", "/dev/null", "n")).isEqualTo("--- /dev/null\n+++ n\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }
}

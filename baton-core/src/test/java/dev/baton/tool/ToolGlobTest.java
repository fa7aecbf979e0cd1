package dev.baton.tool;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tool-name globs: {@code *} over any run (dots included), {@code ?} over one character. */
class ToolGlobTest {

    @Test
    void a_plain_name_matches_only_itself() {
        assertThat(ToolGlob.matches("read_file", "read_file")).isTrue();
        assertThat(ToolGlob.matches("read_file", "read_files")).isFalse();
        assertThat(ToolGlob.isGlob("read_file")).isFalse();
    }

    @Test
    void a_star_matches_any_run_of_characters_dots_included() {
        assertThat(ToolGlob.matches("fs.*", "fs.read_text_file")).isTrue();
        assertThat(ToolGlob.matches("fs.*", "fs.")).isTrue();
        assertThat(ToolGlob.matches("*", "a.b.c")).isTrue();
        assertThat(ToolGlob.matches("*_file", "fs.write_file")).isTrue();
        assertThat(ToolGlob.matches("fs.*", "fsx.read")).isFalse();
        assertThat(ToolGlob.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(ToolGlob.matches("a*b*c", "aXXbYY")).isFalse();
    }

    @Test
    void a_question_mark_matches_exactly_one_character() {
        assertThat(ToolGlob.matches("tool?", "tool1")).isTrue();
        assertThat(ToolGlob.matches("tool?", "tool")).isFalse();
        assertThat(ToolGlob.matches("tool?", "tool12")).isFalse();
        assertThat(ToolGlob.isGlob("tool?")).isTrue();
    }

    @Test
    void matches_any_is_true_when_one_pattern_matches() {
        assertThat(ToolGlob.matchesAny(List.of("x", "read_*"), "read_file")).isTrue();
        assertThat(ToolGlob.matchesAny(List.of(), "read_file")).isFalse();
    }
}

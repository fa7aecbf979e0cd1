package dev.baton.tool.internal;

import org.junit.jupiter.api.Test;

import static dev.baton.tool.internal.GitignoreRules.Verdict.IGNORED;
import static dev.baton.tool.internal.GitignoreRules.Verdict.INCLUDED;
import static dev.baton.tool.internal.GitignoreRules.Verdict.UNDECIDED;
import static org.assertj.core.api.Assertions.assertThat;

class GitignoreRulesTest {

    @Test
    void given_a_bare_name_then_it_matches_at_any_depth() {
        GitignoreRules r = GitignoreRules.parse("target\n*.log\n");

        assertThat(r.match("target", true)).isEqualTo(IGNORED);
        assertThat(r.match("sub/target", true)).isEqualTo(IGNORED);
        assertThat(r.match("a/b/x.log", false)).isEqualTo(IGNORED);
        assertThat(r.match("x.log.txt", false)).isEqualTo(UNDECIDED);
    }

    @Test
    void given_a_slash_inside_then_anchored_to_the_files_folder() {
        GitignoreRules r = GitignoreRules.parse("/build\ndoc/gen\n");

        assertThat(r.match("build", true)).isEqualTo(IGNORED);
        assertThat(r.match("sub/build", true)).isEqualTo(UNDECIDED);
        assertThat(r.match("doc/gen", true)).isEqualTo(IGNORED);
        assertThat(r.match("x/doc/gen", true)).isEqualTo(UNDECIDED);
    }

    @Test
    void given_a_trailing_slash_then_folders_only() {
        GitignoreRules r = GitignoreRules.parse("out/\n");

        assertThat(r.match("out", true)).isEqualTo(IGNORED);
        assertThat(r.match("out", false)).isEqualTo(UNDECIDED);
    }

    @Test
    void given_a_negation_after_then_the_last_matching_rule_wins() {
        GitignoreRules r = GitignoreRules.parse("*.log\n!keep.log\n# comment\n\n");

        assertThat(r.match("a.log", false)).isEqualTo(IGNORED);
        assertThat(r.match("keep.log", false)).isEqualTo(INCLUDED);
    }

    @Test
    void given_double_stars_then_they_span_folders() {
        GitignoreRules r = GitignoreRules.parse("**/cache\nlogs/**\na/**/z\n");

        assertThat(r.match("cache", true)).isEqualTo(IGNORED);
        assertThat(r.match("x/y/cache", true)).isEqualTo(IGNORED);
        assertThat(r.match("logs/a/b.txt", false)).isEqualTo(IGNORED);
        assertThat(r.match("a/z", false)).isEqualTo(IGNORED);
        assertThat(r.match("a/b/c/z", false)).isEqualTo(IGNORED);
        assertThat(r.match("b/a/z", false)).isEqualTo(UNDECIDED);
    }

    @Test
    void given_classes_and_question_marks_then_one_character_not_a_slash() {
        GitignoreRules r = GitignoreRules.parse("file?.[ch]\n");

        assertThat(r.match("file1.c", false)).isEqualTo(IGNORED);
        assertThat(r.match("file1.o", false)).isEqualTo(UNDECIDED);
        assertThat(r.match("file/.c", false)).isEqualTo(UNDECIDED);
    }
}

package dev.baton.server.api.internal;

import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.Tier;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the syntax check of a script's new text reports, and when it only warns. */
class ScriptSyntaxCheckTest {

    private static ScriptInfo script(String name, String interpreter) {
        return new ScriptInfo(name, Tier.PROJECT, Path.of("/nowhere", name), interpreter, "", false);
    }

    @Test
    void given_a_missing_checker_when_checked_then_it_is_a_warning_naming_it_not_an_error() throws Exception {
        ScriptSyntaxCheck check = new ScriptSyntaxCheck(name -> "baton-no-such-" + name);

        ScriptSyntaxCheck.Findings found = check.check(script("tool.py", "python3"), "def f(:\n");

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).extracting(Problem::message).singleElement().asString().contains("python3", "not installed");
    }

    @Test
    void given_a_language_without_a_parse_only_checker_then_only_the_text_is_checked_with_a_warning() throws Exception {
        ScriptSyntaxCheck.Findings found = new ScriptSyntaxCheck().check(script("tool.js", "node"), "console.log(1)\n");

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).extracting(Problem::message).singleElement().asString().contains("no syntax check for node");
    }

    @Test
    void given_a_nul_character_then_it_is_refused_at_its_line() throws Exception {
        ScriptSyntaxCheck.Findings found = new ScriptSyntaxCheck().check(script("a.sh", "bash"), "echo\necho \0\n");

        assertThat(found.errors()).extracting(Problem::line).containsExactly(2);
    }

    @Test
    void dash_and_bash_messages_become_problems_at_their_lines_without_the_temporary_path() {
        List<Problem> dash = ScriptSyntaxCheck.parse("a.sh", "/tmp/x1/a.sh", "/tmp/x1/a.sh: 2: Syntax error: \"fi\" unexpected\n");
        List<Problem> bash = ScriptSyntaxCheck.parse("a.sh", "/tmp/x1/a.sh", "/tmp/x1/a.sh: line 4: syntax error: unexpected end of file\n");

        assertThat(dash).extracting(Problem::line, Problem::message).containsExactly(org.assertj.core.groups.Tuple.tuple(2, "Syntax error: \"fi\" unexpected"));
        assertThat(bash).extracting(Problem::line, Problem::message).containsExactly(org.assertj.core.groups.Tuple.tuple(4, "syntax error: unexpected end of file"));
    }
}

package dev.baton.cli;

import dev.baton.tool.Approver;
import dev.baton.tool.ToolCategory;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal approver's answers: y, n, a, unclear answers and end of input. */
class TerminalApproverTest {

    private final StringWriter prompt = new StringWriter();

    private Approver.Decision answer(String input) {
        TerminalApprover approver = new TerminalApprover(new BufferedReader(new StringReader(input)), new PrintWriter(prompt, true));
        return approver.decide(new Approver.Request("run-1", "writer", "write_file", ToolCategory.WRITE, "{\"path\":\"a\"}"));
    }

    @Test
    void y_allows_this_call_and_a_allows_the_tool_for_the_run() {
        assertThat(answer("y\n").verdict()).isEqualTo(Approver.Verdict.ALLOW);
        assertThat(answer("YES\n").verdict()).isEqualTo(Approver.Verdict.ALLOW);
        assertThat(answer("a\n").verdict()).isEqualTo(Approver.Verdict.ALLOW_ALWAYS);
        assertThat(answer("a\n").decidedBy()).isEqualTo("user");
    }

    @Test
    void n_denies_and_the_question_names_agent_tool_category_and_arguments() {
        Approver.Decision d = answer("n\n");

        assertThat(d.verdict()).isEqualTo(Approver.Verdict.DENY);
        assertThat(d.reason()).contains("denied").contains("write_file");
        assertThat(prompt.toString()).contains("agent 'writer'").contains("write_file (write)").contains("{\"path\":\"a\"}");
    }

    @Test
    void unclear_answers_are_asked_again_then_denied_and_end_of_input_denies() {
        assertThat(answer("what\ny\n").verdict()).isEqualTo(Approver.Verdict.ALLOW);
        assertThat(answer("x\nx\nx\ny\n").verdict()).isEqualTo(Approver.Verdict.DENY);
        assertThat(answer("").verdict()).isEqualTo(Approver.Verdict.DENY);
    }
}

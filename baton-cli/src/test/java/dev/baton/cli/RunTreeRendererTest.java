package dev.baton.cli;

import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunTreeRendererTest {

    private static final Instant T0 = Instant.parse("2025-01-02T10:00:00Z");

    private static final EnsembleSpec SPEC = EnsembleSpec.of("review", List.of(
            AgentSpec.builder("files").script("ls *.py").build(),
            AgentSpec.builder("file-review").modelProfile("fast").dependsOn("files").fanOut(true).build(),
            AgentSpec.builder("lint").script("lint.sh").dependsOn("files").build(),
            AgentSpec.builder("security").modelProfile("smart").build(),
            AgentSpec.builder("summary").modelProfile("smart").dependsOn("security", "file-review").build(),
            AgentSpec.builder("extra").modelProfile("smart").dependsOn("summary").build()));

    /** files done, file-review running with usage so far, lint failed, security done, summary and extra pending. */
    private static RunProgress midRun() {
        RunProgress p = new RunProgress(SPEC);
        p.onEvent(new RunEvent.RunStarted("r1", "review", "in", 6, T0));
        p.onEvent(new RunEvent.AgentStarted("r1", "files", T0));
        p.onEvent(new RunEvent.AgentStarted("r1", "security", T0));
        p.onEvent(new RunEvent.AgentCompleted("r1", result("files", AgentStatus.COMPLETED, 0, T0, T0.plusMillis(400), null), T0.plusMillis(400)));
        p.onEvent(new RunEvent.AgentStarted("r1", "file-review", T0.plusMillis(400)));
        p.onEvent(new RunEvent.AgentStarted("r1", "lint", T0.plusMillis(400)));
        p.onEvent(new RunEvent.UsageRecorded("r1", "file-review", "scripted/m", Usage.of(1000, 234).withCost(new BigDecimal("0.0123")), T0.plusMillis(900)));
        p.onEvent(new RunEvent.AgentFailed("r1", result("lint", AgentStatus.FAILED, 0, T0.plusMillis(400), T0.plusMillis(700),
                new AgentError(ErrorCode.AGENT_FAILURE, "script exited with status 3: boom")), T0.plusMillis(700)));
        p.onEvent(new RunEvent.AgentCompleted("r1", result("security", AgentStatus.COMPLETED, 50, T0, T0.plusMillis(1500), null), T0.plusMillis(1500)));
        return p;
    }

    private static AgentResult result(String name, AgentStatus status, long tokens, Instant start, Instant end, AgentError error) {
        return AgentResult.builder(name, status).output(error == null ? "out" : null).error(error)
                .usage(tokens == 0 ? Usage.ZERO : Usage.of(tokens, 0).withCost(new BigDecimal("0.001")))
                .startedAt(start).finishedAt(end).attempts(1).build();
    }

    @Test
    void draws_the_dependency_tree_with_state_markers_time_tokens_and_cost() {
        List<String> lines = new RunTreeRenderer(120, false).render(midRun().snapshot(), T0.plusMillis(2000));

        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("review  running  3/6 agents  2.0s  1,284 tok  $0.0133");
        assertThat(lines.get(1)).startsWith("✓ files").contains("completed").contains("0.4s");
        assertThat(lines.get(2)).startsWith("├─ ▶ file-review").contains("running").contains("1.6s")
                .contains("1,234 tok").contains("$0.0123");
        assertThat(lines.get(3)).startsWith("└─ ✗ lint").contains("failed").contains("0.3s")
                .contains("AGENT_FAILURE: script exited with status 3: boom");
        assertThat(lines.get(4)).startsWith("✓ security").contains("completed").contains("1.5s").contains("50 tok");
        assertThat(lines.get(5)).startsWith("└─ · summary").contains("pending").contains("after: file-review");
        assertThat(lines.get(6)).startsWith("   └─ · extra").contains("pending");
    }

    @Test
    void lines_are_cut_to_the_terminal_width() {
        List<String> lines = new RunTreeRenderer(40, false).render(midRun().snapshot(), T0.plusMillis(2000));

        assertThat(lines).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(40));
        assertThat(lines.get(3)).startsWith("└─ ✗ lint").endsWith("…");
    }

    @Test
    void colour_wraps_markers_and_states_without_changing_the_text() {
        List<String> plain = new RunTreeRenderer(80, false).render(midRun().snapshot(), T0.plusMillis(2000));
        List<String> coloured = new RunTreeRenderer(80, true).render(midRun().snapshot(), T0.plusMillis(2000));

        assertThat(coloured.get(3)).contains("\u001b[31m✗\u001b[0m").contains("\u001b[31mfailed\u001b[0m");
        assertThat(coloured).extracting(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void skipped_and_cancelled_agents_and_the_finished_run_are_shown() {
        RunProgress p = midRun();
        p.onEvent(new RunEvent.AgentCancelled("r1", result("file-review", AgentStatus.CANCELLED, 0, T0.plusMillis(400), T0.plusMillis(2100), null), T0.plusMillis(2100)));
        p.onEvent(new RunEvent.AgentSkipped("r1", AgentResult.skipped("summary", "a dependency did not complete", T0.plusMillis(2100)), T0.plusMillis(2100)));

        List<String> lines = new RunTreeRenderer(120, false).render(p.snapshot(), T0.plusMillis(5000));

        assertThat(lines.get(2)).startsWith("├─ ⊘ file-review").contains("cancelled").contains("1.7s");
        assertThat(lines.get(5)).startsWith("└─ ↷ summary").contains("skipped").contains("a dependency did not complete");
    }

    @Test
    void the_live_view_moves_the_cursor_back_over_what_it_drew_only_on_a_terminal() {
        StringWriter animated = new StringWriter();
        LiveRunView live = new LiveRunView(midRun(), new RunTreeRenderer(80, false), new PrintWriter(animated), true,
                Clock.fixed(T0.plusMillis(2000), ZoneOffset.UTC)).start();
        live.finish();
        StringWriter still = new StringWriter();
        new LiveRunView(midRun(), new RunTreeRenderer(80, false), new PrintWriter(still), false,
                Clock.fixed(T0.plusMillis(2000), ZoneOffset.UTC)).start().finish();

        assertThat(animated.toString()).contains("\u001b[7A").contains("\u001b[2K").startsWith("\u001b[?25l").endsWith("\u001b[?25h");
        assertThat(still.toString()).doesNotContain("\u001b").contains("▶ file-review");
        assertThat(still.toString().lines()).hasSize(7);
    }

    private static RunEvent.ToolCallFinished toolFinished(String callId, String tool, String args,
                                                         dev.baton.tool.ToolCallRecord.Outcome outcome, long ms, int round) {
        return new RunEvent.ToolCallFinished("r1", "security", new dev.baton.ensemble.run.AgentToolCall(round,
                new dev.baton.tool.ToolCallRecord(callId, tool, args, T0.plusMillis(100), java.time.Duration.ofMillis(ms),
                        outcome, 120, false, "policy")), T0.plusMillis(100 + ms));
    }

    @Test
    void tool_calls_are_drawn_under_their_agent_with_short_arguments_outcome_and_duration() {
        RunProgress p = new RunProgress(SPEC);
        p.onEvent(new RunEvent.RunStarted("r1", "review", "in", 6, T0));
        p.onEvent(new RunEvent.AgentStarted("r1", "security", T0));
        p.onEvent(new RunEvent.ToolCallStarted("r1", "security", "c1", "read_file", T0.plusMillis(100)));
        p.onEvent(new RunEvent.ToolCallStarted("r1", "security", "c2", "write_file", T0.plusMillis(100)));
        p.onEvent(toolFinished("c1", "read_file", "{\"path\": \"README.md\"}", dev.baton.tool.ToolCallRecord.Outcome.OK, 12, 1));
        p.onEvent(toolFinished("c2", "write_file", "{\"path\":\"out.txt\",\"content\":\"" + "x".repeat(200) + "\"}",
                dev.baton.tool.ToolCallRecord.Outcome.DENIED, 3, 1));
        p.onEvent(new RunEvent.ToolCallStarted("r1", "security", "c3", "search_text", T0.plusMillis(300)));

        List<String> lines = new RunTreeRenderer(100, false).render(p.snapshot(), T0.plusMillis(400));

        int agentLine = indexOf(lines, "▶ security");
        assertThat(lines.get(agentLine + 1)).isEqualTo("  ⚙ read_file {\"path\": \"README.md\"}  ok  0.0s");
        assertThat(lines.get(agentLine + 2)).startsWith("  ⚙ write_file {\"path\":\"out.txt\",\"content\":\"xxx")
                .contains("…  denied  0.0s");
        assertThat(lines.get(agentLine + 2).length()).isLessThanOrEqualTo(100);
        assertThat(lines.get(agentLine + 3)).isEqualTo("  ⚙ search_text  running");
        assertThat(lines).filteredOn(l -> l.contains("⚙")).hasSize(3);
    }

    @Test
    void only_the_latest_tool_calls_are_drawn_and_earlier_ones_are_counted() {
        RunProgress p = new RunProgress(SPEC);
        p.onEvent(new RunEvent.AgentStarted("r1", "security", T0));
        for (int i = 1; i <= 7; i++) {
            p.onEvent(new RunEvent.ToolCallStarted("r1", "security", "c" + i, "read_file", T0));
            p.onEvent(toolFinished("c" + i, "read_file", "{\"path\":\"f" + i + "\"}", dev.baton.tool.ToolCallRecord.Outcome.OK, 1, i));
        }

        List<String> lines = new RunTreeRenderer(100, false).render(p.snapshot(), T0.plusMillis(400));

        assertThat(lines).filteredOn(l -> l.contains("⚙")).hasSize(RunTreeRenderer.MAX_TOOL_LINES + 1)
                .first().asString().contains("… 2 earlier tool calls");
        assertThat(lines).anyMatch(l -> l.contains("\"f7\"")).noneMatch(l -> l.contains("\"f2\""));
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i;
        throw new AssertionError(part + " not in " + lines);
    }
}

package dev.baton.cli;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentToolCall;
import dev.baton.tool.ToolCallRecord;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a finished run as text: each agent's result (and tool calls), then the deliverable; and the one-line summary for stderr. */
final class RunPrinter {

    private RunPrinter() {
    }

    /** Every agent's result in declaration order, then the deliverable. */
    static void text(PrintWriter out, RunResult r) {
        for (AgentResult a : r.agents()) {
            out.println("## " + a.name() + "  [" + agentLine(a) + "]");
            for (AgentToolCall c : a.toolCalls()) out.println(toolLine(c));
            if (a.error() != null) out.println(a.error().code() + ": " + a.error().message());
            if (a.skipReason() != null) out.println("skipped: " + a.skipReason());
            if (a.output() != null) out.println(outputText(a));
            out.println();
        }
        deliverable(out, r);
    }

    /** The deliverable's output under a heading, or nothing when the run has none. */
    static void deliverable(PrintWriter out, RunResult r) {
        AgentResult d = r.deliverable() == null ? null : r.agent(r.deliverable()).orElse(null);
        if (d == null || d.output() == null) {
            out.flush();
            return;
        }
        out.println("== deliverable: " + d.name() + " ==");
        out.println(outputText(d));
        out.flush();
    }

    /** {@code tool [round 1] read_file {"path":"README.md"} → ok (3 ms, 1,204 B)}. */
    static String toolLine(AgentToolCall c) {
        ToolCallRecord r = c.call();
        return "tool [round " + c.round() + "] " + r.tool() + " " + RunTreeRenderer.shortArguments(r.arguments()) + " → "
                + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + " (" + r.duration().toMillis() + " ms, "
                + String.format(java.util.Locale.ROOT, "%,d B", r.outputBytes()) + (r.truncated() ? ", truncated" : "") + ")";
    }

    private static String outputText(AgentResult a) {
        String text = a.outputJson() != null ? a.outputJson().toPrettyString() : a.output();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static String agentLine(AgentResult a) {
        List<String> parts = new ArrayList<>(List.of(a.status().wire()));
        if (a.startedAt() != null) parts.add(RunTreeRenderer.elapsed(a.duration()));
        if (a.usage().totalTokens() > 0) parts.add(RunTreeRenderer.tokens(a.usage().totalTokens()));
        if (a.model() != null) parts.add(a.model());
        return String.join(" · ", parts);
    }

    /** {@code run completed_with_errors in 1.2s, 340 tok, $0.0012; failed: lint (AGENT_FAILURE: ...)}. */
    static String summary(RunResult r) {
        StringBuilder sb = new StringBuilder("run ").append(r.status().wire()).append(" in ")
                .append(RunTreeRenderer.elapsed(r.totals().duration())).append(", ")
                .append(RunTreeRenderer.tokens(r.totals().usage().totalTokens()))
                .append(RunTreeRenderer.cost(r.totals().costUsd()).replace("  ", ", "));
        List<String> failed = r.agents().stream().filter(a -> a.error() != null)
                .map(a -> a.name() + " (" + a.error().code() + ": " + firstLine(a.error().message()) + ")").toList();
        if (!failed.isEmpty()) sb.append("; failed: ").append(String.join(", ", failed));
        if (r.deliverable() == null) sb.append("; no deliverable");
        return sb.toString();
    }

    /**
     * {@code batch: 3/5 run(s), 1 failed, 0 completed with errors, 2 cancelled, 2 not started}: every
     * run counted by status; the last part only when some inputs never started (interrupted).
     */
    static String batchSummary(List<RunResult> results, int inputs) {
        long failed = count(results, RunStatus.FAILED);
        long withErrors = count(results, RunStatus.COMPLETED_WITH_ERRORS);
        long cancelled = count(results, RunStatus.CANCELLED);
        String s = "batch: " + results.size() + "/" + inputs + " run(s), " + failed + " failed, " + withErrors
                + " completed with errors, " + cancelled + " cancelled";
        return results.size() < inputs ? s + ", " + (inputs - results.size()) + " not started" : s;
    }

    private static long count(List<RunResult> results, RunStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}

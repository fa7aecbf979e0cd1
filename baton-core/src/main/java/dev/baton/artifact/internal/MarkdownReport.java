package dev.baton.artifact.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunResult;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Renders a run as {@code execution.md}: summary, input, dependency graph (Mermaid plus a
 * list), each agent's output or error, a usage and cost table and a timing table.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunResult r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.ensemble()).append(" — ").append(r.status().wire()).append("\n\n");
        md.append("- Run: `").append(r.runId()).append("`\n");
        md.append("- Started: ").append(r.startedAt()).append("\n");
        md.append("- Duration: ").append(ms(r.totals().duration())).append("\n");
        md.append("- Deliverable: ").append(r.deliverable() == null ? "none" : "`" + r.deliverable() + "`").append("\n\n");
        md.append("## Input\n\n").append(fence(r.input(), "text")).append("\n");
        graph(md, r);
        md.append("## Agents\n\n");
        for (AgentResult a : r.agents()) agent(md, a);
        checks(md, r);
        usage(md, r);
        timings(md, r);
        return md.toString();
    }

    private static void checks(StringBuilder md, RunResult r) {
        if (r.checks().isEmpty()) return;
        md.append("## Checks\n\n| block | layer | verdict | messages |\n|---|---|---|---|\n");
        r.checks().forEach(c -> md.append("| ").append(c.block()).append(" | ").append(c.layer()).append(" | ")
                .append(c.verdict().wire()).append(" | ").append(String.join("; ", c.messages()).replace("|", "\\|"))
                .append(" |\n"));
        md.append('\n');
    }

    private static void graph(StringBuilder md, RunResult r) {
        md.append("## Graph\n\n```mermaid\ngraph TD\n");
        r.graph().forEach((agent, deps) -> {
            if (deps.isEmpty()) md.append("  ").append(id(agent)).append('\n');
            deps.forEach(d -> md.append("  ").append(id(d)).append(" --> ").append(id(agent)).append('\n'));
        });
        md.append("```\n\n");
        r.graph().forEach((agent, deps) -> md.append("- `").append(agent).append('`')
                .append(deps.isEmpty() ? "" : " ← " + String.join(", ", deps)).append('\n'));
        md.append('\n');
    }

    private static void agent(StringBuilder md, AgentResult a) {
        md.append("### ").append(a.name()).append(" — ").append(a.status().wire());
        if (a.model() != null) md.append(" (").append(a.model()).append(')');
        md.append("\n\n");
        if (a.skipReason() != null) md.append("Skipped: ").append(a.skipReason()).append("\n\n");
        if (a.error() != null) md.append("**Error** `").append(a.error().code()).append("`: ")
                .append(a.error().message()).append("\n\n");
        if (a.childRun() != null) {
            md.append("Child run: ensemble `").append(a.childRun().ensemble()).append("`")
                    .append(a.childRun().dispatch() == null ? "" : " (dispatched by `" + a.childRun().dispatch() + "`)")
                    .append(", run `").append(a.childRun().runId()).append("`, ").append(a.childRun().status().wire())
                    .append("\n\n");
        }
        if (!a.fallbacks().isEmpty()) {
            a.fallbacks().forEach(f -> md.append("- fell back from `").append(f.profile()).append("` (")
                    .append(f.code()).append(")\n"));
            md.append('\n');
        }
        if (a.output() != null) {
            md.append(a.outputJson() != null ? fence(a.outputJson().toPrettyString(), "json") : fence(a.output(), "text"))
                    .append('\n');
        }
    }

    private static void usage(StringBuilder md, RunResult r) {
        md.append("## Usage and cost\n\n| agent | status | model | input tokens | output tokens | cost (USD) |\n")
                .append("|---|---|---|---:|---:|---:|\n");
        for (AgentResult a : r.agents()) {
            md.append("| ").append(a.name()).append(" | ").append(a.status().wire()).append(" | ")
                    .append(a.model() == null ? "" : a.model()).append(" | ").append(a.usage().inputTokens())
                    .append(" | ").append(a.usage().outputTokens()).append(" | ").append(cost(a.costUsd())).append(" |\n");
        }
        md.append("| **total** | ").append(r.status().wire()).append(" | | ").append(r.totals().usage().inputTokens())
                .append(" | ").append(r.totals().usage().outputTokens()).append(" | ").append(cost(r.totals().costUsd()))
                .append(" |\n\n");
    }

    private static void timings(StringBuilder md, RunResult r) {
        md.append("## Timings\n\n| agent | starts at | duration | attempts |\n|---|---:|---:|---:|\n");
        for (AgentResult a : r.agents()) {
            String offset = a.startedAt() == null ? "" : "+" + ms(Duration.between(r.startedAt(), a.startedAt()));
            md.append("| ").append(a.name()).append(" | ").append(offset).append(" | ").append(ms(a.duration()))
                    .append(" | ").append(a.attempts()).append(" |\n");
        }
        md.append("| **run** | | ").append(ms(r.totals().duration())).append(" | |\n");
    }

    private static String fence(String text, String lang) {
        String body = text == null ? "" : text;
        String fence = "```";
        while (body.contains(fence)) fence += "`";
        return fence + lang + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    private static String id(String agent) {
        return "n_" + agent.replaceAll("[^A-Za-z0-9_]", "_") + "[\"" + agent.replace("\"", "'") + "\"]";
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String cost(BigDecimal usd) {
        return usd == null ? "n/a" : usd.stripTrailingZeros().toPlainString();
    }
}

package dev.baton.cli;

import dev.baton.cli.RunProgress.AgentState;
import dev.baton.cli.RunProgress.Snapshot;
import dev.baton.cli.RunProgress.State;
import dev.baton.cli.RunProgress.ToolCallState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a run as a dependency tree, one line per agent: each agent hangs under its first
 * dependency (other dependencies are named at the end of the line as {@code after: x, y}),
 * with a state marker and word, elapsed time, tokens and cost. Lines are cut to the terminal
 * width; ANSI colour is added only when asked for, and never counts toward the width. An
 * agent's tool calls are drawn under it, one line each (tool, short arguments, outcome, time).
 */
final class RunTreeRenderer {

    private static final String RESET = "\u001b[0m";
    private static final String TOOL_MARKER = "⚙";
    /** Tool calls drawn per agent; earlier ones are counted on one line. */
    static final int MAX_TOOL_LINES = 5;
    static final int MAX_ARGUMENT_CHARS = 60;

    private final int width;
    private final boolean colour;

    RunTreeRenderer(int width, boolean colour) {
        this.width = Math.max(20, width);
        this.colour = colour;
    }

    static String marker(State s) {
        return switch (s) {
            case PENDING -> "·";
            case RUNNING -> "▶";
            case COMPLETED -> "✓";
            case FAILED -> "✗";
            case SKIPPED -> "↷";
            case CANCELLED -> "⊘";
        };
    }

    private static String style(State s) {
        return switch (s) {
            case PENDING, SKIPPED, CANCELLED -> "\u001b[2m";
            case RUNNING -> "\u001b[33m";
            case COMPLETED -> "\u001b[32m";
            case FAILED -> "\u001b[31m";
        };
    }

    List<String> render(Snapshot run, Instant now) {
        List<Row> rows = new ArrayList<>();
        layout(run.agents(), rows);
        int nameWidth = rows.stream().mapToInt(r -> r.prefix.length() + r.agent.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        lines.add(header(run, now));
        for (Row r : rows) {
            lines.add(line(r, nameWidth, now));
            toolLines(r, now, lines);
        }
        return lines;
    }

    /**
     * The agent's tool calls under it, the latest {@link #MAX_TOOL_LINES}: tool, short redacted
     * arguments, outcome (or {@code running}) and duration.
     */
    private void toolLines(Row r, Instant now, List<String> lines) {
        List<ToolCallState> calls = r.agent.toolCalls();
        if (calls.isEmpty()) return;
        String indent = r.childIndent + "  ";
        int from = Math.max(0, calls.size() - MAX_TOOL_LINES);
        if (from > 0) lines.add(cut(indent + TOOL_MARKER + " … " + Quantity.of(from, "earlier tool call")));
        for (ToolCallState c : calls.subList(from, calls.size())) {
            StringBuilder plain = new StringBuilder(indent).append(TOOL_MARKER).append(' ').append(c.tool());
            if (c.arguments() != null) plain.append(' ').append(shortArguments(c.arguments()));
            String outcome = c.running() ? "running" : c.outcome();
            plain.append("  ").append(outcome);
            if (c.duration() != null) plain.append("  ").append(elapsed(c.duration()));
            String cut = cut(plain.toString());
            if (!colour) {
                lines.add(cut);
            } else {
                String st = c.running() ? "\u001b[33m" : "ok".equals(outcome) ? "\u001b[2m" : "\u001b[31m";
                lines.add(st + cut + RESET);
            }
        }
    }

    /** Arguments on one line, cut to {@link #MAX_ARGUMENT_CHARS}. */
    static String shortArguments(String json) {
        String one = json.replaceAll("\\s+", " ").strip();
        if (one.codePointCount(0, one.length()) <= MAX_ARGUMENT_CHARS) return one;
        return one.substring(0, one.offsetByCodePoints(0, MAX_ARGUMENT_CHARS - 1)) + "…";
    }

    private String header(Snapshot run, Instant now) {
        String state = run.status() != null ? run.status() : run.startedAt() == null ? "starting" : "running";
        Instant end = run.finishedAt() != null ? run.finishedAt() : now;
        String elapsed = run.startedAt() == null ? "" : "  " + elapsed(Duration.between(run.startedAt(), end));
        String plain = run.ensemble() + "  " + state + "  " + run.settled() + "/" + Quantity.of(run.agents().size(), "agent")
                + elapsed + "  " + tokens(run.tokens()) + cost(run.costUsd());
        String cut = cut(plain);
        return colour ? "\u001b[1m" + cut + RESET : cut;
    }

    private String line(Row r, int nameWidth, Instant now) {
        AgentState a = r.agent;
        StringBuilder plain = new StringBuilder(r.prefix).append(marker(a.state())).append(' ').append(a.name());
        plain.append(" ".repeat(Math.max(0, nameWidth - r.prefix.length() - a.name().length()) + 2));
        int stateAt = plain.length();
        plain.append(String.format("%-9s", a.state().wire()));
        if (a.startedAt() != null) {
            Instant end = a.finishedAt() != null ? a.finishedAt() : now;
            plain.append("  ").append(String.format("%7s", elapsed(Duration.between(a.startedAt(), end))));
            if (a.tokens() > 0 || a.costUsd() != null) plain.append("  ").append(tokens(a.tokens())).append(cost(a.costUsd()));
        }
        if (!r.otherDeps.isEmpty()) plain.append("  after: ").append(String.join(", ", r.otherDeps));
        if (a.note() != null) plain.append("  ").append(a.note().replaceAll("\\s+", " "));
        String cut = cut(plain.toString().stripTrailing());
        int markerAt = r.prefix.length();
        if (!colour || cut.length() <= markerAt + 1) return cut;
        String st = style(a.state());
        StringBuilder c = new StringBuilder(cut.substring(0, markerAt)).append(st).append(cut, markerAt, markerAt + 1)
                .append(RESET).append(cut, markerAt + 1, Math.min(stateAt, cut.length()));
        if (cut.length() > stateAt) {
            int stateEnd = Math.min(cut.length(), stateAt + a.state().wire().length());
            c.append(st).append(cut, stateAt, stateEnd).append(RESET).append(cut.substring(stateEnd));
        }
        return c.toString();
    }

    /** Cuts to the width, by code points, marking the cut with an ellipsis. */
    private String cut(String s) {
        if (s.codePointCount(0, s.length()) <= width) return s;
        int end = s.offsetByCodePoints(0, width - 1);
        return s.substring(0, end) + "…";
    }

    private record Row(String prefix, AgentState agent, List<String> otherDeps, String childIndent) {
    }

    /** Places each agent under its first known dependency, children in declaration order. */
    private static void layout(List<AgentState> agents, List<Row> rows) {
        Map<String, AgentState> byName = new LinkedHashMap<>();
        agents.forEach(a -> byName.put(a.name(), a));
        Map<String, List<AgentState>> children = new LinkedHashMap<>();
        List<AgentState> roots = new ArrayList<>();
        for (AgentState a : agents) {
            String parent = a.dependsOn().stream().filter(byName::containsKey).findFirst().orElse(null);
            if (parent == null || parent.equals(a.name())) roots.add(a);
            else children.computeIfAbsent(parent, k -> new ArrayList<>()).add(a);
        }
        Set<String> placed = new HashSet<>();
        for (int i = 0; i < roots.size(); i++) place(roots.get(i), "", i == roots.size() - 1, true, children, placed, rows);
        for (AgentState a : agents) {
            // only a dependency cycle leaves agents unplaced; the validator refuses those, but draw them anyway
            if (!placed.contains(a.name())) place(a, "", true, true, children, placed, rows);
        }
    }

    private static void place(AgentState a, String indent, boolean last, boolean root, Map<String, List<AgentState>> children,
                              Set<String> placed, List<Row> rows) {
        if (!placed.add(a.name())) return;
        String prefix = root ? "" : indent + (last ? "└─ " : "├─ ");
        List<String> others = a.dependsOn().size() <= 1 ? List.of() : a.dependsOn().subList(1, a.dependsOn().size());
        List<AgentState> kids = children.getOrDefault(a.name(), List.of());
        String childIndent = root ? "" : indent + (last ? "   " : "│  ");
        rows.add(new Row(prefix, a, others, childIndent));
        for (int i = 0; i < kids.size(); i++) {
            place(kids.get(i), childIndent, i == kids.size() - 1, false, children, placed, rows);
        }
    }

    static String elapsed(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 60_000) return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        return String.format(java.util.Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }

    static String tokens(long n) {
        return String.format(java.util.Locale.ROOT, "%,d tok", n);
    }

    static String cost(BigDecimal usd) {
        return usd == null ? "" : "  $" + usd.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}

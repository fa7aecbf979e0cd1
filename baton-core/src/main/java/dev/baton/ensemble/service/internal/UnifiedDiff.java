package dev.baton.ensemble.service.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts in unified format ({@code ---}/{@code +++} headers, {@code @@} hunks with
 * three lines of context), as {@code diff -u} prints it. Computed by longest common subsequence,
 * which is quadratic in lines: fine for ensemble and config files (a few hundred lines).
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}; empty when they are equal. */
    public static String of(String before, String after, String fromName, String toName) {
        if (before.equals(after)) return "";
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are closer than twice the context
            while (end < ops.size()) {
                if (ops.get(end).kind != ' ') {
                    end++;
                    continue;
                }
                int run = end;
                while (run < ops.size() && ops.get(run).kind == ' ') run++;
                if (run == ops.size() || run - end > 2 * CONTEXT) {
                    end = Math.min(ops.size(), end + CONTEXT);
                    break;
                }
                end = run;
            }
            hunk(out, ops.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Op> ops) {
        Op first = ops.getFirst();
        int oldCount = (int) ops.stream().filter(o -> o.kind != '+').count();
        int newCount = (int) ops.stream().filter(o -> o.kind != '-').count();
        out.append("@@ -").append(range(first.oldLine, oldCount)).append(" +").append(range(first.newLine, newCount))
                .append(" @@\n");
        for (Op o : ops) out.append(o.kind).append(o.text).append('\n');
    }

    private static String range(int line, int count) {
        int start = count == 0 ? line - 1 : line;
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\n", -1));
    }

    /** The edit script: each op with the 1-based line it has in the old and the new text. */
    private static List<Op> ops(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(x).equals(b.get(y))) {
                ops.add(new Op(' ', a.get(x), x + 1, y + 1));
                x++;
                y++;
            } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
                ops.add(new Op('-', a.get(x), x + 1, y + 1));
                x++;
            } else {
                ops.add(new Op('+', b.get(y), x + 1, y + 1));
                y++;
            }
        }
        return ops;
    }

    private record Op(char kind, String text, int oldLine, int newLine) {
    }
}

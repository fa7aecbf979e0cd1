package dev.baton.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence): unchanged lines start with two spaces,
 * lines only in the expected text with {@code "- "}, lines only in the actual text with {@code "+ "}.
 */
final class LineDiff {

    /** Texts longer than this many lines are compared line by line without alignment. */
    private static final int MAX_LINES = 400;

    private LineDiff() {
    }

    static List<String> diff(String expected, String actual) {
        List<String> a = expected.strip().lines().toList();
        List<String> b = actual.strip().lines().toList();
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) return unaligned(a, b);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add("  " + a.get(i++));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        while (i < a.size()) out.add("- " + a.get(i++));
        while (j < b.size()) out.add("+ " + b.get(j++));
        return out;
    }

    private static List<String> unaligned(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        a.forEach(l -> out.add("- " + l));
        b.forEach(l -> out.add("+ " + l));
        return out;
    }
}

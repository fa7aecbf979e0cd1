package dev.baton.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Light Markdown for a terminal, one complete line at a time (an answer streams line by line):
 * headings bold, {@code **strong**} bold, {@code `code`} and fenced code blocks in cyan, the
 * fences themselves dim, list bullets as {@code •}. Everything else passes as written. Remembers
 * whether it is inside a fenced block, so one instance renders one answer.
 */
final class MarkdownLines {

    static final String BOLD = "\u001b[1m";
    static final String DIM = "\u001b[2m";
    static final String CYAN = "\u001b[36m";
    static final String RESET = "\u001b[0m";

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern STRONG = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private boolean inFence;

    /** {@code line} (without its line break) with ANSI styling. */
    String render(String line) {
        if (line.stripLeading().startsWith("```")) {
            inFence = !inFence;
            return DIM + line + RESET;
        }
        if (inFence) return CYAN + line + RESET;
        Matcher h = HEADING.matcher(line);
        if (h.matches()) return BOLD + inline(h.group(2)) + RESET;
        Matcher b = BULLET.matcher(line);
        if (b.matches()) return b.group(1) + "• " + inline(b.group(2));
        return inline(line);
    }

    private static String inline(String text) {
        String s = STRONG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(BOLD + m.group(1) + RESET));
        return CODE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(CYAN + m.group(1) + RESET));
    }
}

package dev.baton.tool.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file, matched as git does for the common syntax: blank
 * lines and {@code #} comments are skipped, {@code !} re-includes, a trailing {@code /} matches
 * folders only, a pattern with a {@code /} before its end is anchored to the file's folder (else
 * it matches a name at any depth below it), {@code *} and {@code ?} do not cross {@code /},
 * {@code [...]} is a class, and {@code **} spans folders ({@code a/**}, {@code **}{@code /b},
 * {@code a/**}{@code /b}). Immutable.
 */
public final class GitignoreRules {

    /** What a set of rules says about one path. */
    public enum Verdict { IGNORED, INCLUDED, UNDECIDED }

    private record Rule(Pattern pattern, boolean negated, boolean folderOnly) {
    }

    private final List<Rule> rules;

    private GitignoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of a {@code .gitignore} file's text. */
    public static GitignoreRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            Rule r = rule(raw);
            if (r != null) rules.add(r);
        }
        return new GitignoreRules(rules);
    }

    /**
     * The verdict of the last rule matching {@code relative} (the path below this file's folder,
     * '/'-separated), {@link Verdict#UNDECIDED} when none matches.
     */
    public Verdict match(String relative, boolean folder) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.folderOnly() && !folder) continue;
            if (r.pattern().matcher(relative).matches()) return r.negated() ? Verdict.INCLUDED : Verdict.IGNORED;
        }
        return Verdict.UNDECIDED;
    }

    private static Rule rule(String raw) {
        String line = stripTrailingSpaces(raw);
        if (line.isEmpty() || line.startsWith("#")) return null;
        boolean negated = false;
        if (line.startsWith("!")) {
            negated = true;
            line = line.substring(1);
        } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
            line = line.substring(1);
        }
        boolean folderOnly = line.endsWith("/");
        if (folderOnly) line = line.substring(0, line.length() - 1);
        if (line.isEmpty()) return null;
        boolean anchored = line.contains("/");
        if (line.startsWith("/")) line = line.substring(1);
        String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
        return new Rule(Pattern.compile(regex), negated, folderOnly);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) end--;
        return s.substring(0, end);
    }

    /** A glob as a regex over '/'-separated paths; {@code **} handled as git documents it. */
    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                boolean atEnd = i + 2 == glob.length();
                if (atStart && slashAfter) {
                    re.append("(?:.*/)?"); // "**/" : zero or more folders
                    i += 3;
                    continue;
                }
                if (atStart && atEnd) {
                    re.append(".*"); // trailing "/**" or a lone "**": everything inside
                    i += 2;
                    continue;
                }
                re.append("[^/]*");
                i += 2;
                continue;
            }
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) body = "^" + body.substring(1);
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }
}

package dev.baton.tool;

/**
 * Tool-name patterns as written in {@code tools:}, {@code allow:} and {@code deny:}: a name, or a
 * glob where {@code *} matches any run of characters (dots included, so {@code fs.*} matches
 * every tool of the MCP server {@code fs}) and {@code ?} one character.
 */
public final class ToolGlob {

    private ToolGlob() {
    }

    /** Whether {@code pattern} holds a wildcard. */
    public static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** Whether {@code name} matches {@code pattern}. */
    public static boolean matches(String pattern, String name) {
        return matches(pattern, 0, name, 0);
    }

    /** Whether {@code name} matches any of {@code patterns}. */
    public static boolean matchesAny(Iterable<String> patterns, String name) {
        for (String p : patterns) {
            if (matches(p, name)) return true;
        }
        return false;
    }

    private static boolean matches(String p, int pi, String s, int si) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }
}

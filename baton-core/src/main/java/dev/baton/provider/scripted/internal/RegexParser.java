package dev.baton.provider.scripted.internal;

import dev.baton.provider.scripted.internal.PatternStringGenerator.Alt;
import dev.baton.provider.scripted.internal.PatternStringGenerator.Chars;
import dev.baton.provider.scripted.internal.PatternStringGenerator.Node;
import dev.baton.provider.scripted.internal.PatternStringGenerator.Repeat;
import dev.baton.provider.scripted.internal.PatternStringGenerator.Seq;
import dev.baton.provider.scripted.internal.PatternStringGenerator.UnsupportedRegexException;

import java.util.ArrayList;
import java.util.List;

/** Parses the regex subset {@link PatternStringGenerator} supports into its node tree. */
final class RegexParser {

    private static final List<int[]> DIGITS = List.<int[]>of(new int[]{'0', '9'});
    private static final List<int[]> WORD = List.of(new int[]{'a', 'z'}, new int[]{'A', 'Z'},
            new int[]{'0', '9'}, new int[]{'_', '_'});
    private static final List<int[]> SPACE = List.of(new int[]{' ', ' '}, new int[]{'\t', '\r'});
    private static final Seq EMPTY = new Seq(List.of());

    private final String regex;
    private int pos;

    RegexParser(String regex) {
        this.regex = regex;
    }

    Node parse() {
        Node node = alternation();
        if (pos < regex.length()) throw new UnsupportedRegexException("unbalanced ')' at " + pos);
        return node;
    }

    private Node alternation() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.getFirst() : new Alt(options);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            items.add(quantified(atom()));
        }
        return items.size() == 1 ? items.getFirst() : new Seq(items);
    }

    private Node atom() {
        char c = regex.charAt(pos++);
        return switch (c) {
            case '^', '$' -> EMPTY;
            case '.' -> new Chars(List.<int[]>of(new int[]{'\n', '\n'}, new int[]{'\r', '\r'}), true);
            case '(' -> group();
            case '[' -> characterClass();
            case '\\' -> escape();
            default -> Chars.single(c);
        };
    }

    private Node group() {
        if (regex.startsWith("?", pos)) {
            if (regex.startsWith("?:", pos)) {
                pos += 2;
            } else if (regex.startsWith("?<", pos) && !regex.startsWith("?<=", pos) && !regex.startsWith("?<!", pos)) {
                pos = regex.indexOf('>', pos) + 1;
                if (pos == 0) throw new UnsupportedRegexException("unterminated group name");
            } else if (regex.startsWith("?P<", pos)) {
                pos = regex.indexOf('>', pos) + 1;
                if (pos == 0) throw new UnsupportedRegexException("unterminated group name");
            } else {
                return inlineFlags();
            }
        }
        Node inner = alternation();
        expect(')');
        return inner;
    }

    /** {@code (?i)} or {@code (?i:...)}: flags do not change which strings we emit; lookarounds are unsupported. */
    private Node inlineFlags() {
        int p = pos + 1;
        while (p < regex.length() && (Character.isLetter(regex.charAt(p)) || regex.charAt(p) == '-')) p++;
        if (p >= regex.length() || p == pos + 1) throw new UnsupportedRegexException("group construct at " + pos);
        char end = regex.charAt(p);
        pos = p + 1;
        if (end == ')') return EMPTY;
        if (end != ':') throw new UnsupportedRegexException("group construct at " + p);
        Node inner = alternation();
        expect(')');
        return inner;
    }

    private Node quantified(Node atom) {
        Node node = atom;
        while (pos < regex.length()) {
            char c = regex.charAt(pos);
            int min;
            int max;
            if (c == '?') { min = 0; max = 1; pos++; }
            else if (c == '*') { min = 0; max = -1; pos++; }
            else if (c == '+') { min = 1; max = -1; pos++; }
            else if (c == '{' && braceQuantifier() != null) {
                int[] bounds = braceQuantifier();
                pos = regex.indexOf('}', pos) + 1;
                min = bounds[0];
                max = bounds[1];
            } else {
                return node;
            }
            if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) pos++;
            node = new Repeat(node, min, max);
        }
        return node;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at the cursor, or null when the brace is a literal. */
    private int[] braceQuantifier() {
        int close = regex.indexOf('}', pos);
        if (close < 0) return null;
        String body = regex.substring(pos + 1, close);
        if (!body.matches("\\d+(,\\d*)?")) return null;
        int comma = body.indexOf(',');
        if (comma < 0) {
            int n = Integer.parseInt(body);
            return new int[]{n, n};
        }
        int min = Integer.parseInt(body.substring(0, comma));
        String rest = body.substring(comma + 1);
        return new int[]{min, rest.isEmpty() ? -1 : Integer.parseInt(rest)};
    }

    private Node escape() {
        if (pos >= regex.length()) throw new UnsupportedRegexException("trailing backslash");
        char c = regex.charAt(pos++);
        return switch (c) {
            case 'd' -> new Chars(DIGITS, false);
            case 'D' -> new Chars(DIGITS, true);
            case 'w' -> new Chars(WORD, false);
            case 'W' -> new Chars(WORD, true);
            case 's' -> new Chars(SPACE, false);
            case 'S' -> new Chars(SPACE, true);
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> EMPTY;
            default -> Chars.single(escapedChar(c));
        };
    }

    private int escapedChar(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0B;
            case '0' -> 0;
            case 'x' -> hex(2);
            case 'u' -> hex(4);
            default -> {
                if (Character.isLetterOrDigit(c)) throw new UnsupportedRegexException("escape \\" + c);
                yield c;
            }
        };
    }

    private int hex(int digits) {
        if (pos + digits > regex.length()) throw new UnsupportedRegexException("short hex escape");
        try {
            int value = Integer.parseInt(regex.substring(pos, pos + digits), 16);
            pos += digits;
            return value;
        } catch (NumberFormatException e) {
            throw new UnsupportedRegexException("hex escape");
        }
    }

    private Node characterClass() {
        boolean negated = pos < regex.length() && regex.charAt(pos) == '^';
        if (negated) pos++;
        List<int[]> ranges = new ArrayList<>();
        boolean first = true;
        while (pos < regex.length() && (regex.charAt(pos) != ']' || first)) {
            first = false;
            int start = classMember(ranges);
            if (start < 0) continue;
            if (pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                pos++;
                int end = classMember(ranges);
                if (end < 0 || end < start) throw new UnsupportedRegexException("character class range");
                ranges.add(new int[]{start, end});
            } else {
                ranges.add(new int[]{start, start});
            }
        }
        expect(']');
        return new Chars(ranges, negated);
    }

    /** A single class member's code point, or -1 after adding a shorthand class such as {@code \d}. */
    private int classMember(List<int[]> ranges) {
        char c = regex.charAt(pos++);
        if (c == '[') throw new UnsupportedRegexException("nested character class");
        if (c != '\\') return c;
        if (pos >= regex.length()) throw new UnsupportedRegexException("trailing backslash");
        char e = regex.charAt(pos++);
        switch (e) {
            case 'd' -> ranges.addAll(DIGITS);
            case 'w' -> ranges.addAll(WORD);
            case 's' -> ranges.addAll(SPACE);
            case 'D', 'W', 'S' -> throw new UnsupportedRegexException("negated shorthand in a class");
            case 'b' -> { return '\b'; }
            default -> { return escapedChar(e); }
        }
        return -1;
    }

    private void expect(char c) {
        if (pos >= regex.length() || regex.charAt(pos) != c) throw new UnsupportedRegexException("expected " + c);
        pos++;
    }
}

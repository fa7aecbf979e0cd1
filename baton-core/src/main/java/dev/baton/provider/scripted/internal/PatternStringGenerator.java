package dev.baton.provider.scripted.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds a string in which a regex is found, for the common shapes of JSON Schema
 * {@code pattern}s: literals, escapes ({@code \d \w \s} and escaped punctuation), character
 * classes and ranges, {@code .}, groups, alternation, anchors and all quantifiers. Lookarounds,
 * back-references and Unicode properties are not supported. Every result is checked with
 * {@link java.util.regex.Pattern} (searched, as JSON Schema does) and against the length bounds;
 * when no string can be built or checked, the result is empty and the caller falls back.
 */
public final class PatternStringGenerator {

    private static final String PREFERRED =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. @:/+";
    private static final int MAX_EXTRA_REPEATS = 256;

    private PatternStringGenerator() {
    }

    /** A string of length within [minLength, maxLength] in which {@code regex} is found. */
    public static Optional<String> generate(String regex, int minLength, int maxLength, int variant) {
        Pattern compiled;
        Node tree;
        try {
            compiled = Pattern.compile(regex);
            tree = new RegexParser(regex).parse();
        } catch (PatternSyntaxException | UnsupportedRegexException e) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        String minimal = emit(tree, 0, variant);
        candidates.add(minimal);
        if (minimal.length() < minLength) {
            candidates.add(emit(tree, minLength - minimal.length(), variant));
            String padding = "a".repeat(minLength - minimal.length());
            candidates.add(minimal + padding);
            candidates.add(padding + minimal);
        }
        if (variant != 0) candidates.add(emit(tree, Math.max(0, minLength - minimal.length()), 0));
        for (String candidate : candidates) {
            int length = candidate.codePointCount(0, candidate.length());
            if (length >= minLength && length <= maxLength && compiled.matcher(candidate).find()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String emit(Node tree, int extraLength, int variant) {
        Emitter emitter = new Emitter(extraLength, variant);
        emitter.emit(tree);
        return emitter.out.toString();
    }

    /** A parsed regex. */
    sealed interface Node permits Chars, Seq, Alt, Repeat {
    }

    /** One character from a set of code point ranges (or from outside them when negated). */
    record Chars(List<int[]> ranges, boolean negated) implements Node {
        static Chars single(int codePoint) {
            return new Chars(List.<int[]>of(new int[]{codePoint, codePoint}), false);
        }

        boolean contains(int codePoint) {
            boolean inside = false;
            for (int[] range : ranges) inside |= codePoint >= range[0] && codePoint <= range[1];
            return inside != negated;
        }
    }

    record Seq(List<Node> items) implements Node {
    }

    record Alt(List<Node> options) implements Node {
    }

    /** {@code max} is -1 when unbounded. */
    record Repeat(Node child, int min, int max) implements Node {
    }

    /** A regex feature this generator does not handle. */
    static final class UnsupportedRegexException extends RuntimeException {
        UnsupportedRegexException(String feature) {
            super(feature, null, false, false);
        }
    }

    /** Writes the shortest string the tree allows, spending {@code budget} extra characters on repetitions. */
    private static final class Emitter {
        private final StringBuilder out = new StringBuilder();
        private final int variant;
        private int budget;

        Emitter(int budget, int variant) {
            this.budget = budget;
            this.variant = variant;
        }

        void emit(Node node) {
            switch (node) {
                case Chars chars -> out.appendCodePoint(pick(chars));
                case Seq seq -> seq.items().forEach(this::emit);
                case Alt alt -> emit(alt.options().get(variant % alt.options().size()));
                case Repeat repeat -> emitRepeat(repeat);
            }
        }

        private void emitRepeat(Repeat repeat) {
            int count = 0;
            for (; count < repeat.min(); count++) emit(repeat.child());
            int limit = repeat.max() < 0 ? repeat.min() + MAX_EXTRA_REPEATS : repeat.max();
            while (budget > 0 && count < limit) {
                int before = out.length();
                emit(repeat.child());
                count++;
                if (out.length() == before) break;
                budget -= out.length() - before;
            }
        }

        private int pick(Chars chars) {
            int found = 0;
            int first = -1;
            for (int i = 0; i < PREFERRED.length(); i++) {
                char c = PREFERRED.charAt(i);
                if (!chars.contains(c)) continue;
                if (first < 0) first = c;
                if (found++ == variant) return c;
            }
            if (first >= 0) return first;
            for (int c = 0x21; c < 0x7f; c++) {
                if (chars.contains(c)) return c;
            }
            if (!chars.negated() && !chars.ranges().isEmpty()) return chars.ranges().getFirst()[0];
            throw new UnsupportedRegexException("empty character class");
        }
    }
}

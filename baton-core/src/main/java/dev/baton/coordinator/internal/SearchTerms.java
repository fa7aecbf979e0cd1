package dev.baton.coordinator.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The words of a question worth searching a code base for (stemmed, so they match as prefixes), as one alternation. */
final class SearchTerms {

    private static final Set<String> COMMON = Set.copyOf(java.util.List.of("about", "after", "also", "does", "doing", "from", "have", "into",
            "what", "when", "where", "which", "while", "with", "would", "should", "could", "there", "their",
            "this", "that", "these", "those", "they", "them", "then", "than", "code", "file", "files", "base",
            "explain", "show", "tell", "work", "works", "used", "uses", "using", "make", "made", "recent", "recently",
            "change", "changes", "changed", "project", "repository", "please", "give", "need", "want", "some", "many",
            "much", "more", "most", "only", "just", "like", "each", "every", "other", "here", "over", "under"));
    private static final int MAX_TERMS = 8;

    private SearchTerms() {
    }

    /** The word without a common English ending, so {@code taxed} finds {@code tax} and {@code invoices} {@code invoice}. */
    static String stem(String word) {
        for (String end : new String[]{"ing", "ed", "es", "s"}) {
            if (word.endsWith(end) && word.length() - end.length() >= 3) return word.substring(0, word.length() - end.length());
        }
        return word;
    }

    /** {@code (?:a|b|c)} of up to eight distinctive words of {@code text}; null when it has none. */
    static String regex(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (w.length() >= 4 && !COMMON.contains(w)) terms.add(stem(w));
            if (terms.size() == MAX_TERMS) break;
        }
        if (terms.isEmpty()) return null;
        StringBuilder sb = new StringBuilder("(?:");
        for (String t : terms) sb.append(sb.length() > 3 ? "|" : "").append(Pattern.quote(t));
        return sb.append(')').toString();
    }
}

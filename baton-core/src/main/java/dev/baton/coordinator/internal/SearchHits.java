package dev.baton.coordinator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The files of a {@code search_text} answer ranked by how many lines matched, with those lines. */
final class SearchHits {

    private SearchHits() {
    }

    /** Paths (most matches first, then first seen) that {@code keep} accepts, at most {@code limit}, with their matched lines. */
    static Map<String, List<String>> ranked(String searchOutput, Predicate<String> keep, int limit) {
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (String line : searchOutput.split("\n")) {
            int first = line.indexOf(':');
            if (first <= 0 || line.startsWith("(")) continue;
            int second = line.indexOf(':', first + 1);
            if (second < 0 || !line.substring(first + 1, second).chars().allMatch(Character::isDigit)) continue;
            String path = line.substring(0, first);
            if (!keep.test(path)) continue;
            byFile.computeIfAbsent(path, p -> new ArrayList<>()).add(line.substring(first + 1).strip());
        }
        List<String> order = new ArrayList<>(byFile.keySet());
        order.sort(Comparator.comparingInt((String p) -> -byFile.get(p).size()));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String p : order.subList(0, Math.min(limit, order.size()))) out.put(p, byFile.get(p));
        return out;
    }

    static boolean isDoc(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.endsWith(".md") || p.endsWith(".markdown");
    }
}

package dev.baton.provider.scripted.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a YAML document starts (line and column, 1-based), by JSON pointer, so that
 * errors found after binding can still name a line. Built from the token stream of the text.
 */
public final class YamlPositions {

    private final Map<String, int[]> starts;

    private YamlPositions(Map<String, int[]> starts) {
        this.starts = starts;
    }

    /** The positions in {@code text}; empty when the text cannot be tokenised. */
    public static YamlPositions of(ObjectMapper mapper, String text) {
        Map<String, int[]> starts = new HashMap<>();
        try (JsonParser parser = mapper.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                TokenStreamLocation at = parser.currentTokenLocation();
                String pointer = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? parser.streamReadContext().getParent() == null ? ""
                        : parser.streamReadContext().getParent().pathAsPointer().toString()
                        : parser.streamReadContext().pathAsPointer().toString();
                starts.putIfAbsent(pointer, new int[]{at.getLineNr(), at.getColumnNr()});
            }
        } catch (RuntimeException e) {
            // Positions are a nicety for error messages; the binding step reports the real problem.
        }
        return new YamlPositions(starts);
    }

    /** The start of the node at {@code path} (property names and indexes), or of its nearest ancestor; null if unknown. */
    public int[] at(List<Object> path) {
        for (int end = path.size(); end >= 0; end--) {
            int[] found = starts.get(pointer(path.subList(0, end)));
            if (found != null && found[0] > 0) return found;
        }
        return null;
    }

    private static String pointer(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            sb.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }
}

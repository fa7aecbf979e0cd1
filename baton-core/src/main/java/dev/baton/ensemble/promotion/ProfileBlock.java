package dev.baton.ensemble.promotion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Edits the {@code profiles:} block of a {@code config.yaml} as text, so the rest of the file —
 * comments, order, layout — stays as the user wrote it: adds entries (one line each, a flow
 * mapping) and removes entries (the entry's line and the lines indented under it).
 */
final class ProfileBlock {

    private static final Pattern BLOCK = Pattern.compile("^profiles:\\s*(#.*)?$");
    private static final Pattern FLOW = Pattern.compile("^profiles:\\s*[^#\\s].*$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProfileBlock() {
    }

    /** {@code yaml} with {@code profiles} added under its {@code profiles:} key (created at the end when missing). */
    static String add(String yaml, Map<String, JsonNode> profiles, String file) {
        if (profiles.isEmpty()) return yaml;
        List<String> lines = new ArrayList<>(yaml.lines().toList());
        int at = find(lines, file);
        if (at < 0) {
            if (!lines.isEmpty() && !lines.getLast().isBlank()) lines.add("");
            lines.add("profiles:");
            at = lines.size() - 1;
        }
        String indent = childIndent(lines, at);
        List<String> entries = new ArrayList<>();
        profiles.forEach((name, value) -> entries.add(indent + name + ": " + JSON.writeValueAsString(value)));
        lines.addAll(at + 1, entries);
        return String.join("\n", lines) + "\n";
    }

    /** {@code yaml} without the entries named {@code names} of its {@code profiles:} block. */
    static String remove(String yaml, List<String> names, String file) {
        List<String> lines = new ArrayList<>(yaml.lines().toList());
        int at = find(lines, file);
        if (at < 0 || names.isEmpty()) return yaml;
        String indent = childIndent(lines, at);
        int i = at + 1;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) break; // the next top-level key
            String name = line.startsWith(indent) && !line.startsWith(indent + " ") ? key(line.substring(indent.length())) : null;
            if (name != null && names.contains(name)) {
                lines.remove(i);
                while (i < lines.size() && (lines.get(i).startsWith(indent + " ") || lines.get(i).startsWith(indent + "\t"))) lines.remove(i);
            } else {
                i++;
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static int find(List<String> lines, String file) {
        for (int i = 0; i < lines.size(); i++) {
            if (BLOCK.matcher(lines.get(i)).matches()) return i;
            if (FLOW.matcher(lines.get(i)).matches()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": profiles: is written inline; "
                        + "write it as a block (one profile per line) so profiles can be added and removed");
            }
        }
        return -1;
    }

    private static String childIndent(List<String> lines, int at) {
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            int n = line.length() - line.stripLeading().length();
            return n == 0 ? "  " : line.substring(0, n);
        }
        return "  ";
    }

    private static String key(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) return null;
        String key = line.substring(0, colon).strip();
        if ((key.startsWith("\"") && key.endsWith("\"")) || (key.startsWith("'") && key.endsWith("'"))) {
            key = key.substring(1, key.length() - 1);
        }
        return key;
    }
}

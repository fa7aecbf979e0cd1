package dev.baton.context.memory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a file into chunks on sensible boundaries: Markdown at headings, code at top-level and
 * member declarations ({@link DeclarationBoundaries}, with the comments and annotations just above a
 * declaration kept with it), anything else at blank lines. A chunk longer than
 * {@link #MAX_LINES} is cut into windows, so one huge function does not swamp an excerpt budget.
 */
final class Chunker {

    static final int MAX_LINES = 80;
    private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile(
            "\\b(?:class|interface|enum|record|object|trait|impl|struct|module|namespace)\\b");
    /** Plain text is cut at the first blank line after this many lines. */
    private static final int TEXT_LINES = 30;

    private Chunker() {
    }

    static List<Chunk> chunks(String path, String content) {
        String[] lines = content.split("\r?\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) count--; // the final newline opens no line
        if (count == 0) return List.of();
        String ext = extension(path);
        List<Integer> starts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        starts.add(0);
        titles.add("");
        if (ext.equals("md") || ext.equals("markdown")) {
            markdown(lines, count, starts, titles);
        } else {
            DeclarationBoundaries boundaries = DeclarationBoundaries.forExtension(ext);
            if (boundaries != null) code(lines, count, boundaries, starts, titles);
            else text(lines, count, starts, titles);
        }
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : count; // exclusive
            window(lines, from, to, titles.get(i), out);
        }
        return out;
    }

    private static void markdown(String[] lines, int count, List<Integer> starts, List<String> titles) {
        boolean fence = false;
        for (int i = 0; i < count; i++) {
            String l = lines[i];
            if (l.startsWith("```") || l.startsWith("~~~")) fence = !fence;
            if (!fence && l.startsWith("#") && l.replaceFirst("^#{1,6}", "").startsWith(" ")) {
                addBoundary(i, l.strip(), starts, titles);
            }
        }
    }

    private static void code(String[] lines, int count, DeclarationBoundaries b, List<Integer> starts, List<String> titles) {
        boolean inType = false;
        for (int i = 0; i < count; i++) {
            if (!b.declares(lines[i])) continue;
            boolean indented = Character.isWhitespace(lines[i].charAt(0));
            // an indented declaration is a member only inside a type; inside a function it is a
            // nested helper and stays in its function's chunk
            if (indented && !inType) continue;
            if (!indented) inType = TYPE.matcher(lines[i]).find();
            // the Javadoc, comments, annotations or decorators right above belong to the declaration,
            // but never reach back into the previous declaration's first line
            int floor = starts.size() == 1 ? 0 : starts.getLast() + 1;
            int start = i;
            while (start > floor && b.leads(lines[start - 1])) start--;
            addBoundary(start, lines[i].strip(), starts, titles);
        }
    }

    private static void text(String[] lines, int count, List<Integer> starts, List<String> titles) {
        int since = 0;
        for (int i = 0; i < count; i++) {
            since++;
            if (since >= TEXT_LINES && lines[i].isBlank() && i + 1 < count) {
                addBoundary(i + 1, "", starts, titles);
                since = 0;
            }
        }
    }

    private static void addBoundary(int line, String title, List<Integer> starts, List<String> titles) {
        if (line <= starts.getLast()) {
            if (line == 0 || line == starts.getLast()) titles.set(titles.size() - 1, title);
            return;
        }
        starts.add(line);
        titles.add(title);
    }

    /** Adds {@code lines[from, to)} as one chunk, or as windows of at most MAX_LINES; blank-only pieces are dropped. */
    private static void window(String[] lines, int from, int to, String title, List<Chunk> out) {
        for (int s = from; s < to; s += MAX_LINES) {
            int e = Math.min(to, s + MAX_LINES);
            StringBuilder text = new StringBuilder();
            boolean blank = true;
            for (int i = s; i < e; i++) {
                text.append(lines[i]).append('\n');
                if (!lines[i].isBlank()) blank = false;
            }
            if (!blank) out.add(new Chunk(s + 1, e, s == from ? title : title.isEmpty() ? "" : title + " (cont.)", text.toString()));
        }
    }

    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

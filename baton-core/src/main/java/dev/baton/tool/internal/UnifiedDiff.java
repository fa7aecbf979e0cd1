package dev.baton.tool.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff ({@code diff -u}, {@code git diff}) parsed into file patches, and the applying of
 * one to a file's text. A hunk applies where its context and removed lines match exactly, at its
 * stated line or shifted by the net effect of the hunks before it or, failing that, at the nearest
 * exact match after the previous hunk; there is no fuzz. Paths lose a leading {@code a/} or
 * {@code b/} as {@code git apply} does; {@code /dev/null} marks a created or deleted file.
 */
final class UnifiedDiff {

    private static final Pattern HUNK_HEADER = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One hunk: its header, the body lines with their ' ', '-' or '+' prefix, and the no-newline markers. */
    record Hunk(String header, int oldStart, int oldCount, List<String> lines, boolean oldNoEol, boolean newNoEol) {
        List<String> side(char keep) {
            List<String> out = new ArrayList<>();
            for (String l : lines) if (l.charAt(0) == ' ' || l.charAt(0) == keep) out.add(l.substring(1));
            return out;
        }
    }

    /** The hunks for one file; {@code oldPath} null for a created file, {@code newPath} null for a deleted one. */
    record FilePatch(@Nullable String oldPath, @Nullable String newPath, List<Hunk> hunks) {
        String path() {
            return newPath != null ? newPath : java.util.Objects.requireNonNull(oldPath);
        }
    }

    /** A hunk that does not apply, with the reason. */
    static final class PatchFailure extends Exception {
        PatchFailure(String message) {
            super(message);
        }
    }

    private UnifiedDiff() {
    }

    /** The file patches in {@code patch}; an {@link IllegalArgumentException} names the patch line at fault. */
    static List<FilePatch> parse(String patch) {
        String[] lines = patch.split("\n", -1);
        List<FilePatch> files = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (!(lines[i].startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ "))) {
                i++;
                continue;
            }
            String oldPath = path(lines[i].substring(4), "a/");
            String newPath = path(lines[i + 1].substring(4), "b/");
            if (oldPath == null && newPath == null) throw bad(i + 1, "both sides are /dev/null");
            i += 2;
            List<Hunk> hunks = new ArrayList<>();
            while (i < lines.length && lines[i].startsWith("@@")) {
                int[] next = {i};
                hunks.add(hunk(lines, next));
                i = next[0];
            }
            if (hunks.isEmpty()) throw bad(i + 1, "no hunk ('@@ -A,B +C,D @@') after the file header for " + (newPath != null ? newPath : oldPath));
            files.add(new FilePatch(oldPath, newPath, hunks));
        }
        if (files.isEmpty()) throw new IllegalArgumentException("argument 'patch' holds no file header ('--- a/PATH' then '+++ b/PATH'): it is not a unified diff");
        return files;
    }

    private static Hunk hunk(String[] lines, int[] at) {
        int i = at[0];
        Matcher m = HUNK_HEADER.matcher(lines[i]);
        if (!m.matches()) throw bad(i + 1, "malformed hunk header '" + lines[i] + "'");
        String header = lines[i];
        int oldStart = Integer.parseInt(m.group(1));
        int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        int remOld = oldCount;
        int remNew = newCount;
        List<String> body = new ArrayList<>();
        boolean oldNoEol = false;
        boolean newNoEol = false;
        i++;
        while (i < lines.length && (remOld > 0 || remNew > 0 || lines[i].startsWith("\\"))) {
            String l = lines[i].isEmpty() ? " " : lines[i]; // an empty context line whose space was stripped
            char c = l.charAt(0);
            switch (c) {
                case ' ' -> { remOld--; remNew--; body.add(l); }
                case '-' -> { remOld--; body.add(l); }
                case '+' -> { remNew--; body.add(l); }
                case '\\' -> {
                    char last = body.isEmpty() ? ' ' : body.getLast().charAt(0);
                    if (last != '+') oldNoEol = true;
                    if (last != '-') newNoEol = true;
                }
                default -> throw bad(i + 1, "unexpected line in hunk '" + header + "': lines start with ' ', '-' or '+'");
            }
            if (remOld < 0 || remNew < 0) throw bad(i + 1, "hunk '" + header + "' has more lines than its header counts");
            i++;
        }
        if (remOld > 0 || remNew > 0) throw bad(i, "hunk '" + header + "' ends before the lines its header counts (a cut patch?)");
        at[0] = i;
        return new Hunk(header, oldStart, oldCount, List.copyOf(body), oldNoEol, newNoEol);
    }

    private static @Nullable String path(String field, String prefix) {
        int tab = field.indexOf('\t');
        String p = (tab >= 0 ? field.substring(0, tab) : field).strip();
        if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) p = p.substring(1, p.length() - 1);
        if (p.equals("/dev/null")) return null;
        return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
    }

    private static IllegalArgumentException bad(int patchLine, String why) {
        return new IllegalArgumentException("argument 'patch', line " + patchLine + ": " + why);
    }

    /** {@code original} (null when the file does not exist) with {@code patch} applied. */
    static String apply(@Nullable String original, FilePatch patch) throws PatchFailure {
        List<String> src = new ArrayList<>();
        boolean eol = true;
        if (original != null && !original.isEmpty()) {
            src.addAll(List.of(original.split("\n", -1)));
            if (src.getLast().isEmpty()) src.removeLast();
            else eol = false;
        }
        List<String> out = new ArrayList<>();
        int cursor = 0;
        int delta = 0;
        for (int h = 0; h < patch.hunks().size(); h++) {
            Hunk hunk = patch.hunks().get(h);
            List<String> old = hunk.side('-');
            int base = hunk.oldCount() == 0 ? hunk.oldStart() : hunk.oldStart() - 1;
            int pos = find(src, old, base + delta, cursor);
            if (pos < 0) throw failure(patch, h, hunk, src, old, Math.max(cursor, base + delta));
            out.addAll(src.subList(cursor, pos));
            out.addAll(hunk.side('+'));
            cursor = pos + old.size();
            delta = pos - base;
            if (cursor == src.size()) eol = !hunk.newNoEol();
        }
        out.addAll(src.subList(cursor, src.size()));
        return out.isEmpty() ? "" : String.join("\n", out) + (eol ? "\n" : "");
    }

    /** Where {@code old} matches {@code src} exactly, nearest {@code expected} and not before {@code from}; -1 if nowhere. */
    private static int find(List<String> src, List<String> old, int expected, int from) {
        int last = src.size() - old.size();
        for (int d = 0; d <= src.size(); d++) {
            for (int pos : new int[]{expected + d, expected - d}) {
                if (pos >= from && pos <= last && matchesAt(src, old, pos)) return pos;
                if (d == 0) break;
            }
        }
        return -1;
    }

    private static boolean matchesAt(List<String> src, List<String> old, int pos) {
        for (int i = 0; i < old.size(); i++) if (!src.get(pos + i).equals(old.get(i))) return false;
        return true;
    }

    private static PatchFailure failure(FilePatch patch, int index, Hunk hunk, List<String> src, List<String> old, int at) {
        String where = "hunk " + (index + 1) + " (" + hunk.header() + ") of " + patch.path() + " does not apply";
        for (int i = 0; i < old.size(); i++) {
            int line = at + i;
            if (line >= src.size()) {
                return new PatchFailure(where + ": the file has only " + src.size() + " lines, the hunk expects '"
                        + old.get(i) + "' at line " + (line + 1) + "; no exact match anywhere in the file");
            }
            if (!src.get(line).equals(old.get(i))) {
                return new PatchFailure(where + ": line " + (line + 1) + " is '" + src.get(line) + "' but the hunk expects '"
                        + old.get(i) + "'; no exact match of its context anywhere after the previous hunk");
            }
        }
        return new PatchFailure(where + ": its context overlaps the previous hunk");
    }
}

package dev.baton.library;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The library bundled with Baton: primitive scripts, example ensembles and operations, described by
 * {@code dev/baton/library/index.yaml} on the classpath. Each entry's files are paths under
 * {@code library/} that are copied to the same path under a project's {@code .baton/}.
 * Immutable once loaded.
 */
public final class Library {

    public static final String ROOT = "/dev/baton/library/";

    /** What an entry is. */
    public enum Kind { script, ensemble, operation }

    /** One library entry as the index describes it. */
    public record Entry(String name, Kind kind, String description, List<String> tags, List<String> files) {
        public Entry {
            tags = List.copyOf(tags);
            files = List.copyOf(files);
        }
    }

    private final List<Entry> entries;

    private Library(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the bundled index; a broken index is a packaging bug, reported as such. */
    public static Library load() {
        JsonNode root = YAMLMapper.builder().build().readTree(read("index.yaml"));
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : root.path("entries")) {
            entries.add(new Entry(e.path("name").asString(), Kind.valueOf(e.path("kind").asString()),
                    e.path("description").asString(), strings(e.path("tags")), strings(e.path("files"))));
        }
        return new Library(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries of {@code kind}; every entry when null. */
    public List<Entry> entries(@Nullable Kind kind) {
        return kind == null ? entries : entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** The entry named {@code name}; a script's file name ({@code read_file.py}) is accepted too. */
    public Optional<Entry> find(String name) {
        String bare = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .or(() -> entries.stream().filter(e -> e.name().equals(bare)).findFirst());
    }

    /**
     * Entries where every word of {@code query} occurs (case-insensitive) in the name, the
     * description or a tag; best first: name hits weigh most, then exact tags.
     */
    public List<Entry> search(String query) {
        List<String> words = List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        record Hit(Entry entry, int score, int position) {
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            int score = score(entries.get(i), words);
            if (score > 0) hits.add(new Hit(entries.get(i), score, i));
        }
        hits.sort(Comparator.comparingInt(Hit::score).reversed().thenComparingInt(Hit::position));
        return hits.stream().map(Hit::entry).toList();
    }

    private static int score(Entry e, List<String> words) {
        int total = 0;
        for (String w : words) {
            int s = 0;
            if (e.name().toLowerCase(Locale.ROOT).contains(w)) s += 4;
            if (e.tags().stream().anyMatch(t -> t.equalsIgnoreCase(w))) s += 2;
            else if (e.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(w))) s += 1;
            if (e.description().toLowerCase(Locale.ROOT).contains(w)) s += 1;
            if (s == 0) return 0;
            total += s;
        }
        return total;
    }

    /** The bytes of a library file ({@code scripts/read_file.py}). */
    public static byte[] bytes(String file) {
        try (InputStream in = Library.class.getResourceAsStream(ROOT + file)) {
            if (in == null) throw new IllegalStateException("the library has no file " + file);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read library file " + file, e);
        }
    }

    /** The text of a library file. */
    public static String read(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) out.add(n.asString());
        return out;
    }
}

package dev.baton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the repository's user documentation ({@code README.md} and
 * {@code docs/**.md}), each with where it is, its info string and the {@code <!-- baton:KIND ... -->}
 * marker on the line right before its fence, if any.
 */
final class DocBlocks {

    /** One fenced block. {@code marker} is null when the line before the fence carries none. */
    record Block(Path file, int line, String info, String marker, Map<String, List<String>> args, String text) {
        String where() {
            return root().relativize(file) + ":" + line;
        }

        List<String> arg(String name) {
            return args.getOrDefault(name, List.of());
        }

        boolean isYaml() {
            return info.equals("yaml") || info.equals("yml");
        }
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+)\\s*([\\w.+-]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*baton:([\\w-]+)((?:\\s+[\\w-]+=\\S+)*)\\s*-->\\s*$");

    private DocBlocks() {
    }

    /** The repository root: the nearest ancestor of the working directory holding README.md and docs/. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) return p;
        }
        throw new IllegalStateException("no README.md with docs/ above " + Path.of("").toAbsolutePath());
    }

    /** README.md and every Markdown file under docs/, in a stable order. */
    static List<Path> files() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every fenced block of every documentation file. */
    static List<Block> all() {
        return files().stream().flatMap(f -> of(f).stream()).toList();
    }

    /** The fenced blocks of one Markdown file. */
    static List<Block> of(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) continue;
            String indent = open.group(1);
            String fence = open.group(2);
            StringBuilder text = new StringBuilder();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals(fence)) {
                String line = lines.get(end);
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
                end++;
            }
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
            boolean marked = marker != null && marker.matches();
            blocks.add(new Block(file, i + 1, open.group(3), marked ? marker.group(1) : null,
                    marked ? args(marker.group(2)) : Map.of(), text.toString()));
            i = end;
        }
        return blocks;
    }

    /** {@code key=a,b key2=c} → {key: [a, b], key2: [c]}. */
    private static Map<String, List<String>> args(String text) {
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (String pair : text.strip().split("\\s+")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            args.put(pair.substring(0, eq), List.of(pair.substring(eq + 1).split(",")));
        }
        return args;
    }
}

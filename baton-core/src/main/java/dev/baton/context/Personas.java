package dev.baton.context;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The personas: those shipped with Baton (resources) and the user's, kept as {@code NAME.md}
 * files in one directory (the user configuration directory's {@code personas/}). A user file
 * with a shipped persona's name overrides it until {@linkplain #reset reset}. Files are written
 * atomically (a temporary file moved over the old one), so a reader never sees half a persona.
 * Thread-safe: every call reads the files afresh.
 */
public final class Personas {

    private static final String RESOURCES = "/dev/baton/context/personas/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** A persona is a system prompt, not a document: a bound keeps a wrong file out of every request. */
    public static final int MAX_CHARS = 32_000;

    private final Path directory;

    /** Personas with user files in {@code directory} (created on the first {@link #set}). */
    public Personas(Path directory) {
        this.directory = directory;
    }

    /** The personas of {@code paths}: user files in the user configuration directory's {@code personas/}. */
    public static Personas of(dev.baton.config.BatonPaths paths) {
        return new Personas(paths.userConfigDir().resolve("personas"));
    }

    /** Where user personas are kept. */
    public Path directory() {
        return directory;
    }

    /** Every persona, shipped and user, by name. */
    public List<Persona> list() {
        TreeMap<String, Persona> all = new TreeMap<>();
        for (String name : shippedNames()) find(name).ifPresent(p -> all.put(name, p));
        for (String name : userNames()) find(name).ifPresent(p -> all.put(name, p));
        return new ArrayList<>(all.values());
    }

    /** The persona {@code name}: the user's file when there is one, else the shipped text. */
    public Optional<Persona> find(String name) {
        if (!NAME.matcher(name).matches()) return Optional.empty();
        Optional<String> shipped = shipped(name);
        Path file = file(name);
        if (Files.isRegularFile(file)) {
            return Optional.of(new Persona(name, read(file), shipped.isPresent() ? Persona.Source.OVERRIDDEN : Persona.Source.USER));
        }
        return shipped.map(text -> new Persona(name, text, Persona.Source.SHIPPED));
    }

    /**
     * The persona {@code name}.
     *
     * @throws BatonException NOT_FOUND naming the personas there are
     */
    public Persona get(String name) {
        return find(name).orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, "no persona '" + name + "' (known: "
                + String.join(", ", list().stream().map(Persona::name).toList()) + ")"));
    }

    /**
     * Sets the text of persona {@code name} (a new user persona, or an override of a shipped one).
     *
     * @throws BatonException INVALID_REQUEST for a bad name or an empty or over-long text
     */
    public Persona set(String name, String text) {
        checkName(name);
        String body = text.strip();
        if (body.isEmpty()) throw new BatonException(ErrorCode.INVALID_REQUEST, "persona '" + name + "': the text is empty");
        if (body.length() > MAX_CHARS) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "persona '" + name + "': the text has " + body.length()
                    + " characters, more than the " + MAX_CHARS + " a persona may have");
        }
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, "." + name, ".tmp");
            try {
                Files.writeString(tmp, body + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write persona file " + file(name), e);
        }
        return get(name);
    }

    /**
     * Resets {@code name}: a shipped persona gets its shipped text back, a user persona is removed.
     *
     * @return the persona after the reset, empty when it was a user persona (now gone)
     * @throws BatonException NOT_FOUND when there is no such persona
     */
    public Optional<Persona> reset(String name) {
        get(name);
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete persona file " + file(name), e);
        }
        return find(name);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "persona name '" + name
                    + "': use lower-case letters, digits, '-' and '_' (at most 64, starting with a letter or digit)");
        }
    }

    private Path file(String name) {
        return directory.resolve(name + ".md");
    }

    private List<String> userNames() {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).filter(n -> NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list persona files in " + directory, e);
        }
    }

    private static List<String> shippedNames() {
        return resource("personas.list").map(s -> s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                .orElse(List.of());
    }

    private static Optional<String> shipped(String name) {
        return shippedNames().contains(name) ? resource(name + ".md").map(String::strip) : Optional.empty();
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = Personas.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped persona " + name, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read persona file " + file, e);
        }
    }
}

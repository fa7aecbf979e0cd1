package dev.baton.catalog;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ModelRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Baton knows about models: context window, output limit, capabilities and list prices,
 * read from the catalog bundled in the jar and then from override files, each later file adding
 * models or changing fields of models already known (matched by provider and model id).
 *
 * <p>Immutable and safe to share between threads. Building one reads and validates every file;
 * a malformed file fails with a {@link BatonException} of code {@link ErrorCode#VALIDATION} whose
 * message starts with {@code file:line[:column]:} and names the field.
 */
public final class ModelCatalog {

    /** Classpath location of the bundled catalog. */
    public static final String BUNDLED_RESOURCE = "/dev/baton/catalog/models.yaml";
    /** The bundled catalog compiled to JSON at build time by {@link BundledCatalogCompiler}. */
    static final String COMPILED_RESOURCE = "/dev/baton/catalog/models.json";
    static final String BUNDLED_SOURCE = "models.yaml (bundled)";
    /** File name of an override catalog in the user or project configuration directory. */
    public static final String FILE_NAME = "models.yaml";

    private final List<CatalogEntry> entries;
    private final CatalogIndex index;

    private ModelCatalog(List<CatalogEntry> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparing(CatalogEntry::provider).thenComparing(CatalogEntry::model))
                .toList();
        // The index gets file order, not the sorted order: where region-less Bedrock ids are
        // ambiguous, the entry listed first wins.
        this.index = new CatalogIndex(entries);
    }

    /** The bundled catalog alone. */
    public static ModelCatalog bundled() {
        return load(List.of());
    }

    /**
     * The bundled catalog with {@code overrideFiles} applied in order (later wins). Files that do
     * not exist are skipped, so callers may pass the conventional locations unconditionally.
     */
    public static ModelCatalog load(List<Path> overrideFiles) {
        CatalogReader reader = new CatalogReader();
        CatalogAssembler assembler = new CatalogAssembler();
        assembler.apply(Bundled.FILE);
        for (Path file : overrideFiles) {
            readIfPresent(file).ifPresent(text -> assembler.apply(reader.parse(text, file.toString())));
        }
        return new ModelCatalog(assembler.entries());
    }

    /**
     * The conventional override files, lowest precedence first: {@code <userConfigDir>/models.yaml}
     * (e.g. {@code ~/.config/baton/models.yaml}), then {@code <projectDir>/models.yaml}
     * ({@code .baton/models.yaml}).
     */
    public static List<Path> overrideFiles(Path userConfigDir, Optional<Path> projectDir) {
        List<Path> files = new ArrayList<>();
        files.add(userConfigDir.resolve(FILE_NAME));
        projectDir.ifPresent(dir -> files.add(dir.resolve(FILE_NAME)));
        return List.copyOf(files);
    }

    /**
     * The entry for {@code ref}: its provider must equal the entry's provider; its model may be the
     * entry's id, an alias, or either with a dated snapshot suffix, a {@code :latest} tag or a
     * Bedrock cross-region prefix (see the catalog documentation for the exact order).
     */
    public Optional<CatalogEntry> find(ModelRef ref) {
        return index.find(ref.provider(), ref.model());
    }

    /**
     * As {@link #find(ModelRef)}, then, when nothing matched, under {@code providerKind}: a provider
     * configured as {@code my-gateway} of kind {@code openai} still finds {@code openai/gpt-4o}.
     */
    public Optional<CatalogEntry> find(ModelRef ref, String providerKind) {
        Optional<CatalogEntry> byName = find(ref);
        if (byName.isPresent() || providerKind == null || providerKind.equals(ref.provider())) return byName;
        return index.find(providerKind, ref.model());
    }

    /** Every entry, or those whose provider is {@code provider}, sorted by provider then model. */
    public List<CatalogEntry> list(Optional<String> provider) {
        if (provider.isEmpty()) return entries;
        String wanted = provider.get().toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.provider().toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    /**
     * What is known of {@code ref} (looked up as {@link #find(ModelRef, String)}), named as the
     * caller named it. An unknown model gets context window 0 and max output 0 (unknown), no
     * capabilities and null prices.
     */
    public ModelInfo toModelInfo(ModelRef ref, String providerKind) {
        return find(ref, providerKind)
                .map(entry -> entry.toModelInfo(ref))
                .orElseGet(() -> new ModelInfo(ref.provider(), ref.model(), 0, 0, Set.of(), null));
    }

    public int size() {
        return entries.size();
    }

    /**
     * Reads the bundled catalog now unless done already, so that a later {@link #load} need not:
     * a command-line process calls it on a second thread while it parses its arguments.
     */
    public static void preload() {
        Bundled.FILE.spec();
    }

    /** The bundled catalog, read once per process (its content never changes while it runs). */
    private static final class Bundled {
        static final CatalogReader.ParsedFile FILE = read(new CatalogReader());
    }

    /** The bundled catalog: its compiled form when the build made one, else the YAML itself. */
    private static CatalogReader.ParsedFile read(CatalogReader reader) {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(COMPILED_RESOURCE)) {
            if (in != null) return reader.parseCompiled(in, BUNDLED_SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled bundled model catalog", e);
        }
        return reader.parse(bundledText(), BUNDLED_SOURCE);
    }

    static String bundledText() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) throw new IllegalStateException("bundled model catalog missing: " + BUNDLED_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled model catalog", e);
        }
    }

    private static Optional<String> readIfPresent(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw BatonException.builder(ErrorCode.VALIDATION, file + ": cannot read model catalog: " + e.getMessage())
                    .cause(e).build();
        }
    }
}

package dev.baton.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Build step (run by Maven after compiling {@code baton-core}): checks the bundled
 * {@code models.yaml} exactly as {@link ModelCatalog} would and writes it as JSON beside it, the
 * form {@link ModelCatalog} reads at run time. Parsing 28 KB of YAML was a sixth of a fresh
 * {@code baton invoke}'s time before its run started. Arguments: the YAML file, the JSON file.
 */
public final class BundledCatalogCompiler {

    private BundledCatalogCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: BundledCatalogCompiler MODELS_YAML MODELS_JSON");
        Path yaml = Path.of(args[0]);
        Path json = Path.of(args[1]);
        CatalogReader.ParsedFile parsed = new CatalogReader().parse(Files.readString(yaml), ModelCatalog.BUNDLED_SOURCE);
        new CatalogAssembler().apply(parsed); // the same checks as at run time: a bad entry fails the build
        Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
        Files.write(tmp, CatalogReader.compiled(parsed.spec()));
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

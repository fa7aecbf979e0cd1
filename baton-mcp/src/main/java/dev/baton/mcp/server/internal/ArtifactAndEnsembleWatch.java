package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.mcp.server.ResourceUpdates;
import dev.baton.mcp.server.ResourceWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Notices recorded runs being written or deleted and ensemble files changing, by looking at the
 * folders every {@link #INTERVAL} (a poll, not a file-system watch: the folders may not exist yet,
 * and a run's files land several levels down). A change to an ensemble's runs updates
 * {@code baton://artifacts/{ensemble}}, {@code baton://artifact/{ensemble}/latest},
 * {@code baton://metrics/{ensemble}} and {@code baton://stats}; a changed ensemble file updates
 * {@code baton://ensembles} and {@code baton://ensemble/{name}} (the file's name without
 * {@code .yaml}); a changed ensemble or operation file also tells the project's sessions that their
 * prompts changed (each ensemble and operation is a prompt). It watches one project: the one of the Baton its supplier gives at each look
 * (a reloaded project's new Baton).
 */
public final class ArtifactAndEnsembleWatch implements ResourceWatch {

    static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(ArtifactAndEnsembleWatch.class);

    private final Supplier<Baton> baton;

    public ArtifactAndEnsembleWatch(Baton baton) {
        this(() -> baton);
    }

    ArtifactAndEnsembleWatch(Supplier<Baton> baton) {
        this.baton = baton;
    }

    @Override
    public AutoCloseable start(ResourceUpdates updated) {
        return watch(updated, () -> updated.promptsChanged(session -> true));
    }

    /**
     * Starts polling, handing each changed URI to {@code updated} and running {@code promptsChanged}
     * when an ensemble or operation file changed; the handle stops it.
     */
    AutoCloseable watch(Consumer<String> updated, Runnable promptsChanged) {
        Thread poller = Thread.ofVirtual().name("baton-mcp-resource-watch").start(() -> poll(updated, promptsChanged));
        return () -> {
            poller.interrupt();
            poller.join(Duration.ofSeconds(5));
        };
    }

    private void poll(Consumer<String> updated, Runnable promptsChanged) {
        Map<String, String> artifacts = artifactSignatures();
        Map<Path, String> ensembles = ensembleSignatures();
        Map<Path, String> operations = operationSignatures();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Map<String, String> nowArtifacts = artifactSignatures();
                Map<Path, String> nowEnsembles = ensembleSignatures();
                Map<Path, String> nowOperations = operationSignatures();
                boolean prompts = !nowEnsembles.equals(ensembles) || !nowOperations.equals(operations);
                Set<String> uris = new LinkedHashSet<>();
                for (String ensemble : changed(artifacts, nowArtifacts)) {
                    uris.addAll(List.of("baton://artifacts/" + ensemble, "baton://artifact/" + ensemble + "/latest",
                            "baton://metrics/" + ensemble, "baton://stats"));
                }
                for (Path file : changed(ensembles, nowEnsembles)) {
                    uris.add("baton://ensembles");
                    uris.add("baton://ensemble/" + stem(file));
                }
                artifacts = nowArtifacts;
                ensembles = nowEnsembles;
                operations = nowOperations;
                uris.forEach(updated);
                if (prompts) promptsChanged.run();
            } catch (RuntimeException e) {
                // a folder vanishing mid-listing, a notification to a closing session: try again next time
                log.debug("resource watch: {}", e.toString());
            }
        }
    }

    private static <K> Set<K> changed(Map<K, String> before, Map<K, String> after) {
        Set<K> keys = new LinkedHashSet<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) keys.add(k);
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(keys::add);
        return keys;
    }

    /** Per ensemble folder under the artifacts root: its run folders and its {@code latest} pointer, as one string. */
    private Map<String, String> artifactSignatures() {
        Map<String, String> out = new HashMap<>();
        Path root = baton.get().ensembles().artifacts().root();
        if (!Files.isDirectory(root)) return out;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                int runs = 0;
                String newest = "";
                try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                    for (Path c : children) {
                        String name = c.getFileName().toString();
                        if (name.equals("latest")) continue;
                        runs++;
                        if (name.compareTo(newest) > 0) newest = name;
                    }
                }
                out.put(dir.getFileName().toString(), runs + "|" + newest + "|" + signature(dir.resolve("latest")));
            }
        } catch (IOException e) {
            log.debug("resource watch cannot list {}: {}", root, e.toString());
        }
        return out;
    }

    /** Every YAML file of the ensemble folders (category folders included) with its modification time and size. */
    private Map<Path, String> ensembleSignatures() {
        return yamlSignatures(baton.get().ensembles().directories(), CATEGORY_DEPTH);
    }

    /** Every YAML file of the operation folders with its modification time and size. */
    private Map<Path, String> operationSignatures() {
        return yamlSignatures(baton.get().operations().directories(), 1);
    }

    /** How deep below an ensemble folder files are looked for: llm-orc keeps ensembles in category folders. */
    private static final int CATEGORY_DEPTH = 4;

    private static Map<Path, String> yamlSignatures(List<Path> dirs, int depth) {
        Map<Path, String> out = new HashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.find(dir, depth, (f, a) -> a.isRegularFile() && isYaml(f))) {
                files.forEach(f -> out.put(f, signature(f)));
            } catch (IOException | UncheckedIOException e) {
                log.debug("resource watch cannot list {}: {}", dir, e.toString());
            }
        }
        return out;
    }

    private static boolean isYaml(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static String signature(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + Objects.toString(a.fileKey(), "");
        } catch (IOException e) {
            return "";
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}

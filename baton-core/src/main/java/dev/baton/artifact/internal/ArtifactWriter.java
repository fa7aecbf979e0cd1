package dev.baton.artifact.internal;

import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import dev.baton.artifact.ArtifactIndex;
import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.IndexedRun;

/**
 * Writes each finished run to {@code <root>/<ensemble>/<yyyyMMdd-HHmmss-SSS>/} as
 * {@code execution.md} then {@code execution.json} (each atomically: temp file, fsync, atomic
 * rename), points {@code <root>/<ensemble>/latest} at it and records it in the index. As a
 * {@link RunListener} it acts on {@code run_completed} only, so a run costs one write at its end;
 * a write failure is logged and does not affect the run.
 */
public final class ArtifactWriter implements RunListener {

    public static final String EXECUTION_JSON = "execution.json";
    public static final String EXECUTION_MD = "execution.md";
    public static final String LATEST = "latest";
    static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactWriter.class);

    /** One for all writers: a writer is made per run, and a mapper's serializer caches are worth keeping. */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path root;
    private final ArtifactIndex index;
    private final ZoneId zone;
    private final java.util.function.Consumer<Path> directorySync;
    private final ReentrantLock lock = new ReentrantLock();

    /** {@code index} may be null (no index); {@code zone} names the directories. */
    public ArtifactWriter(Path root, ArtifactIndex index, ZoneId zone) {
        this(root, index, zone, AtomicFiles::syncDirectory);
    }

    /** With the sync of the ensemble directory after {@code latest} moves replaced (tests). */
    ArtifactWriter(Path root, ArtifactIndex index, ZoneId zone, java.util.function.Consumer<Path> directorySync) {
        this.root = root;
        this.index = index;
        this.zone = zone;
        this.directorySync = directorySync;
    }

    /** A writer for {@code <projectDir>/.baton/artifacts} in the system time zone. */
    public static ArtifactWriter forProject(Path projectDir, ArtifactIndex index) {
        return new ArtifactWriter(artifactsRoot(projectDir), index, ZoneId.systemDefault());
    }

    public static Path artifactsRoot(Path projectDir) {
        return projectDir.resolve(".baton").resolve("artifacts");
    }

    @Override
    public void onEvent(RunEvent event) {
        if (!(event instanceof RunEvent.RunCompleted completed)) return;
        try {
            write(completed.result());
        } catch (RuntimeException e) {
            LOG.warn("could not write artifacts of run {}: {}", completed.runId(), e.toString());
        }
    }

    /** Writes {@code result}; returns where. */
    public ArtifactRef write(RunResult result) {
        return write(result, java.util.Map.of());
    }

    /** Writes {@code result} with {@code extra} fields at the top level of its {@code execution.json}; returns where. */
    public ArtifactRef write(RunResult result, java.util.Map<String, tools.jackson.databind.JsonNode> extra) {
        return write(result, render(result, extra), executionName(result));
    }

    /** The two documents of a run, rendered once whether they go to disk, to the store or to both. */
    public record Rendered(String markdown, byte[] json) {
    }

    /** {@code execution.md} and {@code execution.json} of {@code result}, {@code extra} at the JSON's top level. */
    public Rendered render(RunResult result, java.util.Map<String, tools.jackson.databind.JsonNode> extra) {
        tools.jackson.databind.node.ObjectNode node = RunResultJson.write(result);
        extra.forEach(node::set);
        return new Rendered(MarkdownReport.render(result), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }

    /** The run's id in its ensemble's folder, before any same-millisecond suffix: {@code yyyyMMdd-HHmmss-SSS}. */
    public String executionName(RunResult result) {
        return DIR_NAME.format(result.startedAt().atZone(zone));
    }

    /**
     * Writes {@code rendered} into {@code <root>/<ensemble>/<execution>} (the next free
     * {@code -N} suffix when that folder exists), moves {@code latest} and records the index; returns where.
     */
    public ArtifactRef write(RunResult result, Rendered rendered, String execution) {
        try {
            Path ensembleDir = root.resolve(safeName(result.ensemble()));
            Files.createDirectories(ensembleDir);
            Path dir = newRunDir(ensembleDir, execution);
            // one directory sync for both files; execution.json is renamed last, as it was written last
            Map<Path, byte[]> files = new LinkedHashMap<>();
            files.put(dir.resolve(EXECUTION_MD), rendered.markdown().getBytes(StandardCharsets.UTF_8));
            files.put(dir.resolve(EXECUTION_JSON), rendered.json());
            AtomicFiles.writeAll(files);
            updateLatest(ensembleDir, dir.getFileName().toString());
            if (index != null) index.record(IndexedRun.of(result, dir));
            return new ArtifactRef(result.ensemble(), dir.getFileName().toString(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifacts of run " + result.runId(), e);
        }
    }

    private static Path newRunDir(Path ensembleDir, String base) throws IOException {
        for (int n = 0; ; n++) {
            Path dir = ensembleDir.resolve(n == 0 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // two runs started in the same millisecond: take the next suffix
            }
        }
    }

    /**
     * Moves {@code latest} only forward, so concurrent runs cannot leave it on an older one. The
     * directory is synced after the lock is released: held across the sync, the lock made every
     * run of the ensemble wait for the others' syncs in turn (100 concurrent runs queued for their
     * syncs one after the other); synced after it, concurrent syncs overlap and each still returns
     * with a {@code latest} at least as new as its own on disk.
     */
    private void updateLatest(Path ensembleDir, String id) throws IOException {
        lock.lock();
        try {
            Path link = ensembleDir.resolve(LATEST);
            String current = AtomicFiles.readPointer(link);
            if (current == null || RunDirs.compare(id, current) >= 0) AtomicFiles.pointTo(link, id, false);
        } finally {
            lock.unlock();
        }
        directorySync.accept(ensembleDir);
    }

    /** An ensemble name as a single safe directory name. */
    public static String safeName(String ensemble) {
        String s = ensemble.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }
}

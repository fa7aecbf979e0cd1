package dev.baton.artifact.internal;

import dev.baton.ensemble.run.RunResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.baton.artifact.ArtifactIndex;
import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.StoredRun;

/**
 * Reads and prunes the artifacts {@link ArtifactWriter} wrote: list runs (newest first), show
 * one (by id or {@code latest}), and delete runs older than a cutoff (keeping {@code latest} and
 * the index consistent). Only directories with a complete {@code execution.json} count as runs.
 */
public final class ArtifactStore {

    private final Path root;
    private final ArtifactIndex index;
    private final ZoneId zone;
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** {@code index} may be null; {@code zone} must be the one the writer used. */
    public ArtifactStore(Path root, ArtifactIndex index, ZoneId zone) {
        this.root = root;
        this.index = index;
        this.zone = zone;
    }

    public static ArtifactStore forProject(Path projectDir, ArtifactIndex index) {
        return new ArtifactStore(ArtifactWriter.artifactsRoot(projectDir), index, ZoneId.systemDefault());
    }

    /** Directory names of ensembles that have artifacts, sorted. */
    public List<String> ensembles() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs of {@code ensemble} (all ensembles when null), newest first. */
    public List<ArtifactRef> list(String ensemble) {
        List<ArtifactRef> refs = new ArrayList<>();
        for (String e : ensemble == null ? ensembles() : List.of(ArtifactWriter.safeName(ensemble))) {
            Path dir = root.resolve(e);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> runs = Files.list(dir)) {
                runs.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                && RunDirs.isRunDir(p.getFileName().toString())
                                && Files.isRegularFile(p.resolve(ArtifactWriter.EXECUTION_JSON)))
                        .forEach(p -> refs.add(new ArtifactRef(e, p.getFileName().toString(), p)));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        refs.sort(Comparator.comparing(ArtifactRef::id, RunDirs::compare).reversed());
        return refs;
    }

    /** The run {@code id} of {@code ensemble}; {@code id} null or {@code latest} means the newest. */
    public Optional<StoredRun> show(String ensemble, String id) {
        Path ensembleDir = root.resolve(ArtifactWriter.safeName(ensemble));
        try {
            String runId = id == null || id.equals(ArtifactWriter.LATEST)
                    ? AtomicFiles.readPointer(ensembleDir.resolve(ArtifactWriter.LATEST)) : id;
            if (runId == null || !RunDirs.isRunDir(runId)) return Optional.empty();
            ArtifactRef ref = new ArtifactRef(ensemble, runId, ensembleDir.resolve(runId));
            if (!Files.isRegularFile(ref.executionJson())) return Optional.empty();
            JsonNode json = mapper.readTree(Files.readString(ref.executionJson()));
            return Optional.of(new StoredRun(ref, RunResultJson.read(json), json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every run that started before {@code cutoff}; returns how many were deleted. */
    public int cleanupOlderThan(Instant cutoff) {
        int deleted = 0;
        for (String e : ensembles()) {
            Path ensembleDir = root.resolve(e);
            for (Path run : runDirs(ensembleDir)) {
                Instant started = RunDirs.startedAt(run.getFileName().toString(), zone);
                if (started != null && started.isBefore(cutoff)) {
                    deleteTree(run);
                    deleted++;
                }
            }
            repointLatest(ensembleDir);
        }
        if (index != null) index.deleteStartedBefore(cutoff);
        return deleted;
    }

    /**
     * Deletes the run {@code id} of {@code ensemble} (its directory and its index entry) and points
     * {@code latest} at the newest run left; false when there is no such run.
     */
    public boolean delete(String ensemble, String id) {
        Optional<StoredRun> run = RunDirs.isRunDir(id) ? show(ensemble, id) : Optional.empty();
        if (run.isEmpty()) return false;
        deleteTree(run.get().ref().dir());
        repointLatest(run.get().ref().dir().getParent());
        if (index != null) index.delete(run.get().result().runId());
        return true;
    }

    /**
     * The runs a cleanup would remove, newest first: of {@code ensemble} (every ensemble when null),
     * those started before {@code olderThan} (any age when null) and not among the
     * {@code keepNewest} newest of their ensemble (none kept when null). At least one rule must be given.
     */
    public List<ArtifactRef> selectForCleanup(String ensemble, Instant olderThan, Integer keepNewest) {
        if (olderThan == null && keepNewest == null) throw new IllegalArgumentException("give an age, a number to keep, or both");
        List<ArtifactRef> out = new ArrayList<>();
        for (String e : ensemble == null ? ensembles() : List.of(ArtifactWriter.safeName(ensemble))) {
            List<ArtifactRef> runs = list(e);
            for (int i = keepNewest == null ? 0 : keepNewest; i < runs.size(); i++) {
                ArtifactRef ref = runs.get(i);
                Instant started = RunDirs.startedAt(ref.id(), zone);
                if (olderThan == null || (started != null && started.isBefore(olderThan))) out.add(ref);
            }
        }
        return out;
    }

    private static List<Path> runDirs(Path ensembleDir) {
        try (Stream<Path> runs = Files.list(ensembleDir)) {
            return runs.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && RunDirs.isRunDir(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void repointLatest(Path ensembleDir) {
        Path link = ensembleDir.resolve(ArtifactWriter.LATEST);
        try {
            Optional<String> newest = runDirs(ensembleDir).stream().map(p -> p.getFileName().toString())
                    .max(RunDirs::compare);
            if (newest.isEmpty()) Files.deleteIfExists(link);
            else if (!newest.get().equals(AtomicFiles.readPointer(link))) AtomicFiles.pointTo(link, newest.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

package dev.baton.ensemble.service.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.internal.ArtifactStore;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.StoredRun;
import dev.baton.ensemble.service.Artifacts;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Artifacts} over the artifact files under one root and the run index. */
final class DiskArtifacts implements Artifacts {

    private final Path root;
    private final RunIndex index;
    private final ZoneId zone;

    DiskArtifacts(Path root, RunIndex index, ZoneId zone) {
        this.root = root;
        this.index = index;
        this.zone = zone;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public List<StoredRun> list(String ensemble, int limit) {
        ArtifactStore store = new ArtifactStore(root, null, zone);
        List<StoredRun> runs = new ArrayList<>();
        for (ArtifactRef ref : store.list(ensemble).stream().limit(Math.max(0, limit)).toList()) {
            store.show(ref.ensemble(), ref.id()).ifPresent(runs::add);
        }
        return runs;
    }

    @Override
    public Optional<StoredRun> show(String ensemble, String execution) {
        return new ArtifactStore(root, null, zone).show(ensemble, execution);
    }

    @Override
    public int cleanupOlderThan(Instant cutoff) {
        return new ArtifactStore(root, index.get(), zone).cleanupOlderThan(cutoff);
    }

    @Override
    public boolean delete(String ensemble, String id) {
        return new ArtifactStore(root, index.get(), zone).delete(ensemble, id);
    }

    @Override
    public List<ArtifactRef> cleanup(String ensemble, Instant olderThan, Integer keepNewest, boolean dryRun) {
        if (keepNewest != null && keepNewest < 0) throw new IllegalArgumentException("keep must be 0 or more, got " + keepNewest);
        ArtifactStore store = new ArtifactStore(root, index.get(), zone);
        List<ArtifactRef> selected = store.selectForCleanup(ensemble, olderThan, keepNewest);
        if (!dryRun) {
            for (ArtifactRef ref : selected) store.delete(ref.ensemble(), ref.id());
        }
        return selected;
    }

    @Override
    public List<IndexedRun> indexed(String ensemble, int limit) {
        return index.get().list(ensemble, limit);
    }

    @Override
    public dev.baton.ensemble.service.ArtifactOutcome record(dev.baton.ensemble.run.RunResult result,
                                                             java.util.Map<String, tools.jackson.databind.JsonNode> extra) {
        ArtifactRef ref;
        try {
            ref = new dev.baton.artifact.internal.ArtifactWriter(root, null, zone).write(result, extra);
        } catch (RuntimeException e) {
            return new dev.baton.ensemble.service.ArtifactOutcome(result.runId(), null, ArtifactRecorder.reason(e), null);
        }
        return new dev.baton.ensemble.service.ArtifactOutcome(result.runId(), ref, null,
                index.record(IndexedRun.of(result, ref.dir())));
    }
}

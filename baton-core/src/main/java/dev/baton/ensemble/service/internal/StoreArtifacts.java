package dev.baton.ensemble.service.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.StoredRun;
import dev.baton.artifact.internal.ArtifactStore;
import dev.baton.artifact.internal.ArtifactWriter;
import dev.baton.artifact.internal.JdbcArtifactDocuments;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.service.ArtifactOutcome;
import dev.baton.ensemble.service.Artifacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Artifacts} of team mode: the store's {@code artifact_run} rows are the source of truth,
 * so every replica lists, shows and deletes every run of the project. The replica that ran a run
 * also keeps a copy of its files under {@link #root()} (same execution id), for reading
 * {@code execution.md} in an editor; deleting a run removes that copy where it is on this machine.
 */
final class StoreArtifacts implements Artifacts {

    private static final Logger LOG = LoggerFactory.getLogger(StoreArtifacts.class);

    private final Path root;
    private final Supplier<JdbcArtifactDocuments> documents;
    private final ZoneId zone;
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** {@code documents} is asked on first use, so building this touches no database. */
    StoreArtifacts(Path root, Supplier<JdbcArtifactDocuments> documents, ZoneId zone) {
        this.root = root;
        this.documents = documents;
        this.zone = zone;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public List<StoredRun> list(String ensemble, int limit) {
        String dir = ensemble == null ? null : ArtifactWriter.safeName(ensemble);
        return documents.get().list(dir, Math.max(0, limit)).stream().map(this::stored).toList();
    }

    @Override
    public Optional<StoredRun> show(String ensemble, String execution) {
        String id = execution == null || execution.equals(ArtifactWriter.LATEST) ? null : execution;
        return documents.get().find(ArtifactWriter.safeName(ensemble), id).map(this::stored);
    }

    @Override
    public int cleanupOlderThan(Instant cutoff) {
        int deleted = documents.get().deleteStartedBefore(cutoff);
        new ArtifactStore(root, null, zone).cleanupOlderThan(cutoff);
        return deleted;
    }

    @Override
    public boolean delete(String ensemble, String id) {
        boolean deleted = documents.get().delete(ArtifactWriter.safeName(ensemble), id);
        Path copy = root.resolve(ArtifactWriter.safeName(ensemble)).resolve(id);
        if (Files.isDirectory(copy)) new ArtifactStore(root, null, zone).delete(ensemble, id);
        return deleted;
    }

    @Override
    public List<ArtifactRef> cleanup(String ensemble, Instant olderThan, Integer keepNewest, boolean dryRun) {
        if (keepNewest != null && keepNewest < 0) throw new IllegalArgumentException("keep must be 0 or more, got " + keepNewest);
        if (olderThan == null && keepNewest == null) throw new IllegalArgumentException("give an age, a number to keep, or both");
        Map<String, List<JdbcArtifactDocuments.Slot>> byEnsemble = new LinkedHashMap<>();
        for (JdbcArtifactDocuments.Slot s : documents.get().slots(ensemble == null ? null : ArtifactWriter.safeName(ensemble))) {
            byEnsemble.computeIfAbsent(s.ensembleDir(), k -> new ArrayList<>()).add(s);
        }
        List<JdbcArtifactDocuments.Slot> selected = new ArrayList<>();
        for (List<JdbcArtifactDocuments.Slot> runs : byEnsemble.values()) {
            for (int i = keepNewest == null ? 0 : keepNewest; i < runs.size(); i++) {
                if (olderThan == null || runs.get(i).startedAt().isBefore(olderThan)) selected.add(runs.get(i));
            }
        }
        selected.sort(java.util.Comparator.comparing(JdbcArtifactDocuments.Slot::startedAt).reversed());
        List<ArtifactRef> out = new ArrayList<>();
        for (JdbcArtifactDocuments.Slot s : selected) {
            out.add(new ArtifactRef(s.ensembleDir(), s.execution(), root.resolve(s.ensembleDir()).resolve(s.execution())));
            if (!dryRun) delete(s.ensembleDir(), s.execution());
        }
        return out;
    }

    @Override
    public List<IndexedRun> indexed(String ensemble, int limit) {
        return documents.get().indexed(ensemble, limit);
    }

    /**
     * Stores the run's documents in one transaction, then writes the local copy under the id the
     * store gave it. The store is what every replica reads: a failed local copy is only logged.
     */
    @Override
    public ArtifactOutcome record(RunResult result, Map<String, JsonNode> extra) {
        ArtifactWriter writer = new ArtifactWriter(root, null, zone);
        ArtifactWriter.Rendered rendered;
        try {
            rendered = writer.render(result, extra);
        } catch (RuntimeException e) {
            return new ArtifactOutcome(result.runId(), null, ArtifactRecorder.reason(e), null);
        }
        String ensembleDir = ArtifactWriter.safeName(result.ensemble());
        String execution = writer.executionName(result);
        String storeFailure = null;
        try {
            execution = documents.get().record(IndexedRun.of(result, root.resolve(ensembleDir).resolve(execution)),
                    ensembleDir, execution, rendered.json(), rendered.markdown());
        } catch (RuntimeException e) {
            storeFailure = "not stored in the shared store: " + ArtifactRecorder.reason(e);
        }
        ArtifactRef ref;
        try {
            ref = writer.write(result, rendered, execution);
        } catch (RuntimeException e) {
            if (storeFailure != null) return new ArtifactOutcome(result.runId(), null, storeFailure + "; " + ArtifactRecorder.reason(e), null);
            LOG.warn("run {} is in the store; its local copy could not be written: {}", result.runId(), ArtifactRecorder.reason(e));
            ref = new ArtifactRef(result.ensemble(), execution, root.resolve(ensembleDir).resolve(execution));
        }
        return new ArtifactOutcome(result.runId(), ref, storeFailure == null ? null : storeFailure + " (a local copy is in " + ref.dir() + ")", null);
    }

    private StoredRun stored(JdbcArtifactDocuments.Document d) {
        JsonNode json = mapper.readTree(d.json());
        RunResult result = RunResultJson.read(json);
        ArtifactRef ref = new ArtifactRef(d.entry().ensemble(), d.execution(), root.resolve(d.ensembleDir()).resolve(d.execution()));
        return new StoredRun(ref, result, json, d.markdown());
    }
}

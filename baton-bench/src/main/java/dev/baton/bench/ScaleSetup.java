package dev.baton.bench;

import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedReply;
import dev.baton.provider.scripted.ScriptedScript;
import dev.baton.store.internal.JdbcUsageLedger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the scale harness runs on: one scripted model answering every prompt after the configured
 * latency, the pipeline around it (profile {@code reviewer}, SQLite ledger in a temporary
 * directory) unless direct, and an ensemble engine with no user scripts. Closing closes the
 * pipeline (flushing the ledger) and deletes the directory.
 */
final class ScaleSetup implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final ScriptedChatModel model;
    private final Pipeline pipeline;
    private final PipelineAgentModels models;
    private final EnsembleEngine engine;

    ScaleSetup(EnsembleScaleHarness.ScaleOptions options, Path dir) {
        this.dir = dir;
        ScriptedReply reply = ScriptedReply.text("No defects found in this part; the change reads well.")
                .withLatency(Duration.ofMillis(options.latencyMs()));
        model = ScriptedChatModel.fromScript(ScriptedScript.builder().fallback(reply).build(), "reviewer-model");
        pipeline = options.direct() ? null : Pipeline.builder()
                .profile(PipelineProfile.builder(ScaleEnsembles.PROFILE, model).timeout(TIMEOUT).build())
                .ledger(JdbcUsageLedger.open(dir.resolve("baton.db")))
                .build();
        models = new PipelineAgentModels(pipeline,
                profile -> profile.equals(ScaleEnsembles.PROFILE) ? model : null, TIMEOUT);
        engine = new EnsembleEngine(EngineOptions.builder(models).projectDir(dir).userScriptsDir(null)
                .defaultTimeout(TIMEOUT).build());
    }

    PipelineAgentModels models() {
        return models;
    }

    EnsembleEngine engine() {
        return engine;
    }

    /** Forgets the requests the scripted model recorded, so runs do not accumulate them. */
    void resetModels() {
        model.reset();
    }

    @Override
    public void close() throws IOException {
        if (pipeline != null) pipeline.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

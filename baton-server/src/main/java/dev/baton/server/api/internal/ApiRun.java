package dev.baton.server.api.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.runs.RunRecord;
import dev.baton.ensemble.service.ArtifactOutcome;
import dev.baton.tool.ToolApproval;
import dev.baton.tool.ToolApprovals;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run started over HTTP: who started it, its event log, its handle while it runs and its
 * result once it has finished (with where its artifacts went). The engine's run id is the API's
 * run id, so events, the ledger and {@code execution.json} name the same run. Its tool calls that
 * wait for approval put {@code tool_approval_requested} and {@code tool_approval_decided} events
 * into its log (it is their {@link ToolApprovals.Listener}). The store gets every event (through
 * the log's sink) and a {@link #record() snapshot} when the run starts, finishes and learns its
 * artifacts, so other replicas serve it too. Thread-safe: the engine's threads write, request
 * threads read.
 */
public final class ApiRun implements ToolApprovals.Listener {

    private final String ensemble;
    private final @Nullable String owner;
    private final @Nullable String batchId;
    private final Instant createdAt;
    private final @Nullable String input;
    private final RunRecorder recorder;
    private final EventLog log;
    private final AtomicLong versions = new AtomicLong();
    /** The result as the store keeps it (state summary, whole JSON), made once when the run finishes. */
    private volatile @Nullable String summaryJson;
    private volatile @Nullable String resultJson;
    private volatile @Nullable RunHandle handle;
    /** The engine's run id from {@code run_started}, which comes before any agent starts (and so before the handle may be set). */
    private volatile @Nullable String startedId;
    private volatile @Nullable RunResult result;
    private volatile @Nullable ArtifactRef artifact;
    private volatile @Nullable Instant finishedAt;

    /**
     * @param owner    the caller's key id (null: started without authentication)
     * @param recorder where the run's events and snapshots go (the store)
     */
    ApiRun(String ensemble, @Nullable String owner, @Nullable String batchId, Instant createdAt, @Nullable String input,
           RunRecorder recorder) {
        this.ensemble = ensemble;
        this.owner = owner;
        this.batchId = batchId;
        this.createdAt = createdAt;
        this.input = input;
        this.recorder = recorder;
        this.log = new EventLog(e -> recorder.event(id(), e));
    }

    /** The engine's listener: every event into the log, the log closed by {@code run_completed}. */
    void onEvent(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started && startedId == null) startedId = started.runId();
        String data = RunEventJson.write(event).toString();
        if (event instanceof RunEvent.RunCompleted done) {
            summaryJson = RunViews.summary(done.result()).toString();
            resultJson = RunResultJson.write(done.result()).toString();
            finishedAt = done.at();
            result = done.result(); // last: a reader that sees the result sees its time and JSON too
            log.appendLast(event.type(), data);
            recorder.save(this); // after the last event: a replica that sees the run finished has all its events
        } else {
            log.append(event.type(), data);
        }
    }

    @Override
    public void requested(ToolApproval approval) {
        log.append(ApprovalJson.REQUESTED, ApprovalJson.requested(approval).toString());
    }

    @Override
    public void decided(ToolApproval approval) {
        log.append(ApprovalJson.DECIDED, ApprovalJson.decided(approval).toString());
    }

    void onArtifacts(ArtifactOutcome outcome) {
        artifact = outcome.ref();
        recorder.save(this);
    }

    /**
     * The run as the store keeps it now, each call with a higher version than the last. The
     * status is {@code running} until the result is stored.
     */
    public RunRecord record() {
        RunResult r = result;
        ArtifactRef a = artifact;
        return new RunRecord(id(), ensemble, status(), owner, batchId, recorder.replica(), input, createdAt, createdAt,
                finishedAt, r == null ? null : summaryJson, r == null ? null : resultJson, r == null ? null : error(r),
                a == null ? null : new RunRecord.Artifact(a.ensemble(), a.id()), versions.incrementAndGet());
    }

    /** Why a failed run failed: its first failed agent's error; null for any other outcome. */
    private static @Nullable String error(RunResult r) {
        if (r.status() != dev.baton.ensemble.run.RunStatus.FAILED) return null;
        return r.agents().stream().filter(a -> a.error() != null).findFirst()
                .map(a -> "agent " + a.name() + ": " + a.error().code() + ": " + a.error().message()).orElse(null);
    }

    /** The state summary of the result (deliverable, duration, totals) as JSON, once finished. */
    @Nullable String summaryJson() {
        return summaryJson;
    }

    void started(RunHandle h) {
        this.handle = h;
    }

    public String id() {
        RunHandle h = handle;
        if (h != null) return h.runId();
        return Objects.requireNonNull(startedId, "not started");
    }

    public String ensemble() {
        return ensemble;
    }

    public @Nullable String owner() {
        return owner;
    }

    public @Nullable String batchId() {
        return batchId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public EventLog log() {
        return log;
    }

    public @Nullable RunResult result() {
        return result;
    }

    public @Nullable ArtifactRef artifact() {
        return artifact;
    }

    public @Nullable Instant finishedAt() {
        return finishedAt;
    }

    /** {@code running} until it finishes, then its status ({@code completed}, {@code cancelled}, ...). */
    public String status() {
        RunResult r = result;
        return r == null ? "running" : r.status().wire();
    }

    public boolean finished() {
        return result != null;
    }

    /** Stops the run's agents; the run then finishes as {@code cancelled}. */
    public void cancel() {
        RunHandle h = handle;
        if (h != null) h.cancel();
    }

    /** Runs {@code action} once the run has finished (at once if it has). */
    void whenFinished(Runnable action) {
        RunHandle h = Objects.requireNonNull(handle, "not started");
        h.future().whenComplete((r, e) -> action.run());
    }

    /** Waits up to {@code millis} for the result (null when it has not come). */
    public @Nullable RunResult await(long millis) {
        RunHandle h = handle;
        if (h == null) return null;
        if (millis <= 0) return result;
        return h.await(java.time.Duration.ofMillis(millis)).orElse(null);
    }
}

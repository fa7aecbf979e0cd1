package dev.baton.server.api.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.ArtifactOutcome;
import dev.baton.tool.ToolApproval;
import dev.baton.tool.ToolApprovals;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One run started over HTTP: who started it, its event log, its handle while it runs and its
 * result once it has finished (with where its artifacts went). The engine's run id is the API's
 * run id, so events, the ledger and {@code execution.json} name the same run. Its tool calls that
 * wait for approval put {@code tool_approval_requested} and {@code tool_approval_decided} events
 * into its log (it is their {@link ToolApprovals.Listener}). Thread-safe: the engine's threads
 * write, request threads read.
 */
public final class ApiRun implements ToolApprovals.Listener {

    private final long seq;
    private final String ensemble;
    private final @Nullable String owner;
    private final @Nullable String batchId;
    private final Instant createdAt;
    private final EventLog log = new EventLog();
    private volatile @Nullable RunHandle handle;
    /** The engine's run id from {@code run_started}, which comes before any agent starts (and so before the handle may be set). */
    private volatile @Nullable String startedId;
    private volatile @Nullable RunResult result;
    private volatile @Nullable ArtifactRef artifact;
    private volatile @Nullable Instant finishedAt;

    /**
     * @param seq   orders runs newest first for listings and cursors
     * @param owner the caller's key id (null: started without authentication)
     */
    ApiRun(long seq, String ensemble, @Nullable String owner, @Nullable String batchId, Instant createdAt) {
        this.seq = seq;
        this.ensemble = ensemble;
        this.owner = owner;
        this.batchId = batchId;
        this.createdAt = createdAt;
    }

    /** The engine's listener: every event into the log, the log closed by {@code run_completed}. */
    void onEvent(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started && startedId == null) startedId = started.runId();
        String data = RunEventJson.write(event).toString();
        if (event instanceof RunEvent.RunCompleted done) {
            result = done.result();
            finishedAt = done.at();
            log.appendLast(event.type(), data);
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
    }

    void started(RunHandle h) {
        this.handle = h;
    }

    public String id() {
        RunHandle h = handle;
        if (h != null) return h.runId();
        return Objects.requireNonNull(startedId, "not started");
    }

    public long seq() {
        return seq;
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

package dev.baton.server.api.internal;

import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.server.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One batch: an ensemble run once per input, at most {@code parallelism} runs at once, started in
 * input order by one virtual thread. Each started run is an ordinary run (status, result, events,
 * cancel). Cancelling the batch cancels its running runs and starts no more; inputs never started
 * are reported {@code cancelled}. Thread-safe.
 */
public final class Batch {

    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private final String id;
    private final EnsembleSpec spec;
    private final List<String> inputs;
    private final int parallelism;
    private final RunStarter.Overrides overrides;
    private final Caller caller;
    private final Instant createdAt;
    private final AtomicReferenceArray<ApiRun> runs;
    private final AtomicReferenceArray<String> failures;
    private final Semaphore slots;
    private volatile boolean cancelled;
    private @Nullable Thread launcher;

    Batch(String id, EnsembleSpec spec, List<String> inputs, int parallelism, RunStarter.Overrides overrides, Caller caller,
          Instant createdAt) {
        this.id = id;
        this.spec = spec;
        this.inputs = List.copyOf(inputs);
        this.parallelism = parallelism;
        this.overrides = overrides;
        this.caller = caller;
        this.createdAt = createdAt;
        this.runs = new AtomicReferenceArray<>(inputs.size());
        this.failures = new AtomicReferenceArray<>(inputs.size());
        this.slots = new Semaphore(parallelism);
    }

    /** Starts launching the runs in the background. */
    void launch(RunStarter starter) {
        launcher = Thread.ofVirtual().name("baton-batch-" + id).start(() -> {
            try {
                for (int i = 0; i < inputs.size() && !cancelled; i++) {
                    slots.acquire();
                    if (cancelled) break;
                    startOne(starter, i);
                }
            } catch (InterruptedException e) {
                cancelled = true;
            }
        });
    }

    private void startOne(RunStarter starter, int i) {
        try {
            ApiRun run = starter.start(spec, inputs.get(i), overrides, caller, id);
            runs.set(i, run);
            // a run cancelled as it started: the batch's cancel may have missed it
            if (cancelled) run.cancel();
            run.whenFinished(slots::release);
        } catch (BatonException e) {
            failures.set(i, e.code() + ": " + e.getMessage());
            slots.release();
        } catch (RuntimeException e) {
            LOG.error("batch {} could not start input {}", id, i, e);
            failures.set(i, e.getClass().getSimpleName() + ": " + e.getMessage());
            slots.release();
        }
    }

    /** Cancels the running runs and starts no more. */
    public void cancel() {
        cancelled = true;
        Thread t = launcher;
        if (t != null) t.interrupt();
        for (int i = 0; i < runs.length(); i++) {
            ApiRun r = runs.get(i);
            if (r != null) r.cancel();
        }
    }

    public String id() {
        return id;
    }

    public String ensemble() {
        return spec.name();
    }

    public @Nullable String owner() {
        return caller.keyId();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int parallelism() {
        return parallelism;
    }

    public int size() {
        return inputs.size();
    }

    /** The run of input {@code i}, null until it starts (or when it never will). */
    public @Nullable ApiRun run(int i) {
        return runs.get(i);
    }

    /** Why input {@code i} could not start, or null. */
    public @Nullable String failure(int i) {
        return failures.get(i);
    }

    /** The status of input {@code i}: {@code queued}, {@code failed} (could not start), {@code cancelled}, or its run's. */
    public String status(int i) {
        ApiRun r = runs.get(i);
        if (r != null) return r.status();
        if (failures.get(i) != null) return "failed";
        return cancelled ? "cancelled" : "queued";
    }

    /** {@code running} while an input is queued or running, else {@code cancelled} or {@code finished}. */
    public String status() {
        for (int i = 0; i < inputs.size(); i++) {
            String s = status(i);
            if (s.equals("queued") || s.equals("running")) return "running";
        }
        return cancelled ? "cancelled" : "finished";
    }
}

package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.observe.internal.RunSpans;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;

/**
 * Runs one ensemble over many inputs with one configuration. Up to {@code parallelism} runs go
 * at once; results come back in input order, and one compact JSON line per input (see
 * {@link #line}) is handed to the sink in input order, each as soon as it and every line
 * before it are ready. Interrupting the calling thread cancels the runs in flight, starts no
 * more, returns the results so far (in order) and leaves the interrupt flag set.
 */
public final class BatchRunner {

    private final EnsembleEngine engine;

    public BatchRunner(EnsembleEngine engine) {
        this.engine = engine;
    }

    public List<RunResult> run(EnsembleSpec spec, List<String> inputs, int parallelism, Consumer<String> lines,
                               RunListener... listeners) {
        int n = inputs.size();
        AtomicReferenceArray<RunResult> results = new AtomicReferenceArray<>(n);
        AtomicReferenceArray<RunHandle> handles = new AtomicReferenceArray<>(n);
        Semaphore permits = new Semaphore(Math.max(1, parallelism));
        AtomicBoolean stopped = new AtomicBoolean();
        Flusher flusher = new Flusher(results, lines);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().name("baton-batch-" + i).start(RunSpans.carryCurrent(engine.options().telemetry(), () -> {
                permits.acquireUninterruptibly();
                try {
                    if (stopped.get()) return;
                    RunHandle h = engine.start(spec, inputs.get(index), listeners);
                    handles.set(index, h);
                    if (stopped.get()) h.cancel();
                    results.set(index, h.await());
                } finally {
                    permits.release();
                }
                flusher.flush();
            })));
        }
        boolean interrupted = joinAll(threads, handles, stopped);
        List<RunResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (results.get(i) != null) out.add(results.get(i));
        }
        if (interrupted) Thread.currentThread().interrupt();
        return out;
    }

    private static boolean joinAll(List<Thread> threads, AtomicReferenceArray<RunHandle> handles, AtomicBoolean stopped) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopped.set(true);
                    for (int i = 0; i < handles.length(); i++) {
                        if (handles.get(i) != null) handles.get(i).cancel();
                    }
                }
            }
        }
        return interrupted;
    }

    /** The JSON line of input {@code index}: status, deliverable output, usage, cost, time and errors. */
    public static ObjectNode line(int index, RunResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("index", index).put("input", r.input()).put("run_id", r.runId()).put("ensemble", r.ensemble())
                .put("status", r.status().wire()).put("deliverable", r.deliverable());
        AgentResult d = r.deliverable() == null ? null : r.agent(r.deliverable()).orElse(null);
        if (d != null && d.outputJson() != null) o.set("output", d.outputJson());
        else o.put("output", d == null ? null : d.output());
        o.put("duration_ms", r.totals().duration().toMillis())
                .put("input_tokens", r.totals().usage().inputTokens())
                .put("output_tokens", r.totals().usage().outputTokens())
                .put("cost_usd", r.totals().costUsd());
        var errors = o.putArray("errors");
        for (AgentResult a : r.agents()) {
            if (a.error() != null) {
                errors.addObject().put("agent", a.name()).put("code", a.error().code().name())
                        .put("message", a.error().message());
            }
        }
        return o;
    }

    /** Emits lines strictly in input order. */
    private static final class Flusher {
        private final AtomicReferenceArray<RunResult> results;
        private final Consumer<String> sink;
        private final ReentrantLock lock = new ReentrantLock();
        private int next;

        Flusher(AtomicReferenceArray<RunResult> results, Consumer<String> sink) {
            this.results = results;
            this.sink = sink;
        }

        void flush() {
            lock.lock();
            try {
                while (next < results.length() && results.get(next) != null) {
                    sink.accept(line(next, results.get(next)).toString());
                    next++;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}

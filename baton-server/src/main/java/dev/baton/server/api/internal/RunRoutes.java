package dev.baton.server.api.internal;

import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.runs.RunCursor;
import dev.baton.runs.RunRecord;
import dev.baton.server.Caller;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /api/v1/runs} and {@code /api/v1/batches}: start a run (202, {@code Location}), start a
 * batch, read a run's state and result, cancel, and list runs newest first with filters and an
 * opaque cursor. The POSTs that start work honour {@code Idempotency-Key}. Runs are read from the
 * store, so any replica answers for any run; a cancel of another replica's run is a request in
 * the store that its replica acts on. Batches stay with the replica that started them.
 */
public final class RunRoutes {

    static final int MAX_BATCH = 1000;
    static final int MAX_PARALLELISM = 64;
    static final int MAX_WAIT_SECONDS = 60;
    private static final Set<String> STATUSES = Set.of("running", "completed", "completed_with_errors", "failed", "cancelled",
            RunRecord.ABANDONED);
    /** How often a result request for another replica's run looks at the store again. */
    private static final long RESULT_POLL_MS = 100;
    private static final String CURSOR_PREFIX = "runs:";

    private final RunStarter starter;
    private final RunRegistry registry;
    private final IdempotencyRecords idempotency;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();

    public RunRoutes(RunStarter starter, RunRegistry registry, IdempotencyRecords idempotency) {
        this.starter = starter;
        this.registry = registry;
        this.idempotency = idempotency;
    }

    /** Adds the routes to {@code router}. */
    public void mount(ApiRouter router) {
        router.post("/api/v1/runs/batch", this::startBatch)
                .post("/api/v1/runs", this::start)
                .get("/api/v1/runs", this::list)
                .get("/api/v1/runs/{id}", call -> call.send(200, RunViews.run(run(call))))
                .get("/api/v1/runs/{id}/result", this::result)
                .post("/api/v1/runs/{id}/cancel", this::cancel)
                .get("/api/v1/batches/{id}", call -> call.send(200, RunViews.batch(batch(call))))
                .post("/api/v1/batches/{id}/cancel", this::cancelBatch);
    }

    /** Every batch still launching or running (the module cancels them on close). */
    public List<Batch> batches() {
        return List.copyOf(batches.values());
    }

    private void start(ApiCall call) throws IOException {
        call.onlyFields("ensemble", "input", "max_concurrency", "budget_usd");
        Caller caller = call.caller();
        IdempotencyRecords.Response r = idempotency.serve(caller.keyId(), call.request().getHeader("Idempotency-Key"),
                "POST /api/v1/runs", call.body(), () -> {
                    String ensemble = call.string("ensemble", true);
                    String input = input(call.body());
                    RunStarter.Overrides overrides = overrides(call);
                    EnsembleSpec spec = starter.load(ensemble, caller);
                    ApiRun run = starter.start(spec, input, overrides, caller, null);
                    return new IdempotencyRecords.Response(202, RunViews.run(run), RunViews.RUNS + run.id());
                });
        answer(call, r);
    }

    private void startBatch(ApiCall call) throws IOException {
        call.onlyFields("ensemble", "inputs", "parallelism", "max_concurrency", "budget_usd");
        Caller caller = call.caller();
        IdempotencyRecords.Response r = idempotency.serve(caller.keyId(), call.request().getHeader("Idempotency-Key"),
                "POST /api/v1/runs/batch", call.body(), () -> {
                    String ensemble = call.string("ensemble", true);
                    List<String> inputs = inputs(call.body());
                    Integer parallelism = call.positiveInt("parallelism", MAX_PARALLELISM);
                    RunStarter.Overrides overrides = overrides(call);
                    EnsembleSpec spec = starter.load(ensemble, caller);
                    evictBatches();
                    Batch batch = new Batch("batch_" + UUID.randomUUID().toString().replace("-", ""), spec, inputs,
                            parallelism == null ? 4 : parallelism, overrides, caller, registry.now());
                    batches.put(batch.id(), batch);
                    batch.launch(starter);
                    return new IdempotencyRecords.Response(202, RunViews.batch(batch), "/api/v1/batches/" + batch.id());
                });
        answer(call, r);
    }

    private static void answer(ApiCall call, IdempotencyRecords.Response r) throws IOException {
        if (r.location() != null) call.response().setHeader("Location", r.location());
        call.send(r.status(), r.body());
    }

    private static @Nullable String input(JsonNode body) {
        JsonNode v = body.get("input");
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw ApiCall.invalid("field 'input' must be a string, not " + ApiCall.kind(v));
        return v.asString();
    }

    private static List<String> inputs(JsonNode body) {
        JsonNode v = body.get("inputs");
        if (v == null || !v.isArray() || v.isEmpty() || v.size() > MAX_BATCH) {
            throw ApiCall.invalid("field 'inputs' must be an array of 1 to " + MAX_BATCH + " strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) throw ApiCall.invalid("field 'inputs[" + i + "]' must be a string, not " + ApiCall.kind(v.get(i)));
            out.add(v.get(i).asString());
        }
        return out;
    }

    private static RunStarter.Overrides overrides(ApiCall call) throws IOException {
        Integer maxConcurrency = call.positiveInt("max_concurrency", 1024);
        JsonNode b = call.body().get("budget_usd");
        BigDecimal budget = null;
        if (b != null && !b.isNull()) {
            if (!b.isNumber() || b.decimalValue().signum() <= 0) {
                throw ApiCall.invalid("field 'budget_usd' must be a number above 0, not " + b);
            }
            budget = b.decimalValue();
        }
        return new RunStarter.Overrides(maxConcurrency, budget);
    }

    private void list(ApiCall call) throws IOException {
        String status = call.query("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiCall.invalid("query parameter 'status' must be one of " + String.join(", ", STATUSES.stream().sorted().toList())
                    + ", not '" + status + "'");
        }
        int limit = call.queryInt("limit", 50, 1, 200);
        RunCursor before = decodeCursor(call.query("cursor"));
        RunRegistry.Page page = registry.list(call.caller().keyId(), call.query("ensemble"), status, before, limit);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var runs = out.putArray("runs");
        page.runs().forEach(r -> runs.add(RunViews.run(r)));
        out.put("next_cursor", page.next() == null ? null : encodeCursor(page.next()));
        call.send(200, out);
    }

    static String encodeCursor(RunCursor at) {
        String text = CURSOR_PREFIX + at.createdAt().toEpochMilli() + ":" + at.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable RunCursor decodeCursor(@Nullable String cursor) {
        if (cursor == null) return null;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':', CURSOR_PREFIX.length());
            if (text.startsWith(CURSOR_PREFIX) && colon > 0) {
                return new RunCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(CURSOR_PREFIX.length(), colon))),
                        text.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiCall.invalid("query parameter 'cursor' is not a cursor this API gave out; use next_cursor of the previous page");
    }

    private void result(ApiCall call) throws IOException {
        RunRegistry.Seen seen = run(call);
        int wait = call.queryInt("wait", 0, 0, MAX_WAIT_SECONDS);
        ApiRun run = seen.local();
        if (run == null) {
            remoteResult(call, seen, wait);
            return;
        }
        RunResult result = run.result() != null ? run.result() : run.await(wait * 1000L);
        if (result == null) {
            call.response().setHeader("Retry-After", "1");
            call.send(202, RunViews.run(run));
            return;
        }
        call.send(200, RunViews.result(run, result));
    }

    /** The result of a run another replica runs: from the store, looked at again until it is there or {@code wait} is up. */
    private void remoteResult(ApiCall call, RunRegistry.Seen seen, int wait) throws IOException {
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        String caller = call.caller().keyId();
        while (!seen.record().finished() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RESULT_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = registry.find(seen.record().id(), caller).orElse(seen);
        }
        if (!seen.record().finished()) {
            call.response().setHeader("Retry-After", "1");
            call.send(202, RunViews.run(seen));
            return;
        }
        ObjectNode result = RunViews.result(seen.record());
        // an abandoned run has no result: its state (status and error) is the answer
        call.send(200, result != null ? result : RunViews.run(seen));
    }

    private void cancel(ApiCall call) throws IOException {
        RunRegistry.Seen seen = run(call);
        ApiRun run = seen.local();
        if (run != null) {
            boolean running = !run.finished();
            if (running) run.cancel();
            call.send(running ? 202 : 200, RunViews.run(run));
            return;
        }
        // another replica runs it: it sees the request within a fraction of a second and cancels
        boolean requested = !seen.record().finished() && registry.recorder().runs().requestCancel(seen.record().id());
        call.send(requested ? 202 : 200, RunViews.run(registry.find(seen.record().id(), call.caller().keyId()).orElse(seen)));
    }

    private void cancelBatch(ApiCall call) throws IOException {
        Batch batch = batch(call);
        batch.cancel();
        call.send(202, RunViews.batch(batch));
    }

    private RunRegistry.Seen run(ApiCall call) {
        String id = call.param("id");
        return registry.find(id, call.caller().keyId()).orElseThrow(() -> BatonException.builder(ErrorCode.NOT_FOUND,
                        "no run '" + id + "' in this server's store")
                .suggestion("finished runs are kept for a while, then only their artifacts (GET /api/v1/artifacts)").build());
    }

    private Batch batch(ApiCall call) {
        String id = call.param("id");
        Batch b = batches.get(id);
        String caller = call.caller().keyId();
        if (b == null || (caller != null && b.owner() != null && !caller.equals(b.owner()))) {
            throw new BatonException(ErrorCode.NOT_FOUND, "no batch '" + id + "' on this server");
        }
        return b;
    }

    private void evictBatches() {
        var cutoff = registry.now().minus(registry.retention());
        batches.values().removeIf(b -> !b.status().equals("running") && b.createdAt().isBefore(cutoff));
    }
}

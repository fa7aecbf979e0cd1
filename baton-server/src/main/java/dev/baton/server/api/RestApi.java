package dev.baton.server.api;

import dev.baton.server.ServerContext;
import dev.baton.server.ServerModule;
import dev.baton.config.ToolConfigParser;
import dev.baton.server.api.internal.ApiRouter;
import dev.baton.server.api.internal.ApprovalRoutes;
import dev.baton.server.api.internal.OperationRoutes;
import dev.baton.server.api.internal.ApiRun;
import dev.baton.server.api.internal.Batch;
import dev.baton.server.api.internal.EnsembleRoutes;
import dev.baton.server.api.internal.IdempotencyRecords;
import dev.baton.server.api.internal.OpenApiServlet;
import dev.baton.server.api.internal.RunEventStream;
import dev.baton.server.api.internal.RunRegistry;
import dev.baton.server.api.internal.RunRoutes;
import dev.baton.server.api.internal.RunStarter;
import dev.baton.server.api.internal.ServiceRoutes;
import dev.baton.tool.ToolApprovals;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST API at {@code /api/v1}, a {@link ServerModule}: ensembles, runs started asynchronously
 * (idempotent, batched, cancellable) with their events as SSE, operations (listed, read, run
 * synchronously), recorded runs, profiles, providers,
 * usage stats, budgets and the tool audit log, all through the {@code Baton}'s services; tool
 * calls of its runs that need a person's approval, parked until a client approves or denies them
 * ({@link #approvals()}); and its OpenAPI 3.1 document at {@code /api/v1/openapi.json} (served
 * without a key).
 *
 * <p>Runs, their events and {@code Idempotency-Key}s are kept in the store ({@code Baton.runStores()}),
 * so every replica on one store serves every run, until {@link Options#retention()} after they
 * finished (their artifacts stay on disk); the replica running a run also holds it in memory. {@link #stopping()} ends event streams waiting for events;
 * {@link #close()} cancels the runs and batches still running and waits, up to
 * {@link Options#cancelWait()}, for them to be recorded as cancelled.
 */
public final class RestApi implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    /** The API's path prefix. */
    public static final String PREFIX = "/api/v1";

    /**
     * How the API keeps things.
     *
     * @param keepAlive      how often an idle event stream gets a keep-alive comment
     * @param retention      how long a finished run (and batch) stays readable
     * @param maxRuns        the most runs kept; beyond it the oldest finished go first
     * @param idempotencyTtl how long an {@code Idempotency-Key} is remembered
     * @param cancelWait     how long {@link #close()} waits for cancelled runs to be recorded
     */
    public record Options(Duration keepAlive, Duration retention, int maxRuns, Duration idempotencyTtl, Duration cancelWait) {

        public Options {
            if (keepAlive.isNegative() || keepAlive.isZero()) throw new IllegalArgumentException("keepAlive must be positive");
            if (maxRuns < 1) throw new IllegalArgumentException("maxRuns must be at least 1");
        }

        /** Keep-alive every 15 s, runs kept 1 h (at most 10,000), keys remembered 24 h, 10 s to record cancellations. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(15), Duration.ofHours(1), 10_000, Duration.ofHours(24), Duration.ofSeconds(10));
        }

        public Options withKeepAlive(Duration value) {
            return new Options(value, retention, maxRuns, idempotencyTtl, cancelWait);
        }
    }

    private final Options options;
    private final Clock clock;
    private @Nullable RunRegistry registry;
    private @Nullable RunRoutes runs;
    private @Nullable RunEventStream events;
    private dev.baton.server.api.internal.@Nullable RunLeases leases;
    private @Nullable ApiRouter router;
    private @Nullable ToolApprovals approvals;

    public RestApi() {
        this(Options.defaults(), Clock.systemUTC());
    }

    public RestApi(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public void mount(ServerContext context) {
        var baton = context.baton();
        dev.baton.runs.RunStores stores = baton.runStores();
        String replica = dev.baton.server.api.internal.RunRecorder.defaultReplica();
        RunRegistry reg = new RunRegistry(new dev.baton.server.api.internal.RunRecorder(stores.runs(), stores.events(), replica),
                clock, options.retention(), options.maxRuns());
        ApiRouter r = new ApiRouter(PREFIX, context.json());
        new EnsembleRoutes(baton).mount(r);
        var tools = baton.config().tools();
        ToolApprovals parked = ToolApprovals.create(tools == null || tools.approvalTimeout() == null ? ToolApprovals.DEFAULT_TIMEOUT
                : ToolConfigParser.duration("approval_timeout", tools.approvalTimeout()), clock);
        RunRoutes runRoutes = new RunRoutes(new RunStarter(baton, reg, parked), reg,
                new IdempotencyRecords(stores.idempotency(), replica, clock, options.idempotencyTtl()));
        RunEventStream stream = new RunEventStream(reg, options.keepAlive(), context.options().requestTimeout());
        stream.mount(r); // before the run routes, whose {id} would not take /events anyway; order is for the listing
        runRoutes.mount(r);
        new ServiceRoutes(baton).mount(r);
        new OperationRoutes(baton).mount(r);
        new dev.baton.server.api.internal.CoordinateRoutes(baton).mount(r);
        new ApprovalRoutes(parked).mount(r);
        new dev.baton.server.api.internal.KeyRoutes(baton.apiKeys(), context.json()).mount(r);
        new dev.baton.server.api.internal.UsageRoutes(baton).mount(r);
        new dev.baton.server.api.internal.ScriptRoutes(baton).mount(r);
        new dev.baton.server.api.internal.TaskRoutes(baton).mount(r);
        // baton serve opens Baton with this process's environment, so a check expands ${VAR} as start-up did
        new dev.baton.server.api.internal.ConfigSourceRoutes(baton, System.getenv()).mount(r);
        context.servlet(PREFIX + "/*", r);
        context.publicServlet(PREFIX + "/openapi.json", new OpenApiServlet());
        this.registry = reg;
        this.leases = new dev.baton.server.api.internal.RunLeases(reg, clock, options.retention()).start();
        this.runs = runRoutes;
        this.events = stream;
        this.router = r;
        this.approvals = parked;
    }

    /**
     * The tool calls of this API's runs waiting for a person (every face that shows them, such as
     * a console, decides them here); empty before {@link #mount}.
     */
    public java.util.Optional<ToolApprovals> approvals() {
        return java.util.Optional.ofNullable(approvals);
    }

    /**
     * Every route served, as {@code METHOD /api/v1/template}, the OpenAPI document's own included
     * (empty before {@link #mount}).
     */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        if (router == null) return out;
        for (ApiRouter.Route route : router.routes()) out.add(route.method() + " " + route.template());
        out.add("GET " + PREFIX + "/openapi.json");
        return out;
    }

    @Override
    public void stopping() {
        if (events != null) events.stop();
    }

    @Override
    public void close() {
        if (events != null) events.stop();
        if (runs != null) runs.batches().forEach(Batch::cancel);
        if (registry == null) return;
        if (leases != null) leases.close();
        List<ApiRun> running = registry.running();
        running.forEach(ApiRun::cancel);
        long deadline = System.nanoTime() + options.cancelWait().toNanos();
        for (ApiRun run : running) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (run.await(Math.max(1, left)) == null) {
                LOG.warn("run {} of {} was cancelled but had not finished after {}", run.id(), run.ensemble(), options.cancelWait());
            }
        }
    }
}

package dev.baton.coordinator.internal;

import dev.baton.coordinator.Coordinator;
import dev.baton.coordinator.CoordinatorEvent;
import dev.baton.coordinator.CoordinatorListener;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobResult;
import dev.baton.coordinator.Plan;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.CallMetadata;
import dev.baton.tool.Tools;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.RunBudgetScope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The coordinator of one {@code Baton}: validate the request → plan ({@link Planner}) → run the
 * jobs ({@link JobManager}) under the request's budget scope → synthesise → format
 * ({@link ResponseAssembler}) → record ({@link CoordinatorRecorder}). The planner, every job and
 * the synthesis call through the Baton's pipeline; the request's cost limit is a reservation
 * scope in its {@link BudgetEnforcer} that every call of the request spends from.
 */
public final class DefaultCoordinator implements Coordinator {

    /** The part of what is left after planning that the jobs share; the rest is kept for the synthesis. */
    static final double JOB_POOL = 0.85;

    private final CoordinatorSettings settings;
    private final Function<String, ChatModel> models;
    private final Supplier<Tools> tools;
    private final Supplier<@Nullable Ensembles> ensembles;
    private final Supplier<BudgetEnforcer> budgets;
    private final PromptTemplates templates;
    private final Planner planner;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectMapper json;
    private final List<CoordinatorTool> extra;
    private volatile @Nullable List<CoordinatorTool> all;

    /**
     * @param models    the pipeline model of a profile name
     * @param ensembles the ensemble service (for {@code ensemble:NAME} tools and artifacts; null: neither)
     * @param extra     tools given in code, added after the configured ones (tests, embedders)
     */
    public DefaultCoordinator(CoordinatorSettings settings, Function<String, ChatModel> models, Supplier<Tools> tools,
                              Supplier<@Nullable Ensembles> ensembles, Supplier<BudgetEnforcer> budgets, ObjectMapper json,
                              Clock clock, ZoneId zone, List<CoordinatorTool> extra) {
        this.settings = settings;
        this.models = models;
        this.tools = tools;
        this.ensembles = ensembles;
        this.budgets = budgets;
        this.templates = new PromptTemplates(settings.promptsDir());
        this.planner = new Planner(templates, json, zone);
        this.clock = clock;
        this.zone = zone;
        this.json = json;
        this.extra = List.copyOf(extra);
    }

    @Override
    public Coordinator withProfile(String profile) {
        return new DefaultCoordinator(settings.withProfile(profile), models, tools, ensembles, budgets, json, clock, zone, extra);
    }

    /** The run id of a job's calls (ledger {@code run_id}, budget scope): {@code REQUEST/JOB}. */
    public static String jobRunId(String requestId, String jobId) {
        return requestId + "/" + jobId;
    }

    @Override
    public CoordinatorSettings settings() {
        return settings;
    }

    @Override
    public List<CoordinatorTool> tools() {
        List<CoordinatorTool> t = all;
        if (t == null) {
            t = resolveTools();
            all = t;
        }
        return t;
    }

    private List<CoordinatorTool> resolveTools() {
        List<CoordinatorTool> out = new ArrayList<>(List.of(
                new CodebaseContextTool(tools, templates, settings),
                new CodebaseChangelogTool(tools, templates, settings),
                new DocumentationContextTool(tools, templates, settings),
                new DocumentationChangelogTool(tools, templates, settings),
                new ExpertArchitectTool(tools, templates, settings)));
        for (String name : settings.extraTools()) {
            if (name.startsWith(EnsembleJob.PREFIX)) {
                String ensemble = name.substring(EnsembleJob.PREFIX.length());
                Ensembles e = ensembles.get();
                if (e == null) throw configuration("coordinator.tools: " + name + ": no ensemble service here");
                var spec = e.load(ensemble);
                out.add(new EnsembleJob(ensemble, spec.description() == null || spec.description().isBlank()
                        ? "Runs the ensemble " + ensemble + " on the input." : spec.description(), e));
            } else {
                Tools t = tools.get();
                var entry = t.registry().find(name).orElseThrow(() -> configuration("coordinator.tools: no registered tool '"
                        + name + "' (see `baton tools list`)"));
                out.add(new RegisteredToolJob(entry.tool(), t));
            }
        }
        out.addAll(extra);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (CoordinatorTool t : out) {
            if (!names.add(t.name())) throw configuration("coordinator.tools: tool '" + t.name() + "' is listed twice");
        }
        return List.copyOf(out);
    }

    @Override
    public CoordinatorResponse run(CoordinatorRequest request, CoordinatorListener listener, Map<String, String> callMetadata) {
        return execute(request, null, listener, callMetadata);
    }

    /**
     * Runs {@code plan} as if the planner had written it: the jobs, the synthesis, the response and
     * its record, without asking the planner (the coordinator's own cost, measured by the benchmark).
     *
     * @throws IllegalArgumentException when the plan names a tool this coordinator does not have
     */
    public CoordinatorResponse runPlan(CoordinatorRequest request, Plan plan, CoordinatorListener listener) {
        java.util.Set<String> names = new java.util.HashSet<>();
        tools().forEach(t -> names.add(t.name()));
        for (var job : plan.jobs()) {
            if (!names.contains(job.tool())) throw new IllegalArgumentException("no coordinator tool '" + job.tool() + "'");
        }
        return execute(request, plan, listener, Map.of());
    }

    private CoordinatorResponse execute(CoordinatorRequest request, @Nullable Plan given, CoordinatorListener listener,
                                        Map<String, String> callMetadata) {
        CoordinatorRequest req = request.validated(settings);
        List<CoordinatorTool> available = tools();
        Instant started = clock.instant();
        Instant deadline = started.plus(req.maxExecutionTime());
        String rid = req.id();
        MeteredChatModel.Meter meter = new MeteredChatModel.Meter();
        Map<String, String> labels = new LinkedHashMap<>(callMetadata);
        labels.putAll(Map.of(CallMetadata.RUN_ID, rid, CallMetadata.SESSION, rid, CallMetadata.AGENT, "planner"));
        ChatModel plannerModel = new MeteredChatModel(models.apply(settings.plannerProfile()), labels, meter);
        List<CoordinatorResponse.ResponseError> errors = new ArrayList<>();
        List<JobResult> jobs = List.of();
        String synthesis = "";
        boolean planned = false;
        boolean direct = false;
        try (RunBudgetScope scope = budgets.get().openRun(rid, null, req.maxCost(), null)) {
            listener.onEvent(new CoordinatorEvent.Planning(rid, clock.instant()));
            Plan plan = given;
            if (plan == null) {
                try {
                    plan = planner.plan(plannerModel, req, settings, available, deadline).plan();
                } catch (BatonException e) {
                    errors.add(new CoordinatorResponse.ResponseError("planner", "planner", e.code().name(), e.getMessage()));
                }
            }
            planned = plan != null;
            if (plan != null) {
                listener.onEvent(new CoordinatorEvent.Planned(rid, clock.instant(), plan));
                if (plan.jobs().isEmpty()) {
                    direct = true;
                    synthesis = plan.answer() != null ? plan.answer() : step(errors, "answer", () -> directAnswer(plannerModel, req, deadline));
                } else {
                    jobs = runJobs(req, plan, available, meter, deadline, listener, callMetadata);
                    if (jobs.stream().anyMatch(j -> !j.output().isBlank())) {
                        listener.onEvent(new CoordinatorEvent.Synthesizing(rid, clock.instant()));
                        List<JobResult> done = jobs;
                        synthesis = step(errors, "synthesis", () -> synthesize(plannerModel, req, done, deadline));
                    }
                }
            }
        }
        ResponseAssembler.Steps steps = new ResponseAssembler.Steps(meter.usage(), meter.models(), errors, synthesis, direct, planned);
        CoordinatorResponse response = ResponseAssembler.assemble(rid, jobs, steps, req.maxCost(), req.maxExecutionTime(),
                started, clock.instant(), settings.plannerProfile());
        Ensembles e = ensembles.get();
        if (e != null) {
            Map<String, Boolean> readers = new HashMap<>();
            available.forEach(t -> readers.put(t.name(), t.readsOtherJobs()));
            response = response.withArtifactDir(CoordinatorRecorder.record(e.artifacts(), req, response, readers));
        }
        listener.onEvent(new CoordinatorEvent.Completed(rid, clock.instant(), response));
        return response;
    }

    private List<JobResult> runJobs(CoordinatorRequest req, Plan plan, List<CoordinatorTool> available,
                                    MeteredChatModel.Meter meter, Instant deadline, CoordinatorListener listener,
                                    Map<String, String> callMetadata) {
        Map<String, CoordinatorTool> byName = new LinkedHashMap<>();
        available.forEach(t -> byName.put(t.name(), t));
        BigDecimal plannerCost = meter.usage().costUsd() == null ? BigDecimal.ZERO : meter.usage().costUsd();
        BigDecimal left = req.maxCost().subtract(plannerCost).max(BigDecimal.ZERO);
        BigDecimal costPool = left.multiply(BigDecimal.valueOf(JOB_POOL)).setScale(6, RoundingMode.DOWN);
        Duration remaining = Duration.between(clock.instant(), deadline);
        Duration timePool = Duration.ofMillis(Math.max(0, (long) (remaining.toMillis() * JOB_POOL)));
        Instant jobsDeadline = clock.instant().plus(timePool);
        JobManager.Run run = new JobManager.Run(req, plan.jobs(), byName, settings.maxParallelJobs(), costPool, timePool,
                jobsDeadline, settings.jobWaitTimeout(),
                slot -> new DefaultJobContext(req, slot, models, callMetadata), listener);
        return new JobManager(budgets.get(), clock).run(run);
    }

    private String synthesize(ChatModel model, CoordinatorRequest req, List<JobResult> jobs, Instant deadline) {
        StringBuilder results = new StringBuilder();
        for (JobResult j : jobs) {
            results.append("### ").append(j.jobId()).append(" ").append(j.tool()).append(" (").append(j.state().wire())
                    .append(j.partial() ? ", partial" : "").append(")\n")
                    .append(j.output().isBlank() ? "(no output" + (j.error() != null ? ": " + j.error().message() : "") + ")" : j.output().strip())
                    .append("\n\n");
        }
        String prompt = templates.render("synthesis.md", Map.of("query", req.query(), "results", results.toString(),
                "now", planner.now(clock.instant())));
        return model.chat(ChatRequest.builder().user(prompt).temperature(settings.temperature()).maxTokens(settings.maxTokens())
                .deadline(deadline).build()).text();
    }

    private String directAnswer(ChatModel model, CoordinatorRequest req, Instant deadline) {
        return model.chat(ChatRequest.builder().user(req.query()).temperature(settings.temperature())
                .maxTokens(settings.maxTokens()).deadline(deadline).build()).text();
    }

    /** Runs one of the request's own model steps; a failure becomes an error entry and an empty text. */
    private static String step(List<CoordinatorResponse.ResponseError> errors, String name, Supplier<String> call) {
        try {
            return call.get();
        } catch (BatonException e) {
            errors.add(new CoordinatorResponse.ResponseError(name, "planner", e.code().name(), e.getMessage()));
            return "";
        }
    }

    @Override
    public Map<String, String> bundledPrompts() {
        return PromptTemplates.bundledAll();
    }

    @Override
    public List<Path> writePrompts(Path dir, boolean overwrite) {
        return PromptTemplates.writeBundled(dir, overwrite);
    }

    private static BatonException configuration(String message) {
        return BatonException.builder(ErrorCode.CONFIGURATION, message).retriable(false).build();
    }
}

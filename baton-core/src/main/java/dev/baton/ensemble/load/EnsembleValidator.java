package dev.baton.ensemble.load;

import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.load.internal.AgentChecks;
import dev.baton.ensemble.load.internal.GraphChecks;
import dev.baton.ensemble.load.internal.ReferenceChecks;
import dev.baton.ensemble.spec.SourceLines;
import dev.baton.ensemble.load.internal.TestBlockChecks;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.run.internal.PromptComposer;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.pipeline.internal.JsonOutputValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Checks a parsed ensemble for everything that would make a run wrong, and reports ALL problems
 * at once: duplicate or missing agents, dependency cycles ({@code a -> b -> a}), {@code fan_out}
 * without {@code depends_on}, model settings ({@code model} without {@code provider},
 * {@code model_profile} with {@code model}, unknown profiles and providers, a {@code task_type}
 * with a profile or model, or with no route and no default profile), keys that do not
 * apply to the agent's kind, bad {@code loop} bounds, {@code when} conditions reading agents that
 * are not dependencies, invalid output schemas, missing scripts, unknown child ensembles,
 * cross-ensemble cycles and nesting deeper than the limit, tool names and globs in {@code tools:}
 * that name no available tool ({@link KnownTools}), {@code max_tool_rounds} and
 * {@code tool_permissions}. Child ensembles reachable from the
 * spec are checked too, with their own file in each problem.
 */
public final class EnsembleValidator {

    public static final int DEFAULT_MAX_DEPTH = 5;

    /**
     * What the validator checks against. A null predicate, catalog, resolver or task-type set skips
     * that check (profiles, providers, child ensembles, script files, task types); a {@code task_type}
     * outside {@code taskTypes} is accepted only when {@code hasDefaultProfile}.
     */
    public record Options(Predicate<String> profileExists, Predicate<String> providerExists,
                          EnsembleCatalog catalog, ScriptResolver scripts, int maxDepth,
                          Set<String> taskTypes, boolean hasDefaultProfile, Supplier<KnownTools> tools,
                          java.util.function.Function<String, java.util.Optional<String>> profileProblem) {

        /** Options without explanations of unusable profiles. */
        public Options(Predicate<String> profileExists, Predicate<String> providerExists,
                       EnsembleCatalog catalog, ScriptResolver scripts, int maxDepth,
                       Set<String> taskTypes, boolean hasDefaultProfile, Supplier<KnownTools> tools) {
            this(profileExists, providerExists, catalog, scripts, maxDepth, taskTypes, hasDefaultProfile, tools, null);
        }

        /** Options that do not check task types or tools. */
        public Options(Predicate<String> profileExists, Predicate<String> providerExists,
                       EnsembleCatalog catalog, ScriptResolver scripts, int maxDepth) {
            this(profileExists, providerExists, catalog, scripts, maxDepth, null, false, null);
        }

        /** Options that do not check tools. */
        public Options(Predicate<String> profileExists, Predicate<String> providerExists,
                       EnsembleCatalog catalog, ScriptResolver scripts, int maxDepth,
                       Set<String> taskTypes, boolean hasDefaultProfile) {
            this(profileExists, providerExists, catalog, scripts, maxDepth, taskTypes, hasDefaultProfile, null);
        }

        /**
         * Agents' {@code tools:} checked against {@code value} (asked only when an agent names
         * tools, so validating an ensemble without tools builds no tool registry).
         */
        public Options withTools(Supplier<KnownTools> value) {
            return new Options(profileExists, providerExists, catalog, scripts, maxDepth, taskTypes, hasDefaultProfile, value, profileProblem);
        }

        public static Options defaults() {
            return new Options(null, null, null, null, DEFAULT_MAX_DEPTH);
        }

        /** Profiles and providers checked against the given names. */
        public Options withKnown(Set<String> profiles, Set<String> providers) {
            return new Options(Set.copyOf(profiles)::contains, Set.copyOf(providers)::contains, catalog, scripts,
                    maxDepth, taskTypes, hasDefaultProfile, tools, profileProblem);
        }

        /** Task types checked against the ones {@code routing:} defines, and whether {@code default_profile} is set. */
        public Options withTaskTypes(Set<String> routed, boolean defaultProfile) {
            return new Options(profileExists, providerExists, catalog, scripts, maxDepth, Set.copyOf(routed),
                    defaultProfile, tools, profileProblem);
        }

        /** Profiles, providers and task types checked against {@code models}. */
        public Options withModels(AgentModels models) {
            return new Options(models::hasProfile, models::hasProvider, catalog, scripts, maxDepth,
                    Set.copyOf(models.taskTypes()), models.defaultProfile().isPresent(), tools, models::profileProblem);
        }

        public Options withCatalog(EnsembleCatalog value) {
            return new Options(profileExists, providerExists, value, scripts, maxDepth, taskTypes, hasDefaultProfile, tools, profileProblem);
        }

        public Options withScripts(ScriptResolver value) {
            return new Options(profileExists, providerExists, catalog, value, maxDepth, taskTypes, hasDefaultProfile, tools, profileProblem);
        }

        public Options withMaxDepth(int value) {
            return new Options(profileExists, providerExists, catalog, scripts, value, taskTypes, hasDefaultProfile, tools, profileProblem);
        }
    }

    private final Options options;
    private final JsonOutputValidator schemas = new JsonOutputValidator();

    public EnsembleValidator(Options options) {
        this.options = options;
    }

    /** Every problem of {@code spec} and of the ensembles it uses; empty when it can run. */
    public List<Problem> validate(EnsembleSpec spec) {
        List<Problem> problems = new ArrayList<>(validateOne(spec));
        if (options.catalog() != null) {
            ReferenceChecks refs = new ReferenceChecks(options.catalog(), options.maxDepth());
            problems.addAll(refs.check(spec));
            Set<String> seen = new HashSet<>(Set.of(spec.name()));
            for (EnsembleSpec child : refs.reachable()) {
                if (seen.add(child.name())) problems.addAll(validateOne(child));
            }
        }
        return problems;
    }

    /**
     * Every problem of {@code spec} as a child of runs of the ensembles in {@code lineage}
     * (top-level first): its own and its children's problems, plus nesting counted from the
     * top-level run and cycles back into {@code lineage}. For a child named only at run time.
     */
    public List<Problem> validateUnder(List<String> lineage, EnsembleSpec spec) {
        List<Problem> problems = new ArrayList<>(validateOne(spec));
        if (options.catalog() != null) {
            ReferenceChecks refs = new ReferenceChecks(options.catalog(), options.maxDepth());
            problems.addAll(refs.checkUnder(lineage, spec));
            Set<String> seen = new HashSet<>(Set.of(spec.name()));
            for (EnsembleSpec child : refs.reachable()) {
                if (seen.add(child.name())) problems.addAll(validateOne(child));
            }
        }
        return problems;
    }

    /**
     * The problems that would make a run impossible (duplicate names, missing dependencies,
     * cycles): the engine refuses such a spec even when it did not come through a loader.
     */
    public static List<Problem> structuralProblems(EnsembleSpec spec) {
        List<Problem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (AgentSpec a : spec.agents()) {
            if (!names.add(a.name())) {
                problems.add(new Problem(spec.origin(), a.name(), spec.lines().agent(a.index(), "name"),
                        "duplicate agent name '" + a.name() + "'"));
            }
        }
        new GraphChecks(spec, problems).check();
        return problems;
    }

    private List<Problem> validateOne(EnsembleSpec spec) {
        List<Problem> problems = new ArrayList<>();
        AgentChecks agents = new AgentChecks(spec, options, schemas, problems);
        spec.agents().forEach(agents::check);
        new GraphChecks(spec, problems).check();
        ensembleChecks(spec, problems);
        new TestBlockChecks(spec, problems).check();
        return problems;
    }

    private static void ensembleChecks(EnsembleSpec spec, List<Problem> problems) {
        String file = spec.origin();
        SourceLines lines = spec.lines();
        if (spec.maxConcurrency() != null && spec.maxConcurrency() < 1) {
            problems.add(new Problem(file, null, lines.at("/max_concurrency"), "max_concurrency must be at least 1"));
        }
        if (spec.budget() != null) {
            if (spec.budget().usd() != null && spec.budget().usd().signum() <= 0) {
                problems.add(new Problem(file, null, lines.at("/budget/usd"), "budget.usd must be more than 0"));
            }
            if (spec.budget().tokens() != null && spec.budget().tokens() <= 0) {
                problems.add(new Problem(file, null, lines.at("/budget/tokens"), "budget.tokens must be more than 0"));
            }
        }
        if (spec.promptTemplate() != null) checkTemplate(spec, problems);
        if (spec.orc().testMode() != null) {
            for (var sim : spec.orc().testMode().simulations()) {
                var agent = spec.agent(sim.agent());
                String message = agent.isEmpty() ? "test_mode.llm_simulation names agent '" + sim.agent()
                        + "', which is not an agent of this ensemble"
                        : !(agent.get().kind() instanceof dev.baton.ensemble.spec.AgentKind.Llm)
                        ? "test_mode.llm_simulation simulates LLM agents; '" + sim.agent() + "' is a "
                        + agent.get().kind().name() + " agent" : null;
                if (message != null) problems.add(new Problem(file, null, lines.at("/test_mode"), message));
            }
        }
        if (spec.deliverable() != null && spec.agent(spec.deliverable()).isEmpty()) {
            problems.add(new Problem(file, null, lines.at("/deliverable"),
                    "deliverable '" + spec.deliverable() + "' is not an agent of this ensemble"));
        }
    }

    private static void checkTemplate(EnsembleSpec spec, List<Problem> problems) {
        java.util.regex.Matcher any = java.util.regex.Pattern.compile("\\{\\{[^}]*}}").matcher(spec.promptTemplate());
        while (any.find()) {
            String token = any.group();
            java.util.regex.Matcher known = PromptComposer.TEMPLATE_FIELD.matcher(token);
            String message = null;
            if (!known.matches()) {
                message = "prompt_template: unknown placeholder " + token
                        + " (use {{input}}, {{dependencies}}, {{agent}} or {{dependency.NAME}})";
            } else if (known.group(2) != null && spec.agent(known.group(2)).isEmpty()) {
                message = "prompt_template: " + token + " names no agent of this ensemble";
            }
            if (message != null) problems.add(new Problem(spec.origin(), null, spec.lines().at("/prompt_template"), message));
        }
    }
}

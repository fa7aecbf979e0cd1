package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.load.KnownTools;

import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.error.BatonException;
import dev.baton.pipeline.internal.JsonOutputValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The per-agent checks of {@link EnsembleValidator}. */
public final class AgentChecks {

    private final EnsembleSpec spec;
    private final EnsembleValidator.Options options;
    private final JsonOutputValidator schemas;
    private final List<Problem> problems;
    private final Set<String> seenNames = new HashSet<>();

    public AgentChecks(EnsembleSpec spec, EnsembleValidator.Options options, JsonOutputValidator schemas, List<Problem> problems) {
        this.spec = spec;
        this.options = options;
        this.schemas = schemas;
        this.problems = problems;
    }

    public void check(AgentSpec a) {
        if (!seenNames.add(a.name())) add(a, "name", "duplicate agent name '" + a.name() + "'");
        // keys of two kinds, and parameters on a non-script agent, are the parser's to report:
        // a spec holds one kind
        if (a.kind() instanceof AgentKind.Llm) {
            checkModel(a);
            checkTools(a);
        } else {
            checkLlmOnlyKeys(a);
        }
        checkNumbers(a);
        if (a.fanOut() && a.dependsOn().isEmpty()) {
            add(a, "fan_out", "fan_out: true needs depends_on naming the agent whose output is the array to fan out");
        }
        if (a.when() != null && !a.dependsOn().contains(a.when().root())) {
            add(a, "when", "when '" + a.when() + "' reads agent '" + a.when().root()
                    + "', which is not in depends_on (it may not have run yet)");
        }
        if (a.kind() instanceof AgentKind.Dispatch d) checkDispatch(a, d);
        if (a.loop() != null) checkLoop(a);
        if (a.outputSchema() != null) checkSchema(a);
        if (a.script() != null && options.scripts() != null) checkScript(a);
    }

    /** A {@code ${agent.field}} target reads a dependency, like {@code when}; a plain name is checked as a child. */
    private void checkDispatch(AgentSpec a, AgentKind.Dispatch d) {
        String t = d.target().strip();
        if (t.contains("${") && d.path().isEmpty()) {
            add(a, "dispatch", "dispatch '" + t + "' must be one reference \"${agent.field}\" or an ensemble name");
        } else if (!d.path().isEmpty() && !a.dependsOn().contains(d.path().get(0))) {
            add(a, "dispatch", "dispatch '" + t + "' reads agent '" + d.path().get(0)
                    + "', which is not in depends_on (it may not have run yet)");
        }
    }

    private void checkModel(AgentSpec a) {
        if (a.modelProfile() != null && a.model() != null) {
            add(a, "model", "model_profile and model are mutually exclusive; use one or the other");
        }
        if (a.model() != null && a.provider() == null) add(a, "model", "model needs provider");
        if (a.provider() != null && a.model() == null) add(a, "provider", "provider needs model");
        if (a.taskType() != null) checkTaskType(a);
        if (a.modelProfile() == null && a.model() == null && a.provider() == null && a.taskType() == null) {
            add(a, null, "agent needs model_profile, model + provider, task_type, script, ensemble or loop");
        }
        checkProfile(a, "model_profile", a.modelProfile());
        checkProfile(a, "fallback_model_profile", a.fallbackModelProfile());
        if (a.provider() != null && options.providerExists() != null && !options.providerExists().test(a.provider())) {
            add(a, "provider", "unknown provider '" + a.provider() + "'");
        }
    }

    /** One way to pick the model: a task type excludes a profile and a model; it needs a route or a default. */
    private void checkTaskType(AgentSpec a) {
        if (a.modelProfile() != null) {
            add(a, "task_type", "task_type and model_profile are mutually exclusive; use one or the other");
        } else if (a.model() != null || a.provider() != null) {
            add(a, "task_type", "task_type and model/provider are mutually exclusive; use one or the other");
        } else if (options.taskTypes() != null && !options.taskTypes().contains(a.taskType())
                && !options.hasDefaultProfile()) {
            add(a, "task_type", "task type '" + a.taskType() + "' has no route under `routing:` "
                    + (options.taskTypes().isEmpty() ? "(it defines none)"
                            : "(it defines " + String.join(", ", new TreeSet<>(options.taskTypes())) + ")")
                    + " and no `default_profile` is set");
        }
    }

    private void checkProfile(AgentSpec a, String key, String profile) {
        if (profile != null && options.profileExists() != null && !options.profileExists().test(profile)) {
            java.util.Optional<String> why = options.profileProblem() == null ? java.util.Optional.empty()
                    : options.profileProblem().apply(profile);
            add(a, key, why.map(w -> "model profile '" + profile + "' cannot be used: " + w)
                    .orElse("unknown model profile '" + profile + "'"));
        }
    }

    private void checkLlmOnlyKeys(AgentSpec a) {
        String kind = a.kind().name();
        if (a.systemPrompt() != null) add(a, "system_prompt", "'system_prompt' applies only to LLM agents, not " + kind);
        if (a.temperature() != null) add(a, "temperature", "'temperature' applies only to LLM agents, not " + kind);
        if (a.maxTokens() != null) add(a, "max_tokens", "'max_tokens' applies only to LLM agents, not " + kind);
        if (!a.options().isEmpty()) add(a, "options", "'options' applies only to LLM agents, not " + kind);
        if (!a.tools().isEmpty()) add(a, "tools", "'tools' applies only to LLM agents, not " + kind);
        if (a.maxToolRounds() != null) add(a, "max_tool_rounds", "'max_tool_rounds' applies only to LLM agents, not " + kind);
        if (a.toolPermissions() != null) add(a, "tool_permissions", "'tool_permissions' applies only to LLM agents, not " + kind);
        if (a.fallbackModelProfile() != null) {
            add(a, "fallback_model_profile", "'fallback_model_profile' applies only to LLM agents, not " + kind);
        }
    }

    /** Tool names and globs against the known tools (never starting an MCP server), and the round limit. */
    private void checkTools(AgentSpec a) {
        if (a.maxToolRounds() != null) {
            if (a.tools().isEmpty()) {
                add(a, "max_tool_rounds", "'max_tool_rounds' applies only to an agent with 'tools'");
            } else if (a.maxToolRounds() < 1) {
                add(a, "max_tool_rounds", "max_tool_rounds must be at least 1, got " + a.maxToolRounds());
            }
        }
        if (a.tools().isEmpty() || options.tools() == null) return;
        KnownTools known = options.tools().get();
        for (String pattern : a.tools()) {
            known.problem(pattern).ifPresent(p -> add(a, "tools", "tools: " + p));
        }
    }

    private void checkNumbers(AgentSpec a) {
        if (a.timeoutSeconds() != null && a.timeoutSeconds() <= 0) add(a, "timeout_seconds", "timeout_seconds must be more than 0");
        if (a.retries() < 0) add(a, "retries", "retries must be 0 or more");
        if (a.maxTokens() != null && a.maxTokens() <= 0) add(a, "max_tokens", "max_tokens must be more than 0");
    }

    private void checkLoop(AgentSpec a) {
        if (a.loop().maxIterations() <= 0) {
            add(a, "loop", "loop.max_iterations must be at least 1, got " + a.loop().maxIterations());
        }
    }

    private void checkSchema(AgentSpec a) {
        try {
            schemas.compile(a.outputSchema());
        } catch (IllegalArgumentException e) {
            add(a, "output_schema", e.getMessage());
        }
    }

    private void checkScript(AgentSpec a) {
        try {
            options.scripts().resolve(a.script());
        } catch (BatonException e) {
            add(a, "script", e.getMessage());
        }
    }

    private void add(AgentSpec a, String key, String message) {
        problems.add(new Problem(spec.origin(), a.name(), spec.lines().agent(a.index(), key), message));
    }
}

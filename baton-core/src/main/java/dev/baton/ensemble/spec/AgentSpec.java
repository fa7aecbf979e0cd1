package dev.baton.ensemble.spec;

import dev.baton.tool.ToolPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One agent of an ensemble, as written in YAML (llm-orc's keys plus Baton's). {@link #kind()}
 * says what the agent is, with the keys of that kind ({@code model_profile} or
 * {@code model}+{@code provider}; {@code script} and {@code parameters}; {@code ensemble};
 * {@code loop}; or a custom kind). The other parts apply to every kind, except the LLM-only ones
 * ({@code systemPrompt}, {@code temperature}, {@code maxTokens}, {@code options}, {@code tools},
 * {@code maxToolRounds}, {@code toolPermissions}, {@code fallbackModelProfile}), which the validator
 * rejects on other kinds. {@code tools} are tool names or globs the agent's tool loop offers;
 * {@code toolPermissions} narrows the ensemble's and configuration's permissions for this agent.
 * Null means "not set".
 * {@code index} is the agent's position in the ensemble. {@code resume} says what a run resumed on
 * another worker does with the agent ({@link ResumePolicy}).
 */
public record AgentSpec(int index, String name, AgentKind kind, List<String> dependsOn, String systemPrompt,
                        Double temperature, Integer maxTokens, Map<String, Object> options, Double timeoutSeconds,
                        OutputFormat outputFormat, String fallbackModelProfile, boolean fanOut, String inputKey,
                        InputScope inputScope, Condition when, List<String> tools, JsonNode outputSchema,
                        DependencyFailurePolicy onDependencyFailure, int retries, Integer maxToolRounds,
                        ToolPolicy toolPermissions, ResumePolicy resume) {

    public AgentSpec {
        kind = kind == null ? new AgentKind.Llm(null, null, null) : kind;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        tools = tools == null ? List.of() : List.copyOf(tools);
        outputFormat = outputFormat == null ? OutputFormat.TEXT : outputFormat;
        inputScope = inputScope == null ? InputScope.ALL : inputScope;
        onDependencyFailure = onDependencyFailure == null ? DependencyFailurePolicy.RUN : onDependencyFailure;
        resume = resume == null ? ResumePolicy.CHECKPOINT : resume;
    }

    /** The LLM agent's {@code model_profile}; null for other kinds. */
    public String modelProfile() {
        return kind instanceof AgentKind.Llm l ? l.modelProfile() : null;
    }

    /** The LLM agent's {@code task_type} (a key of {@code routing:}); null when not set or for other kinds. */
    public String taskType() {
        return kind instanceof AgentKind.Llm l ? l.taskType() : null;
    }

    /** The LLM agent's {@code model}; null for other kinds. */
    public String model() {
        return kind instanceof AgentKind.Llm l ? l.model() : null;
    }

    /** The LLM agent's {@code provider}; null for other kinds. */
    public String provider() {
        return kind instanceof AgentKind.Llm l ? l.provider() : null;
    }

    /** The script agent's {@code script}; null for other kinds. */
    public String script() {
        return kind instanceof AgentKind.Script s ? s.script() : null;
    }

    /** The {@code parameters} of a script or custom agent; null when not set or for other kinds. */
    public JsonNode parameters() {
        return switch (kind) {
            case AgentKind.Script s -> s.parameters();
            case AgentKind.Custom c -> c.parameters();
            default -> null;
        };
    }

    /** The ensemble agent's child {@code ensemble}; null for other kinds. */
    public String ensemble() {
        return kind instanceof AgentKind.Ensemble e ? e.ensemble() : null;
    }

    /** The dispatch agent's {@code dispatch} target (a {@code ${agent.field}} reference or a name); null for other kinds. */
    public String dispatch() {
        return kind instanceof AgentKind.Dispatch d ? d.target() : null;
    }

    /** The loop agent's {@code loop}; null for other kinds. */
    public LoopSpec loop() {
        return kind instanceof AgentKind.Loop l ? l.loop() : null;
    }

    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.index = index; b.name = name; b.dependsOn.addAll(dependsOn);
        // a built-in kind goes back to its keys, so a copy can switch e.g. from one profile to a model
        switch (kind) {
            case AgentKind.Llm l -> {
                b.modelProfile = l.modelProfile(); b.provider = l.provider(); b.model = l.model();
                b.taskType = l.taskType();
            }
            case AgentKind.Script sc -> { b.script = sc.script(); b.parameters = sc.parameters(); }
            case AgentKind.Ensemble e -> b.ensemble = e.ensemble();
            case AgentKind.Loop l -> b.loop = l.loop();
            case AgentKind.Dispatch d -> b.kind = d;
            case AgentKind.Custom c -> b.kind = c;
        }
        b.systemPrompt = systemPrompt; b.temperature = temperature;
        b.maxTokens = maxTokens; b.options.putAll(options); b.timeoutSeconds = timeoutSeconds;
        b.outputFormat = outputFormat; b.fallbackModelProfile = fallbackModelProfile;
        b.fanOut = fanOut; b.inputKey = inputKey;
        b.inputScope = inputScope; b.when = when; b.tools.addAll(tools); b.outputSchema = outputSchema;
        b.onDependencyFailure = onDependencyFailure; b.retries = retries;
        b.maxToolRounds = maxToolRounds; b.toolPermissions = toolPermissions; b.resume = resume;
        return b;
    }

    /**
     * Builder for {@link AgentSpec}; used by the parser and by code that builds ensembles. The
     * kind is given with {@link #kind(AgentKind)} or by the keys of one kind ({@code modelProfile},
     * {@code model}+{@code provider}; {@code script}+{@code parameters}; {@code ensemble};
     * {@code loop}); keys of two kinds are refused when the spec is built.
     */
    public static final class Builder {
        private int index;
        private String name;
        private AgentKind kind;
        private final List<String> dependsOn = new ArrayList<>();
        private String modelProfile;
        private String model;
        private String provider;
        private String taskType;
        private String systemPrompt;
        private Double temperature;
        private Integer maxTokens;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Double timeoutSeconds;
        private OutputFormat outputFormat;
        private String fallbackModelProfile;
        private String script;
        private JsonNode parameters;
        private String ensemble;
        private LoopSpec loop;
        private boolean fanOut;
        private String inputKey;
        private InputScope inputScope;
        private Condition when;
        private final List<String> tools = new ArrayList<>();
        private JsonNode outputSchema;
        private DependencyFailurePolicy onDependencyFailure;
        private int retries;
        private Integer maxToolRounds;
        private ToolPolicy toolPermissions;
        private ResumePolicy resume;

        public Builder index(int index) { this.index = index; return this; }
        public Builder kind(AgentKind kind) { this.kind = kind; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder dependsOn(String... names) { this.dependsOn.addAll(List.of(names)); return this; }
        public Builder dependsOn(List<String> names) { this.dependsOn.addAll(names); return this; }
        public Builder modelProfile(String modelProfile) { this.modelProfile = modelProfile; return this; }
        public Builder model(String model) { this.model = model; return this; }
        public Builder provider(String provider) { this.provider = provider; return this; }
        public Builder taskType(String taskType) { this.taskType = taskType; return this; }
        public Builder systemPrompt(String systemPrompt) { this.systemPrompt = systemPrompt; return this; }
        public Builder temperature(Double temperature) { this.temperature = temperature; return this; }
        public Builder maxTokens(Integer maxTokens) { this.maxTokens = maxTokens; return this; }
        public Builder options(Map<String, Object> options) { this.options.putAll(options); return this; }
        public Builder timeoutSeconds(Double timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; return this; }
        public Builder outputFormat(OutputFormat outputFormat) { this.outputFormat = outputFormat; return this; }
        public Builder fallbackModelProfile(String profile) { this.fallbackModelProfile = profile; return this; }
        public Builder script(String script) { this.script = script; return this; }
        public Builder parameters(JsonNode parameters) { this.parameters = parameters; return this; }
        public Builder ensemble(String ensemble) { this.ensemble = ensemble; return this; }
        public Builder loop(LoopSpec loop) { this.loop = loop; return this; }
        public Builder fanOut(boolean fanOut) { this.fanOut = fanOut; return this; }
        public Builder inputKey(String inputKey) { this.inputKey = inputKey; return this; }
        public Builder inputScope(InputScope inputScope) { this.inputScope = inputScope; return this; }
        public Builder when(Condition when) { this.when = when; return this; }
        public Builder tools(List<String> tools) { this.tools.addAll(tools); return this; }
        public Builder outputSchema(JsonNode outputSchema) { this.outputSchema = outputSchema; return this; }
        public Builder onDependencyFailure(DependencyFailurePolicy p) { this.onDependencyFailure = p; return this; }
        public Builder retries(int retries) { this.retries = retries; return this; }
        /** {@code max_tool_rounds}: the agent's tool-round limit; null for the default. */
        public Builder maxToolRounds(Integer value) { this.maxToolRounds = value; return this; }
        /** {@code tool_permissions}: the agent's narrowing permission layer; null for none. */
        public Builder toolPermissions(ToolPolicy value) { this.toolPermissions = value; return this; }

        /** Throws {@link IllegalStateException} when keys of more than one kind are set. */
        /** What a resumed run does with this agent (default {@link ResumePolicy#CHECKPOINT}). */
        public Builder resume(ResumePolicy value) { this.resume = value; return this; }

        public AgentSpec build() {
            List<String> kinds = kindKeys();
            if (kinds.size() > 1 || (kind != null && !kinds.isEmpty())) {
                throw new IllegalStateException("agent '" + name + "' is exactly one kind; it sets "
                        + (kind != null ? "kind " + kind.name() + " and " : "") + String.join(" and ", kinds));
            }
            if (parameters != null && script == null && kind == null) {
                throw new IllegalStateException("agent '" + name + "': parameters apply only to script agents");
            }
            return new AgentSpec(index, name, kind != null ? kind : keyedKind(), dependsOn, systemPrompt, temperature,
                    maxTokens, options, timeoutSeconds, outputFormat, fallbackModelProfile, fanOut, inputKey,
                    inputScope, when, tools, outputSchema, onDependencyFailure, retries, maxToolRounds, toolPermissions,
                    resume);
        }

        private List<String> kindKeys() {
            List<String> kinds = new ArrayList<>();
            if (modelProfile != null || model != null || provider != null || taskType != null) kinds.add("a model");
            if (script != null) kinds.add("script");
            if (ensemble != null) kinds.add("ensemble");
            if (loop != null) kinds.add("loop");
            return kinds;
        }

        private AgentKind keyedKind() {
            if (script != null) return new AgentKind.Script(script, parameters);
            if (ensemble != null) return new AgentKind.Ensemble(ensemble);
            if (loop != null) return new AgentKind.Loop(loop);
            return new AgentKind.Llm(modelProfile, provider, model, taskType);
        }
    }
}

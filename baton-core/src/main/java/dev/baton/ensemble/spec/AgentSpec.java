package dev.baton.ensemble.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One agent of an ensemble, as written in YAML (llm-orc's keys plus Baton's). Exactly one of
 * {@code modelProfile}, {@code model}+{@code provider}, {@code script}, {@code ensemble} or
 * {@code loop} says what the agent is (see {@link #kind()}); the validator enforces this.
 * Null means "not set". {@code index} is the agent's position in the ensemble.
 */
public record AgentSpec(int index, String name, List<String> dependsOn, String modelProfile, String model,
                        String provider, String systemPrompt, Double temperature, Integer maxTokens,
                        Map<String, Object> options, Double timeoutSeconds, OutputFormat outputFormat,
                        String fallbackModelProfile, String script, JsonNode parameters, String ensemble,
                        LoopSpec loop, boolean fanOut, String inputKey, InputScope inputScope, Condition when,
                        List<String> tools, JsonNode outputSchema, DependencyFailurePolicy onDependencyFailure,
                        int retries) {

    public AgentSpec {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        tools = tools == null ? List.of() : List.copyOf(tools);
        outputFormat = outputFormat == null ? OutputFormat.TEXT : outputFormat;
        inputScope = inputScope == null ? InputScope.ALL : inputScope;
        onDependencyFailure = onDependencyFailure == null ? DependencyFailurePolicy.RUN : onDependencyFailure;
    }

    /** What this agent does, decided by which keys are set (script, ensemble, loop, else model). */
    public AgentKind kind() {
        if (script != null) return AgentKind.SCRIPT;
        if (ensemble != null) return AgentKind.ENSEMBLE;
        if (loop != null) return AgentKind.LOOP;
        return AgentKind.LLM;
    }

    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.index = index; b.name = name; b.dependsOn.addAll(dependsOn); b.modelProfile = modelProfile;
        b.model = model; b.provider = provider; b.systemPrompt = systemPrompt; b.temperature = temperature;
        b.maxTokens = maxTokens; b.options.putAll(options); b.timeoutSeconds = timeoutSeconds;
        b.outputFormat = outputFormat; b.fallbackModelProfile = fallbackModelProfile; b.script = script;
        b.parameters = parameters; b.ensemble = ensemble; b.loop = loop; b.fanOut = fanOut; b.inputKey = inputKey;
        b.inputScope = inputScope; b.when = when; b.tools.addAll(tools); b.outputSchema = outputSchema;
        b.onDependencyFailure = onDependencyFailure; b.retries = retries;
        return b;
    }

    /** Builder for {@link AgentSpec}; used by the parser and by code that builds ensembles. */
    public static final class Builder {
        private int index;
        private String name;
        private final List<String> dependsOn = new ArrayList<>();
        private String modelProfile;
        private String model;
        private String provider;
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

        public Builder index(int index) { this.index = index; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder dependsOn(String... names) { this.dependsOn.addAll(List.of(names)); return this; }
        public Builder dependsOn(List<String> names) { this.dependsOn.addAll(names); return this; }
        public Builder modelProfile(String modelProfile) { this.modelProfile = modelProfile; return this; }
        public Builder model(String model) { this.model = model; return this; }
        public Builder provider(String provider) { this.provider = provider; return this; }
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

        public AgentSpec build() {
            return new AgentSpec(index, name, dependsOn, modelProfile, model, provider, systemPrompt, temperature,
                    maxTokens, options, timeoutSeconds, outputFormat, fallbackModelProfile, script, parameters,
                    ensemble, loop, fanOut, inputKey, inputScope, when, tools, outputSchema, onDependencyFailure,
                    retries);
        }
    }
}

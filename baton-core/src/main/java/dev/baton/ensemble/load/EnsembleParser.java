package dev.baton.ensemble.load;

import dev.baton.tool.ToolPolicy;

import dev.baton.ensemble.load.internal.OrcKeysReader;
import dev.baton.ensemble.load.internal.SpecReader;
import dev.baton.ensemble.load.internal.TestBlockParser;
import dev.baton.ensemble.load.internal.YamlTree;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.BudgetSpec;
import dev.baton.ensemble.spec.DependencyFailurePolicy;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.EnsembleTestCase;
import dev.baton.ensemble.spec.InputScope;
import dev.baton.ensemble.spec.LoopSpec;
import dev.baton.ensemble.spec.OutputFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;
import dev.baton.config.internal.YamlErrors;
import dev.baton.config.internal.YamlLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns ensemble YAML (llm-orc's schema plus Baton's keys) into an {@link EnsembleSpec}. It never
 * throws for bad content: it returns the best spec it could build plus every problem found
 * (syntax errors, unknown keys, wrong types, each with its YAML line). Thread-safe.
 */
public final class EnsembleParser {

    static final Set<String> ENSEMBLE_KEYS = union(Set.of("name", "description", "agents", "default_task", "task",
            "max_concurrency", "budget", "deliverable", "prompt_template", "tests", "tool_permissions"), OrcKeysReader.KEYS);
    static final Set<String> AGENT_KEYS = Set.of("name", "depends_on", "model_profile", "model", "provider", "task_type",
            "system_prompt", "temperature", "max_tokens", "options", "timeout_seconds", "output_format",
            "fallback_model_profile", "script", "parameters", "ensemble", "loop", "fan_out", "input_key",
            "input_scope", "when", "tools", "output_schema", "on_dependency_failure", "retries", "kind",
            "max_tool_rounds", "tool_permissions", "dispatch", "resume");
    static final Set<String> LOOP_KEYS = Set.of("body", "until", "max_iterations", "carry");
    static final Set<String> BUDGET_KEYS = Set.of("usd", "tokens");
    static final Set<String> DEPENDENCY_KEYS = Set.of("agent_name");
    static final Set<String> TOOL_PERMISSION_KEYS = Set.of("mode", "allow", "deny");

    /** The spec built (best effort) and the problems found; a spec with problems must not run. */
    public record Parsed(EnsembleSpec spec, List<Problem> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final YAMLMapper yaml = YamlLimits.mapperBuilder().build();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Reads and parses {@code file}. A file that is missing, over {@link Utf8TextReader#MAX_YAML_BYTES}
     * or not UTF-8 text comes back as one problem naming it, like any other bad content.
     */
    public Parsed parse(Path file) {
        String text;
        try {
            text = Utf8TextReader.readFile(file, Utf8TextReader.MAX_YAML_BYTES);
        } catch (UnreadableTextException e) {
            return new Parsed(null, List.of(new Problem(file.toString(), null, 0, e.problem())));
        }
        return parse(text, file);
    }

    /** Parses {@code yamlText}; {@code source} (may be null) names the file in problems. */
    public Parsed parse(String yamlText, Path source) {
        String file = source == null ? "<ensemble>" : source.toString();
        String oversize = YamlLimits.oversize(yamlText);
        if (oversize != null) return new Parsed(null, List.of(new Problem(file, null, 0, oversize)));
        YamlTree.Result tree;
        try {
            tree = YamlTree.read(yaml, yamlText);
        } catch (JacksonException e) {
            YamlErrors.Located where = YamlErrors.syntax(e);
            return new Parsed(null, List.of(new Problem(file, null, Math.max(where.line(), 0),
                    "YAML syntax error" + (where.column() > 0 ? " at column " + where.column() : "") + ": "
                            + where.message())));
        } catch (YamlTree.AliasException e) {
            return new Parsed(null, List.of(new Problem(file, null, e.line(), e.getMessage())));
        }
        SpecReader r = new SpecReader(file, tree.lines());
        for (String dup : tree.duplicateKeys()) {
            r.problem(dup, null, "duplicate key '" + dup.substring(dup.lastIndexOf('/') + 1) + "'");
        }
        JsonNode root = tree.root();
        if (!root.isObject()) {
            r.problem("", null, "an ensemble file must be a YAML mapping with 'name' and 'agents'");
            return new Parsed(null, r.problems());
        }
        return new Parsed(ensemble(r, root, source), r.problems());
    }

    private EnsembleSpec ensemble(SpecReader r, JsonNode root, Path source) {
        r.checkKeys(root, ENSEMBLE_KEYS, "", null, "ensemble");
        String name = r.string(root, "name", "", null);
        if (name == null || name.isBlank()) {
            r.problem("", null, "ensemble has no 'name'");
            name = source == null ? "ensemble" : stem(source);
        }
        String task = r.string(root, "default_task", "", null);
        if (task == null) task = r.string(root, "task", "", null);
        List<AgentSpec> agents = agents(r, root);
        Integer maxConcurrency = r.integer(root, "max_concurrency", "", null);
        BudgetSpec budget = budget(r, root);
        List<EnsembleTestCase> tests = new TestBlockParser(r).tests(root.get("tests"));
        var orc = new OrcKeysReader(r).read(root, schema(r, root.get("output_schema"), "/output_schema", null));
        return new EnsembleSpec(name, r.string(root, "description", "", null), task, agents, maxConcurrency,
                budget, r.string(root, "deliverable", "", null), r.string(root, "prompt_template", "", null), tests,
                source, r.lines(), toolPermissions(r, root, "", null), orc);
    }

    private List<AgentSpec> agents(SpecReader r, JsonNode root) {
        JsonNode list = root.get("agents");
        List<AgentSpec> agents = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            r.problem("/agents", null, "ensemble needs a non-empty 'agents' list");
            return agents;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String pointer = "/agents/" + i;
            if (!node.isObject()) {
                r.problem(pointer, null, "agent #" + (i + 1) + " must be a mapping with a 'name'");
                continue;
            }
            agents.add(agent(r, node, i, pointer));
        }
        return agents;
    }

    private AgentSpec agent(SpecReader r, JsonNode n, int index, String p) {
        String name = r.string(n, "name", p, null);
        if (name == null || name.isBlank()) {
            r.problem(p, null, "agent #" + (index + 1) + " has no 'name'");
            name = "agent-" + (index + 1);
        }
        r.checkKeys(n, AGENT_KEYS, p, name, "agent");
        AgentSpec.Builder b = AgentSpec.builder(name).index(index)
                .dependsOn(dependencies(r, n, p, name))
                .systemPrompt(r.string(n, "system_prompt", p, name))
                .maxTokens(r.integer(n, "max_tokens", p, name))
                .outputFormat(r.enumValue(n, "output_format", OutputFormat.class, p, name))
                .fallbackModelProfile(r.string(n, "fallback_model_profile", p, name))
                .inputKey(r.string(n, "input_key", p, name))
                .inputScope(r.enumValue(n, "input_scope", InputScope.class, p, name))
                .when(r.condition(n, "when", p, name))
                .tools(r.strings(n, "tools", p, name))
                .maxToolRounds(r.integer(n, "max_tool_rounds", p, name))
                .toolPermissions(toolPermissions(r, n, p, name))
                .onDependencyFailure(r.enumValue(n, "on_dependency_failure", DependencyFailurePolicy.class, p, name))
                .resume(r.enumValue(n, "resume", dev.baton.ensemble.spec.ResumePolicy.class, p, name))
                .kind(kind(r, n, p, name));
        var temperature = r.decimal(n, "temperature", p, name);
        if (temperature != null) b.temperature(temperature.doubleValue());
        var timeout = r.decimal(n, "timeout_seconds", p, name);
        if (timeout != null) b.timeoutSeconds(timeout.doubleValue());
        Boolean fanOut = r.bool(n, "fan_out", p, name);
        b.fanOut(fanOut != null && fanOut);
        Integer retries = r.integer(n, "retries", p, name);
        b.retries(retries == null ? 0 : retries);
        b.options(mapping(r, n, "options", p, name));
        b.outputSchema(schema(r, n.get("output_schema"), p + "/output_schema", name));
        return b.build();
    }

    /**
     * What the agent is, from the keys of its kind. An agent that sets keys of several kinds is
     * reported, and kept as the first of script, ensemble, loop, model so that the rest of it is
     * still checked.
     */
    private AgentKind kind(SpecReader r, JsonNode n, String p, String name) {
        String profile = r.string(n, "model_profile", p, name);
        String model = r.string(n, "model", p, name);
        String provider = r.string(n, "provider", p, name);
        String taskType = r.string(n, "task_type", p, name);
        String script = r.string(n, "script", p, name);
        String ensemble = r.string(n, "ensemble", p, name);
        String dispatch = r.string(n, "dispatch", p, name);
        if (dispatch != null && dispatch.isBlank()) {
            r.problem(p + "/dispatch", name, "'dispatch' must name the target, e.g. \"${route.target}\"");
            dispatch = null;
        }
        LoopSpec loop = loop(r, n.get("loop"), p + "/loop", name);
        String custom = customKind(r, n, p, name);
        JsonNode params = n.get("parameters");
        if (params != null && !params.isNull() && !params.isObject()) {
            r.problem(p + "/parameters", name, "'parameters' must be a mapping");
            params = null;
        }
        if (params != null && params.isNull()) params = null;
        List<String> kinds = new ArrayList<>();
        if (profile != null || model != null || provider != null || taskType != null) kinds.add("a model");
        if (script != null) kinds.add("script");
        if (ensemble != null) kinds.add("ensemble");
        if (loop != null) kinds.add("loop");
        if (dispatch != null) kinds.add("dispatch");
        if (custom != null) kinds.add("kind " + custom);
        if (kinds.size() > 1) {
            r.problem(p, name, "an agent is exactly one of: LLM (model_profile, model + provider, or task_type), script, ensemble, "
                    + "loop, dispatch; this one sets " + String.join(" and ", kinds));
        }
        if (params != null && script == null && custom == null) {
            r.problem(p + "/parameters", name, "'parameters' applies only to script agents");
        }
        if (script != null) return new AgentKind.Script(script, params);
        if (ensemble != null) return new AgentKind.Ensemble(ensemble);
        if (loop != null) return new AgentKind.Loop(loop);
        if (dispatch != null) return new AgentKind.Dispatch(dispatch);
        if (custom != null) return new AgentKind.Custom(custom, params);
        return new AgentKind.Llm(profile, provider, model, taskType);
    }

    /** {@code kind: NAME}, an agent run by the runner registered for NAME; built-in names are refused. */
    private static String customKind(SpecReader r, JsonNode n, String p, String name) {
        String kind = r.string(n, "kind", p, name);
        if (kind == null) return null;
        if (kind.isBlank()) {
            r.problem(p + "/kind", name, "'kind' must name a registered agent runner");
            return null;
        }
        if (Set.of(AgentKind.LLM, AgentKind.SCRIPT, AgentKind.ENSEMBLE, AgentKind.LOOP, AgentKind.DISPATCH).contains(kind)) {
            r.problem(p + "/kind", name, "kind '" + kind + "' is built in: say what the agent runs with "
                    + (kind.equals(AgentKind.LLM) ? "model_profile, model + provider, or task_type" : "'" + kind + "'")
                    + " instead");
            return null;
        }
        return kind;
    }

    private List<String> dependencies(SpecReader r, JsonNode n, String p, String agent) {
        JsonNode deps = n.get("depends_on");
        List<String> names = new ArrayList<>();
        if (deps == null || deps.isNull()) return names;
        if (deps.isString()) return List.of(deps.stringValue());
        if (!deps.isArray()) {
            r.problem(p + "/depends_on", agent, "'depends_on' must be a list of agent names");
            return names;
        }
        for (int i = 0; i < deps.size(); i++) {
            JsonNode d = deps.get(i);
            String dp = p + "/depends_on/" + i;
            if (d.isString()) {
                names.add(d.stringValue());
            } else if (d.isObject()) {
                r.checkKeys(d, DEPENDENCY_KEYS, dp, agent, "depends_on entry");
                String dep = r.string(d, "agent_name", dp, agent);
                if (dep == null) r.problem(dp, agent, "a depends_on entry needs 'agent_name'");
                else names.add(dep);
            } else {
                r.problem(dp, agent, "depends_on entries must be names or {agent_name: NAME}, got " + d);
            }
        }
        return names;
    }

    private LoopSpec loop(SpecReader r, JsonNode n, String p, String agent) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) {
            r.problem(p, agent, "'loop' must be a mapping with body, until, max_iterations and carry");
            return null;
        }
        r.checkKeys(n, LOOP_KEYS, p, agent, "loop");
        String body = r.string(n, "body", p, agent);
        if (body == null) r.problem(p, agent, "loop needs 'body' (the ensemble to repeat)");
        Integer max = r.integer(n, "max_iterations", p, agent);
        if (max == null) r.problem(p, agent, "loop needs 'max_iterations' (a bound is mandatory)");
        List<String> carry = r.strings(n, "carry", p, agent).stream().map(EnsembleParser::unwrapReference).toList();
        return new LoopSpec(body, r.condition(n, "until", p, agent), max == null ? 0 : max, carry);
    }

    /** {@code ${a.b}} and {@code a.b} both name the field path {@code a.b}. */
    private static String unwrapReference(String text) {
        String t = text.strip();
        return t.startsWith("${") && t.endsWith("}") ? t.substring(2, t.length() - 1).strip() : t;
    }

    /**
     * {@code tool_permissions: {mode, allow, deny}}, the shape of configuration's {@code tools:}
     * permissions: a layer that narrows the ones above it (mode unset: inherited).
     */
    private static ToolPolicy toolPermissions(SpecReader r, JsonNode parent, String p, String agent) {
        JsonNode n = parent.get("tool_permissions");
        String at = p + "/tool_permissions";
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) {
            r.problem(at, agent, "'tool_permissions' must be a mapping with mode, allow and/or deny");
            return null;
        }
        r.checkKeys(n, TOOL_PERMISSION_KEYS, at, agent, "tool_permissions");
        ToolPolicy.Mode mode = r.enumValue(n, "mode", ToolPolicy.Mode.class, at, agent);
        return new ToolPolicy(mode, r.strings(n, "allow", at, agent), r.strings(n, "deny", at, agent));
    }

    private BudgetSpec budget(SpecReader r, JsonNode root) {
        JsonNode n = root.get("budget");
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) {
            r.problem("/budget", null, "'budget' must be a mapping with 'usd' and/or 'tokens'");
            return null;
        }
        r.checkKeys(n, BUDGET_KEYS, "/budget", null, "budget");
        return new BudgetSpec(r.decimal(n, "usd", "/budget", null), r.longValue(n, "tokens", "/budget", null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mapping(SpecReader r, JsonNode n, String key, String p, String agent) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return Map.of();
        if (!v.isObject()) {
            r.problem(p + "/" + key, agent, "'" + key + "' must be a mapping");
            return Map.of();
        }
        return json.convertValue(v, Map.class);
    }

    private JsonNode schema(SpecReader r, JsonNode v, String p, String agent) {
        if (v == null || v.isNull()) return null;
        if (v.isObject()) return v;
        if (v.isString()) {
            try {
                JsonNode parsed = json.readTree(v.stringValue());
                if (parsed.isObject()) return parsed;
            } catch (JacksonException notJson) {
                // reported below
            }
        }
        r.problem(p, agent, "'output_schema' must be a JSON Schema object (YAML mapping or JSON text)");
        return null;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static String stem(Path source) {
        String file = source.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}

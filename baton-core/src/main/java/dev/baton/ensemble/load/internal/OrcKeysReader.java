package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.spec.OrcSettings;
import dev.baton.ensemble.spec.TestModeSpec;
import dev.baton.ensemble.spec.ValidationSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.baton.config.internal.YamlErrors;
import tools.jackson.databind.JsonNode;

/**
 * Reads llm-orc 0.19's ensemble-level keys into {@link OrcSettings}, reporting wrong shapes and
 * unknown keys inside the blocks through the {@link SpecReader} (with their YAML lines). The
 * closed-value keys ({@code output_substrate}, {@code output_retention},
 * {@code calibration_substrate_access}) are checked against llm-orc's values: llm-orc drops an
 * unknown value silently, Baton names it.
 */
public final class OrcKeysReader {

    /** The ensemble keys this reader owns. */
    public static final Set<String> KEYS = Set.of("validation", "test_mode", "raw_output", "output_schema", "serves",
            "topaz_skill", "output_substrate", "output_retention", "calibration_substrate_access", "seat_contract");
    static final Set<String> VALIDATION_KEYS = Set.of("structural", "schema_validations", "behavioral", "quantitative",
            "semantic");
    static final Set<String> STRUCTURAL_KEYS = Set.of("required_agents", "max_execution_time", "min_execution_time");
    static final Set<String> SCHEMA_KEYS = Set.of("agent", "output_schema", "required_fields");
    static final Set<String> BEHAVIORAL_KEYS = Set.of("name", "description", "assertion");
    static final Set<String> METRIC_KEYS = Set.of("metric", "threshold", "description", "record");
    static final Set<String> SEMANTIC_KEYS = Set.of("enabled", "validator_model", "criteria");
    static final Set<String> TEST_MODE_KEYS = Set.of("enabled", "llm_simulation");
    static final Set<String> SIMULATION_KEYS = Set.of("agent", "model", "persona", "cached_responses");

    private final SpecReader r;

    public OrcKeysReader(SpecReader r) {
        this.r = r;
    }

    public OrcSettings read(JsonNode root, JsonNode outputSchema) {
        Boolean raw = r.bool(root, "raw_output", "", null);
        JsonNode serves = root.get("serves");
        return new OrcSettings(validation(root, "validation"), testMode(root), raw != null && raw, outputSchema,
                serves == null || serves.isNull() ? null : serves, r.string(root, "topaz_skill", "", null),
                closed(root, "output_substrate", Set.of("artifact", "inline")),
                closed(root, "output_retention", Set.of("session", "durable", "ephemeral")),
                closed(root, "calibration_substrate_access", Set.of("summary", "artifact")),
                validation(root, "seat_contract"));
    }

    private String closed(JsonNode root, String key, Set<String> allowed) {
        String value = r.string(root, key, "", null);
        if (value == null || allowed.contains(value)) return value;
        r.problem("/" + key, null, "'" + key + "' must be one of " + new java.util.TreeSet<>(allowed) + ", got '" + value + "'");
        return null;
    }

    private ValidationSpec validation(JsonNode root, String key) {
        JsonNode n = root.get(key);
        String p = "/" + key;
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) {
            r.problem(p, null, "'" + key + "' must be a mapping of evaluator kinds (structural, schema_validations, "
                    + "behavioral, quantitative, semantic)");
            return null;
        }
        r.checkKeys(n, VALIDATION_KEYS, p, null, key);
        return new ValidationSpec(structural(n.get("structural"), p + "/structural"),
                schemaChecks(n.get("schema_validations"), p + "/schema_validations"),
                metrics(n.get("quantitative"), p + "/quantitative"),
                named(n.get("behavioral"), p + "/behavioral", BEHAVIORAL_KEYS, "assertion"),
                semantic(n.get("semantic"), p + "/semantic"));
    }

    private ValidationSpec.Structural structural(JsonNode n, String p) {
        if (n == null || n.isNull()) return null;
        if (!mapping(n, p, "structural")) return null;
        r.checkKeys(n, STRUCTURAL_KEYS, p, null, "structural");
        var max = r.decimal(n, "max_execution_time", p, null);
        var min = r.decimal(n, "min_execution_time", p, null);
        return new ValidationSpec.Structural(r.strings(n, "required_agents", p, null),
                max == null ? null : max.doubleValue(), min == null ? null : min.doubleValue());
    }

    private List<ValidationSpec.SchemaCheck> schemaChecks(JsonNode n, String p) {
        List<ValidationSpec.SchemaCheck> out = new ArrayList<>();
        for (int i = 0; i < size(n, p, "schema_validations"); i++) {
            JsonNode e = n.get(i);
            String ep = p + "/" + i;
            if (!mapping(e, ep, "a schema_validations entry")) continue;
            r.checkKeys(e, SCHEMA_KEYS, ep, null, "schema_validations entry");
            String agent = r.string(e, "agent", ep, null);
            if (agent == null) {
                r.problem(ep, null, "a schema_validations entry needs 'agent'");
                continue;
            }
            out.add(new ValidationSpec.SchemaCheck(agent, r.string(e, "output_schema", ep, null),
                    r.strings(e, "required_fields", ep, null)));
        }
        return out;
    }

    private List<ValidationSpec.Metric> metrics(JsonNode n, String p) {
        List<ValidationSpec.Metric> out = new ArrayList<>();
        for (int i = 0; i < size(n, p, "quantitative"); i++) {
            JsonNode e = n.get(i);
            String ep = p + "/" + i;
            if (!mapping(e, ep, "a quantitative entry")) continue;
            r.checkKeys(e, METRIC_KEYS, ep, null, "quantitative entry");
            String metric = r.string(e, "metric", ep, null);
            if (metric == null) {
                r.problem(ep, null, "a quantitative entry needs 'metric'");
                continue;
            }
            String threshold = r.string(e, "threshold", ep, null);
            if (threshold != null && Threshold.parse(threshold) == null) {
                r.problem(ep + "/threshold", null, "threshold '" + threshold
                        + "' must be an operator (>=, <=, >, <, ==) and a number, e.g. '< 30'");
            }
            String description = r.string(e, "description", ep, null);
            out.add(new ValidationSpec.Metric(metric, threshold, description == null ? "" : description));
        }
        return out;
    }

    /** Behavioral assertions: kept by name (Baton does not run their Python expressions). */
    private List<String> named(JsonNode n, String p, Set<String> keys, String required) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size(n, p, "behavioral"); i++) {
            JsonNode e = n.get(i);
            String ep = p + "/" + i;
            if (!mapping(e, ep, "a behavioral entry")) continue;
            r.checkKeys(e, keys, ep, null, "behavioral entry");
            if (r.string(e, required, ep, null) == null) r.problem(ep, null, "a behavioral entry needs '" + required + "'");
            String name = r.string(e, "name", ep, null);
            out.add(name == null ? "#" + (i + 1) : name);
        }
        return out;
    }

    private List<String> semantic(JsonNode n, String p) {
        if (n == null || n.isNull()) return List.of();
        if (!mapping(n, p, "semantic")) return List.of();
        r.checkKeys(n, SEMANTIC_KEYS, p, null, "semantic");
        Boolean enabled = r.bool(n, "enabled", p, null);
        List<String> criteria = r.strings(n, "criteria", p, null);
        return enabled != null && enabled ? criteria : List.of();
    }

    private TestModeSpec testMode(JsonNode root) {
        JsonNode n = root.get("test_mode");
        String p = "/test_mode";
        if (n == null || n.isNull()) return null;
        if (!mapping(n, p, "test_mode")) return null;
        r.checkKeys(n, TEST_MODE_KEYS, p, null, "test_mode");
        Boolean enabled = r.bool(n, "enabled", p, null);
        List<TestModeSpec.Simulation> sims = new ArrayList<>();
        JsonNode list = n.get("llm_simulation");
        for (int i = 0; i < size(list, p + "/llm_simulation", "llm_simulation"); i++) {
            JsonNode e = list.get(i);
            String ep = p + "/llm_simulation/" + i;
            if (!mapping(e, ep, "an llm_simulation entry")) continue;
            r.checkKeys(e, SIMULATION_KEYS, ep, null, "llm_simulation entry");
            String agent = r.string(e, "agent", ep, null);
            if (agent == null) {
                r.problem(ep, null, "an llm_simulation entry needs 'agent'");
                continue;
            }
            String model = r.string(e, "model", ep, null);
            String persona = r.string(e, "persona", ep, null);
            sims.add(new TestModeSpec.Simulation(agent, model == null ? "" : model, persona == null ? "" : persona,
                    responses(e.get("cached_responses"), ep + "/cached_responses")));
        }
        return new TestModeSpec(enabled != null && enabled, sims);
    }

    private Map<String, String> responses(JsonNode n, String p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!mapping(n, p, "cached_responses")) return out;
        for (String key : n.propertyNames()) {
            JsonNode v = n.get(key);
            if (v.isString()) out.put(key, v.stringValue());
            else r.problem(p + "/" + key, null, "cached_responses values must be strings, found " + YamlErrors.describe(v));
        }
        return out;
    }

    private boolean mapping(JsonNode n, String p, String what) {
        if (n.isObject()) return true;
        r.problem(p, null, what + " must be a mapping, found " + YamlErrors.describe(n));
        return false;
    }

    private int size(JsonNode n, String p, String what) {
        if (n == null || n.isNull()) return 0;
        if (n.isArray()) return n.size();
        r.problem(p, null, "'" + what + "' must be a list, found " + YamlErrors.describe(n));
        return 0;
    }
}

package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorTool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON Schema a plan must match: {@code jobs} of {@code {tool, arguments, priority,
 * cost_share, time_share, rationale}} whose {@code tool} is one of the registered coordinator
 * tools and whose {@code arguments} match that tool's schema, and {@code answer} for a plan
 * without jobs. The pipeline's output validation checks the planner's answer against it.
 */
final class PlanSchema {

    /** More jobs than this in one plan are refused: the planner has lost the plot. */
    static final int MAX_JOBS = 20;

    private PlanSchema() {
    }

    static String of(List<CoordinatorTool> tools, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "object");
        ObjectNode props = root.putObject("properties");
        ObjectNode jobs = props.putObject("jobs");
        jobs.put("type", "array");
        jobs.put("maxItems", MAX_JOBS);
        ObjectNode job = jobs.putObject("items");
        job.put("type", "object");
        ObjectNode jp = job.putObject("properties");
        ArrayNode names = jp.putObject("tool").put("type", "string").putArray("enum");
        tools.forEach(t -> names.add(t.name()));
        jp.putObject("arguments").put("type", "object");
        jp.putObject("priority").put("type", "integer").put("minimum", 0).put("maximum", 100);
        jp.putObject("cost_share").put("type", "number").put("minimum", 0).put("maximum", 1);
        jp.putObject("time_share").put("type", "number").put("minimum", 0).put("maximum", 1);
        jp.putObject("rationale").put("type", "string");
        ArrayNode required = job.putArray("required");
        for (String r : List.of("tool", "arguments", "priority", "cost_share", "time_share", "rationale")) required.add(r);
        job.put("additionalProperties", false);
        ArrayNode perTool = job.putArray("allOf");
        for (CoordinatorTool t : tools) {
            ObjectNode rule = perTool.addObject();
            rule.putObject("if").putObject("properties").putObject("tool").put("const", t.name());
            rule.putObject("then").putObject("properties").set("arguments", argumentsSchema(t, json));
        }
        props.putObject("answer").put("type", "string");
        root.putArray("required").add("jobs");
        root.put("additionalProperties", false);
        return root.toString();
    }

    private static JsonNode argumentsSchema(CoordinatorTool t, ObjectMapper json) {
        try {
            return json.readTree(t.argumentsSchema());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("coordinator tool " + t.name() + ": its arguments schema is not JSON", e);
        }
    }
}

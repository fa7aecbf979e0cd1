package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.Plan;
import dev.baton.coordinator.PlannedJob;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ResponseFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks the planner profile for a plan: renders {@code planner.md} (request id, the current date
 * and time, query, context, parameters, the tools with descriptions and argument schemas) and
 * asks for structured output against {@link PlanSchema}. The pipeline's output validation repairs
 * an invalid plan once with the errors fed back and then fails with {@code VALIDATION}; a plan
 * naming the same tool with the same arguments twice is refused here with {@code VALIDATION}.
 */
final class Planner {

    private final PromptTemplates templates;
    private final ObjectMapper json;
    private final ZoneId zone;

    Planner(PromptTemplates templates, ObjectMapper json, ZoneId zone) {
        this.templates = templates;
        this.json = json;
        this.zone = zone;
    }

    /** The plan and what asking for it cost. */
    record Planned(Plan plan, ChatResponse response) {
    }

    Planned plan(ChatModel model, CoordinatorRequest request, CoordinatorSettings settings, List<CoordinatorTool> tools,
                 Instant deadline) {
        String prompt = templates.render("planner.md", variables(request, tools, Instant.now()));
        ChatRequest call = ChatRequest.builder().user(prompt).temperature(settings.temperature())
                .maxTokens(settings.maxTokens()).deadline(deadline)
                .responseFormat(ResponseFormat.jsonSchema("coordinator_plan", PlanSchema.of(tools, json))).build();
        ChatResponse response = model.chat(call);
        return new Planned(parse(response.text()), response);
    }

    Map<String, String> variables(CoordinatorRequest request, List<CoordinatorTool> tools, Instant now) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("request_id", request.id());
        v.put("now", now(now));
        v.put("query", request.query());
        v.put("context", request.context() == null || request.context().isBlank() ? "(none)" : request.context());
        v.put("parameters", request.parameters().isEmpty() ? "(none)" : json.writeValueAsString(request.parameters()));
        StringBuilder list = new StringBuilder();
        for (CoordinatorTool t : tools) {
            list.append("- ").append(t.name()).append(": ").append(t.description().strip()).append("\n  arguments: ")
                    .append(t.argumentsSchema().replaceAll("\\s+", " ")).append('\n');
        }
        v.put("tools", list.toString().stripTrailing());
        v.put("max_cost", request.maxCost() == null ? "" : request.maxCost().toPlainString());
        v.put("max_time", request.maxExecutionTime() == null ? "" : request.maxExecutionTime().toSeconds() + " s");
        return v;
    }

    /** ISO date-time with offset and weekday, in the Baton's zone. */
    String now(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " (" + t.getDayOfWeek().getDisplayName(
                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + ")";
    }

    /** The plan in {@code text} (already valid against the schema); duplicate jobs refused. */
    Plan parse(String text) {
        JsonNode root = json.readTree(text);
        List<PlannedJob> jobs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (JsonNode j : root.path("jobs")) {
            String tool = j.path("tool").asString();
            ObjectNode args = j.path("arguments") instanceof ObjectNode o ? o : json.createObjectNode();
            if (!seen.add(tool + "\u0000" + canonical(args))) {
                throw BatonException.builder(ErrorCode.VALIDATION, "the plan lists tool '" + tool
                                + "' with the same arguments twice (jobs[" + i + "]); each job must be distinct")
                        .reason(ErrorReason.MALFORMED_RESPONSE).retriable(false).build();
            }
            jobs.add(new PlannedJob(tool, args, j.path("priority").asInt(0), j.path("cost_share").asDouble(0),
                    j.path("time_share").asDouble(0), j.path("rationale").asString("")));
            i++;
        }
        String answer = root.path("answer").isString() ? root.path("answer").asString() : null;
        return new Plan(jobs, answer == null || answer.isBlank() ? null : answer);
    }

    /** Arguments with keys sorted, so that key order does not hide a duplicate. */
    private String canonical(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>(o.propertyNames());
            java.util.Collections.sort(names);
            StringBuilder sb = new StringBuilder("{");
            for (String n : names) sb.append(n).append(':').append(canonical(o.get(n))).append(',');
            return sb.append('}').toString();
        }
        return node.toString();
    }
}

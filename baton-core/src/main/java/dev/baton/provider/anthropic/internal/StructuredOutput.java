package dev.baton.provider.anthropic.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structured output over the Messages API, which has no general JSON-schema response mode: the
 * schema becomes the input schema of a synthetic tool and the model is made to call it (the
 * approach Anthropic documents for JSON output); the tool's input is then the answer's text.
 * <p>
 * The tool is forced ({@code tool_choice: {type: tool}}) unless the request also offers real
 * tools (forcing would forbid them) or enables extended thinking (the API rejects forced tool
 * use with thinking); then the choice stays open and a system instruction asks for the tool.
 * A schema whose root is not an object is wrapped as property {@code value}, because tool input
 * schemas must be objects, and unwrapped again on the way back.
 */
public record StructuredOutput(String toolName, String schemaJson, boolean forced, boolean wrapped) {

    static final String JSON_TOOL = "json_response";
    private static final String ANY_OBJECT = "{\"type\":\"object\",\"additionalProperties\":true}";
    private static final String DESCRIPTION =
            "Returns the final answer. Call this tool exactly once, with the complete answer as its input.";

    /** The structured-output plan for a request, or null when the request asks for plain text. */
    public static StructuredOutput of(ChatRequest request, ObjectMapper json) {
        ResponseFormat format = request.responseFormat();
        if (format.kind() == ResponseFormat.Kind.TEXT) return null;
        String schema = format.kind() == ResponseFormat.Kind.JSON ? ANY_OBJECT : format.schemaJson();
        String name = format.kind() == ResponseFormat.Kind.JSON ? JSON_TOOL : toolName(format.name());
        for (ToolSpec t : request.tools()) {
            if (t.name().equals(name)) name = name.length() > 56 ? name.substring(0, 56) + "_output" : name + "_output";
        }
        boolean objectRoot = "object".equals(json.readTree(schema).path("type").asString(""));
        boolean forced = request.tools().isEmpty() && !thinkingEnabled(request, json);
        return new StructuredOutput(name, schema, forced, !objectRoot);
    }

    /** Whether the request turns extended thinking on through its {@code thinking} option. */
    static boolean thinkingEnabled(ChatRequest request, ObjectMapper json) {
        Object thinking = request.options().get("thinking");
        if (thinking == null) return false;
        JsonNode node = thinking instanceof JsonNode n ? n : json.valueToTree(thinking);
        return node.isObject() && !"disabled".equals(node.path("type").asString(""));
    }

    /** A tool name the API accepts ({@code [a-zA-Z0-9_-]{1,64}}) derived from the schema's name. */
    static String toolName(String schemaName) {
        StringBuilder sb = new StringBuilder(Math.min(64, schemaName.length()));
        for (int i = 0; i < schemaName.length() && sb.length() < 64; i++) {
            char c = schemaName.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.isEmpty() ? "response" : sb.toString();
    }

    /** The synthetic tool's definition. */
    public ObjectNode tool(ObjectMapper json) {
        ObjectNode tool = json.createObjectNode().put("name", toolName).put("description", DESCRIPTION);
        JsonNode schema = json.readTree(schemaJson);
        if (wrapped) {
            ObjectNode wrapper = json.createObjectNode().put("type", "object");
            wrapper.putObject("properties").set("value", schema);
            wrapper.putArray("required").add("value");
            tool.set("input_schema", wrapper);
        } else {
            tool.set("input_schema", schema);
        }
        return tool;
    }

    /** The system instruction added when the tool is not forced. */
    public String instruction() {
        return "When you have the final answer, give it by calling the `" + toolName
                + "` tool with the complete answer as its input, instead of answering in text.";
    }

    /** The answer text for the synthetic tool's input. */
    public String answer(JsonNode input, ObjectMapper json) {
        JsonNode value = wrapped ? input.path("value") : input;
        if (value.isMissingNode()) value = input;
        return json.writeValueAsString(value);
    }

    /** Answer text for input JSON received as text (streamed fragments), unwrapped when needed. */
    public String answer(String inputJson, ObjectMapper json) {
        if (inputJson.isBlank()) return "{}";
        if (!wrapped) return inputJson;
        return answer(json.readTree(inputJson), json);
    }
}

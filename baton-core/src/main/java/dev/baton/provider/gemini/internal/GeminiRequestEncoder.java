package dev.baton.provider.gemini.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a {@link ChatRequest} as a Gemini {@code generateContent} body: system messages become
 * {@code systemInstruction}, assistant turns have role {@code model}, tool results become
 * {@code functionResponse} parts of a user turn (by tool name, ordered as the calls were, errors
 * as {@code {"error": ...}}), consecutive turns of one role are merged. Request options named in
 * {@link #TOP_LEVEL_OPTIONS} go to the top of the body; every other option goes into
 * {@code generationConfig} (e.g. {@code thinkingConfig}, {@code topK}, {@code presencePenalty}).
 */
public final class GeminiRequestEncoder {

    /** Request options that are top-level fields of the body rather than generation settings. */
    public static final Set<String> TOP_LEVEL_OPTIONS = Set.of("safetySettings", "cachedContent", "labels");

    private final ObjectMapper json;
    private final GeminiSchemaConverter schemas;
    private final ThoughtSignatures signatures;
    private final boolean rawJsonSchema;

    /**
     * @param rawJsonSchema send the response schema unconverted as {@code responseJsonSchema}
     *                      (Gemini 2.5 and later) instead of the converted {@code responseSchema}
     */
    public GeminiRequestEncoder(ObjectMapper json, ThoughtSignatures signatures, boolean rawJsonSchema) {
        this.json = json;
        this.schemas = new GeminiSchemaConverter(json);
        this.signatures = signatures;
        this.rawJsonSchema = rawJsonSchema;
    }

    public byte[] encode(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        String system = systemText(request.messages());
        if (!system.isEmpty()) body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
        body.set("contents", contents(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolSpec t : request.tools()) declarations.add(declaration(t));
        }
        if (request.toolChoice() != null && !request.tools().isEmpty()) toolConfig(body, request.toolChoice());
        ObjectNode config = generationConfig(request);
        for (Map.Entry<String, Object> option : request.options().entrySet()) {
            JsonNode value = json.valueToTree(option.getValue());
            if (TOP_LEVEL_OPTIONS.contains(option.getKey())) body.set(option.getKey(), value);
            else config.set(option.getKey(), value);
        }
        if (!config.isEmpty()) body.set("generationConfig", config);
        return json.writeValueAsBytes(body);
    }

    private static String systemText(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            if (m.role() != Role.SYSTEM || m.text().isEmpty()) continue;
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append(m.text());
        }
        return sb.toString();
    }

    private ArrayNode contents(List<Message> messages) {
        ArrayNode contents = json.createArrayNode();
        Map<String, String> callNames = new HashMap<>();
        Map<String, Integer> callOrder = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case SYSTEM -> { }
                case USER -> append(contents, "user", List.of(json.createObjectNode().put("text", m.text())));
                case ASSISTANT -> {
                    callOrder.clear();
                    for (int c = 0; c < m.toolCalls().size(); c++) {
                        ToolCall call = m.toolCalls().get(c);
                        if (call.id() != null) {
                            callNames.put(call.id(), call.name());
                            callOrder.put(call.id(), c);
                        }
                    }
                    append(contents, "model", modelParts(m));
                }
                case TOOL -> {
                    int end = i;
                    while (end < messages.size() && messages.get(end).role() == Role.TOOL) end++;
                    append(contents, "user", functionResponses(messages.subList(i, end), callNames, callOrder));
                    i = end - 1;
                }
            }
        }
        return contents;
    }

    /** Adds parts as a turn of {@code role}, merged into the previous turn when it has the same role. */
    private void append(ArrayNode contents, String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) return;
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        ArrayNode target = last != null && role.equals(last.path("role").asString())
                ? (ArrayNode) last.get("parts")
                : contents.addObject().put("role", role).putArray("parts");
        parts.forEach(target::add);
    }

    private List<ObjectNode> modelParts(Message m) {
        List<ObjectNode> parts = new ArrayList<>();
        if (!m.text().isEmpty() || !m.hasToolCalls()) parts.add(json.createObjectNode().put("text", m.text()));
        boolean first = true;
        for (ToolCall call : m.toolCalls()) {
            ObjectNode part = json.createObjectNode();
            part.putObject("functionCall").put("name", call.name()).set("args", arguments(call));
            String signature = signatures.recall(call);
            // Gemini signs only the first call of a parallel set; later ones go back without a signature
            if (signature == null && first) signature = ThoughtSignatures.SKIP_VALIDATION;
            if (signature != null) part.put("thoughtSignature", signature);
            parts.add(part);
            first = false;
        }
        return parts;
    }

    private JsonNode arguments(ToolCall call) {
        try {
            JsonNode args = json.readTree(call.argumentsJson());
            if (args != null && args.isObject()) return args;
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new BatonException(ErrorCode.INVALID_REQUEST,
                "the arguments of tool call " + call.id() + " (" + call.name() + ") are not a JSON object");
    }

    private List<ObjectNode> functionResponses(List<Message> results, Map<String, String> callNames,
                                               Map<String, Integer> callOrder) {
        List<Message> ordered = new ArrayList<>(results);
        // Gemini pairs responses with calls by name and position: send them in the order of the calls
        ordered.sort(Comparator.comparingInt(r -> callOrder.getOrDefault(r.toolCallId(), Integer.MAX_VALUE)));
        List<ObjectNode> parts = new ArrayList<>(ordered.size());
        for (Message r : ordered) {
            String name = r.toolName() != null ? r.toolName() : callNames.get(r.toolCallId());
            if (name == null) {
                throw new BatonException(ErrorCode.INVALID_REQUEST, "the result of tool call " + r.toolCallId()
                        + " names no tool and answers no earlier call; Gemini matches results by tool name");
            }
            ObjectNode fn = json.createObjectNode();
            fn.putObject("functionResponse").put("name", name).set("response", responseObject(r));
            parts.add(fn);
        }
        return parts;
    }

    private ObjectNode responseObject(Message result) {
        ObjectNode response = json.createObjectNode();
        if (result.isError()) return response.put("error", result.text());
        response.set("output", jsonOrText(result.text()));
        return response;
    }

    private JsonNode jsonOrText(String text) {
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                return json.readTree(t);
            } catch (RuntimeException ignored) {
                // not JSON after all: send as text
            }
        }
        return json.getNodeFactory().stringNode(text);
    }

    private ObjectNode declaration(ToolSpec tool) {
        ObjectNode d = json.createObjectNode().put("name", tool.name());
        if (!tool.description().isEmpty()) d.put("description", tool.description());
        JsonNode schema = json.readTree(tool.parametersSchemaJson());
        // Gemini rejects an OBJECT schema without properties: a tool without parameters declares none
        if (!GeminiSchemaConverter.isEmptyObject(schema)) d.set("parameters", schemas.convert(schema));
        return d;
    }

    private void toolConfig(ObjectNode body, String choice) {
        ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
        switch (choice) {
            case "auto" -> config.put("mode", "AUTO");
            case "none" -> config.put("mode", "NONE");
            case "required", "any" -> config.put("mode", "ANY");
            default -> {
                config.put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(choice);
            }
        }
    }

    private ObjectNode generationConfig(ChatRequest request) {
        ObjectNode config = json.createObjectNode();
        if (request.temperature() != null) config.put("temperature", request.temperature());
        if (request.topP() != null) config.put("topP", request.topP());
        if (request.maxTokens() != null) config.put("maxOutputTokens", request.maxTokens());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            request.stop().forEach(stop::add);
        }
        // Gemini's seed is an int32: larger seeds are folded deterministically
        if (request.seed() != null) {
            long seed = request.seed();
            config.put("seed", seed == (int) seed ? (int) seed : Long.hashCode(seed));
        }
        ResponseFormat format = request.responseFormat();
        if (format.kind() != ResponseFormat.Kind.TEXT) config.put("responseMimeType", "application/json");
        if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
            JsonNode schema = json.readTree(format.schemaJson());
            if (rawJsonSchema) config.set("responseJsonSchema", schema);
            else config.set("responseSchema", schemas.convert(schema));
        }
        return config;
    }
}

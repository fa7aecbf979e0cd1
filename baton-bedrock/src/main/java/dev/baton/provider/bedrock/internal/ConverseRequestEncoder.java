package dev.baton.provider.bedrock.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Translates a {@link ChatRequest} into a Converse request: system messages become
 * {@code system} blocks, the conversation becomes alternating user/assistant messages of content
 * blocks (tool results travel in user messages, errors flagged with status {@code error}), tools
 * and the tool choice become {@code toolConfig}, sampling parameters {@code inferenceConfig},
 * and request options {@code additionalModelRequestFields}. A JSON output format is requested
 * through a forced tool whose input schema is the wanted schema (Converse has no JSON mode that
 * every model honours); {@link Encoded#responseTool()} names it so the decoder can unwrap it.
 */
public final class ConverseRequestEncoder {

    /** Tool name used when plain JSON (no schema) is asked for. */
    static final String JSON_TOOL = "json_response";
    private static final String RESPONSE_TOOL_DESCRIPTION =
            "Give your final answer by calling this tool; its input is the answer.";
    private static final String EMPTY_RESULT = "(no output)";
    private static final Pattern NOT_TOOL_NAME_CHAR = Pattern.compile("[^a-zA-Z0-9_-]");

    private final DocumentJson documents;

    public ConverseRequestEncoder(DocumentJson documents) {
        this.documents = documents;
    }

    /** A Converse request and the name of the forced response tool (null when output is text). */
    public record Encoded(ConverseRequest request, String responseTool) {

        /** The same request for ConverseStream. */
        public ConverseStreamRequest streamRequest() {
            return ConverseStreamRequest.builder()
                    .modelId(request.modelId())
                    .messages(request.messages())
                    .system(request.hasSystem() ? request.system() : null)
                    .inferenceConfig(request.inferenceConfig())
                    .toolConfig(request.toolConfig())
                    .additionalModelRequestFields(request.additionalModelRequestFields())
                    .build();
        }
    }

    public Encoded encode(ChatRequest request, String modelId) {
        String responseTool = responseToolName(request.responseFormat());
        ConverseRequest.Builder b = ConverseRequest.builder().modelId(modelId).messages(messages(request.messages()));
        List<SystemContentBlock> system = system(request.messages());
        if (!system.isEmpty()) b.system(system);
        InferenceConfiguration inference = inference(request);
        if (inference != null) b.inferenceConfig(inference);
        ToolConfiguration tools = toolConfig(request, responseTool);
        if (tools != null) b.toolConfig(tools);
        if (!request.options().isEmpty()) b.additionalModelRequestFields(documents.fromValue(request.options()));
        return new Encoded(b.build(), responseTool);
    }

    private static String responseToolName(ResponseFormat format) {
        return switch (format.kind()) {
            case TEXT -> null;
            case JSON -> JSON_TOOL;
            case JSON_SCHEMA -> toolName(format.name());
        };
    }

    /** Converse tool names must match {@code [a-zA-Z0-9_-]+} and be at most 64 characters. */
    static String toolName(String name) {
        String clean = NOT_TOOL_NAME_CHAR.matcher(name).replaceAll("_");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static List<SystemContentBlock> system(List<Message> messages) {
        List<SystemContentBlock> blocks = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM && !m.text().isBlank()) blocks.add(SystemContentBlock.fromText(m.text()));
        }
        return blocks;
    }

    /** Conversation messages; consecutive messages of one role are merged, as Converse requires alternation. */
    private List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages(List<Message> messages) {
        List<software.amazon.awssdk.services.bedrockruntime.model.Message> out = new ArrayList<>();
        ConversationRole role = null;
        List<ContentBlock> blocks = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) continue;
            ConversationRole r = m.role() == Role.ASSISTANT ? ConversationRole.ASSISTANT : ConversationRole.USER;
            if (r != role && !blocks.isEmpty()) {
                out.add(message(role, blocks));
                blocks = new ArrayList<>();
            }
            role = r;
            blocks.addAll(content(m));
        }
        if (!blocks.isEmpty()) out.add(message(role, blocks));
        return out;
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.Message message(ConversationRole role,
                                                                                       List<ContentBlock> blocks) {
        return software.amazon.awssdk.services.bedrockruntime.model.Message.builder().role(role).content(blocks).build();
    }

    private List<ContentBlock> content(Message m) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (m.role() == Role.TOOL) {
            blocks.add(ContentBlock.fromToolResult(ToolResultBlock.builder()
                    .toolUseId(m.toolCallId())
                    .content(ToolResultContentBlock.fromText(m.text().isBlank() ? EMPTY_RESULT : m.text()))
                    .status(m.isError() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS)
                    .build()));
            return blocks;
        }
        // Converse rejects blank text blocks, so an assistant turn of tool calls only carries no text block.
        if (!m.text().isBlank()) blocks.add(ContentBlock.fromText(m.text()));
        for (ToolCall call : m.toolCalls()) {
            blocks.add(ContentBlock.fromToolUse(ToolUseBlock.builder()
                    .toolUseId(call.id())
                    .name(call.name())
                    .input(documents.fromJsonText(call.argumentsJson()))
                    .build()));
        }
        return blocks;
    }

    private static InferenceConfiguration inference(ChatRequest request) {
        if (request.maxTokens() == null && request.temperature() == null && request.topP() == null
                && request.stop().isEmpty()) {
            return null;
        }
        InferenceConfiguration.Builder b = InferenceConfiguration.builder().maxTokens(request.maxTokens());
        if (request.temperature() != null) b.temperature(request.temperature().floatValue());
        if (request.topP() != null) b.topP(request.topP().floatValue());
        if (!request.stop().isEmpty()) b.stopSequences(request.stop());
        return b.build();
    }

    private ToolConfiguration toolConfig(ChatRequest request, String responseTool) {
        String choice = request.toolChoice();
        boolean none = "none".equals(choice);
        // Converse has no "none" choice; leaving the tools out is the faithful equivalent, unless
        // the history holds tool blocks, which Converse only accepts alongside a toolConfig.
        List<ToolSpec> specs = none && !hasToolBlocks(request) ? List.of() : request.tools();
        List<Tool> tools = new ArrayList<>();
        for (ToolSpec spec : specs) tools.add(tool(spec.name(), spec.description(), spec.parametersSchemaJson()));
        if (responseTool != null) {
            String schema = request.responseFormat().kind() == ResponseFormat.Kind.JSON_SCHEMA
                    ? request.responseFormat().schemaJson() : "{\"type\":\"object\"}";
            tools.add(tool(responseTool, RESPONSE_TOOL_DESCRIPTION, schema));
        }
        if (tools.isEmpty()) return null;
        ToolConfiguration.Builder b = ToolConfiguration.builder().tools(tools);
        ToolChoice toolChoice = responseTool != null ? responseChoice(choice, specs.isEmpty(), responseTool)
                : none ? null : toolChoice(choice);
        if (toolChoice != null) b.toolChoice(toolChoice);
        return b.build();
    }

    private static boolean hasToolBlocks(ChatRequest request) {
        for (Message m : request.messages()) {
            if (m.role() == Role.TOOL || m.hasToolCalls()) return true;
        }
        return false;
    }

    /**
     * With a response tool: forced outright when it is the only tool; with other tools the model
     * must call some tool ({@code any}), and answering means calling the response tool.
     */
    private static ToolChoice responseChoice(String choice, boolean onlyResponseTool, String responseTool) {
        if (onlyResponseTool) return ToolChoice.fromTool(t -> t.name(responseTool));
        ToolChoice explicit = toolChoice(choice);
        return explicit != null && explicit.tool() != null ? explicit : ToolChoice.fromAny(a -> { });
    }

    private static ToolChoice toolChoice(String choice) {
        if (choice == null) return null;
        return switch (choice) {
            case "auto" -> ToolChoice.fromAuto(a -> { });
            case "required", "any" -> ToolChoice.fromAny(a -> { });
            case "none" -> null;
            default -> ToolChoice.fromTool(t -> t.name(choice));
        };
    }

    private Tool tool(String name, String description, String schemaJson) {
        ToolSpecification.Builder spec = ToolSpecification.builder()
                .name(name)
                .inputSchema(ToolInputSchema.fromJson(schema(schemaJson)));
        if (description != null && !description.isBlank()) spec.description(description);
        return Tool.fromToolSpec(spec.build());
    }

    /** Converse requires an object schema; a schema without {@code type} is taken as one. */
    private Document schema(String schemaJson) {
        Document doc = documents.fromJsonText(schemaJson);
        if (!doc.isMap() || doc.asMap().containsKey("type")) return doc;
        Map<String, Document> map = new LinkedHashMap<>(doc.asMap());
        map.put("type", Document.fromString("object"));
        return Document.fromMap(map);
    }
}

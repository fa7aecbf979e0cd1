package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.Content;
import dev.baton.mcp.server.ResourceContent;
import dev.baton.mcp.server.ServerPrompt;
import dev.baton.mcp.server.ServerResource;
import dev.baton.mcp.server.ServerResourceTemplate;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baton's server features as the SDK's specifications: the one place that knows both sides. A
 * handler that throws answers with an error result carrying its message, so no input can break a
 * session.
 */
public final class SdkFeatures {

    private static final Logger log = LoggerFactory.getLogger(SdkFeatures.class);

    private final JsonMapper json;
    private final CallTracker calls;
    private final SessionHooks hooks;

    public SdkFeatures(JsonMapper json, CallTracker calls, SessionHooks hooks) {
        this.json = json;
        this.calls = calls;
        this.hooks = hooks;
    }

    @SuppressWarnings("unchecked")
    public McpServerFeatures.SyncToolSpecification tool(ServerTool tool) {
        McpSchema.Tool.Builder spec = McpSchema.Tool.builder(tool.name(), json.convertValue(tool.inputSchema(), Map.class))
                .description(tool.description());
        if (tool.outputSchema() != null) spec.outputSchema(json.convertValue(tool.outputSchema(), Map.class));
        ArgumentCheck check = new ArgumentCheck(tool.name(), tool.inputSchema());
        return McpServerFeatures.SyncToolSpecification.builder().tool(spec.build())
                .callHandler((exchange, request) -> call(tool, check, exchange, request)).build();
    }

    private McpSchema.CallToolResult call(ServerTool tool, ArgumentCheck check, McpSyncServerExchange exchange,
                                          McpSchema.CallToolRequest request) {
        ObjectNode arguments = request.arguments() == null ? json.createObjectNode() : json.valueToTree(request.arguments());
        List<String> problems = check.problems(arguments);
        if (!problems.isEmpty()) return result(ToolResult.error(check.message(problems)));
        Object progressToken = request.meta() == null ? null : request.meta().get("progressToken");
        try (CallTracker.Running running = calls.started(tool.name(), arguments)) {
            return result(tool.handler().call(arguments, new SdkToolCall(exchange, progressToken, tool.name(), json, hooks)));
        } catch (InterruptedException e) {
            return result(ToolResult.error(tool.name() + " was cancelled"));
        } catch (Exception | LinkageError e) {
            log.debug("MCP tool {} failed", tool.name(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return result(ToolResult.error(tool.name() + " failed: " + message));
        } finally {
            // a cancelled call has done its clean-up; its answer must still be written on this thread
            Thread.interrupted();
        }
    }

    /**
     * The SDK's result: the structured JSON goes as the tree it is (serialised once, with the answer;
     * {@link OutputCheck} validates the tree), and a structured result always has a text content
     * (its JSON when the tool gave none), so the SDK never renders it itself.
     */
    McpSchema.CallToolResult result(ToolResult result) {
        List<McpSchema.Content> content = result.content().stream().map(this::content).toList();
        if (content.isEmpty() && result.structured() != null) {
            content = List.of(McpSchema.TextContent.builder(result.structured().toString()).build());
        }
        McpSchema.CallToolResult.Builder out = McpSchema.CallToolResult.builder().content(content).isError(result.isError());
        if (result.structured() != null) out.structuredContent(result.structured());
        return out.build();
    }

    McpSchema.Content content(Content content) {
        return switch (content) {
            case Content.Text t -> McpSchema.TextContent.builder(t.text()).build();
            case Content.Image i -> McpSchema.ImageContent.builder(i.base64(), i.mimeType()).build();
            case Content.Audio a -> McpSchema.AudioContent.builder(a.base64(), a.mimeType()).build();
            case Content.Resource r -> McpSchema.EmbeddedResource.builder(resourceContents(r.resource())).build();
        };
    }

    static McpSchema.ResourceContents resourceContents(ResourceContent c) {
        return c.text() != null
                ? McpSchema.TextResourceContents.builder(c.uri(), c.text()).mimeType(c.mimeType()).build()
                : McpSchema.BlobResourceContents.builder(c.uri(), c.blobBase64()).mimeType(c.mimeType()).build();
    }

    public McpServerFeatures.SyncResourceSpecification resource(ServerResource resource) {
        McpSchema.Resource spec = McpSchema.Resource.builder().uri(resource.uri()).name(resource.name())
                .description(resource.description()).mimeType(resource.mimeType()).build();
        return new McpServerFeatures.SyncResourceSpecification(spec, (exchange, request) ->
                new McpSchema.ReadResourceResult(resource.reader().read(new SdkRequestContext(exchange)).stream().map(SdkFeatures::resourceContents).toList()));
    }

    public McpServerFeatures.SyncResourceTemplateSpecification template(ServerResourceTemplate template) {
        UriTemplate matcher = new UriTemplate(template.uriTemplate());
        McpSchema.ResourceTemplate spec = McpSchema.ResourceTemplate.builder()
                .uriTemplate(template.uriTemplate()).name(template.name())
                .description(template.description()).mimeType(template.mimeType()).build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(spec, (exchange, request) ->
                new McpSchema.ReadResourceResult(template.reader().read(new SdkRequestContext(exchange), request.uri(),
                        matcher.variables(request.uri()))
                        .stream().map(SdkFeatures::resourceContents).toList()));
    }

    public McpServerFeatures.SyncPromptSpecification prompt(ServerPrompt prompt) {
        List<McpSchema.PromptArgument> arguments = prompt.arguments().stream()
                .map(a -> new McpSchema.PromptArgument(a.name(), a.description(), a.required())).toList();
        McpSchema.Prompt spec = new McpSchema.Prompt(prompt.name(), prompt.description(), arguments);
        return new McpServerFeatures.SyncPromptSpecification(spec, (exchange, request) -> {
            Map<String, String> args = new LinkedHashMap<>();
            if (request.arguments() != null) request.arguments().forEach((k, v) -> args.put(k, String.valueOf(v)));
            List<McpSchema.PromptMessage> messages = prompt.renderer().render(args).stream()
                    .map(m -> new McpSchema.PromptMessage(McpSchema.Role.valueOf(m.role().name()), content(m.content())))
                    .toList();
            return new McpSchema.GetPromptResult(prompt.description(), messages);
        });
    }

    public McpServerFeatures.SyncCompletionSpecification completion(ServerPrompt prompt) {
        return new McpServerFeatures.SyncCompletionSpecification(new McpSchema.PromptReference(prompt.name()),
                (exchange, request) -> {
                    List<String> values = prompt.completer().complete(request.argument().name(),
                            request.argument().value() == null ? "" : request.argument().value());
                    List<String> first = values.subList(0, Math.min(100, values.size()));
                    return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                            first, values.size(), values.size() > first.size()));
                });
    }
}

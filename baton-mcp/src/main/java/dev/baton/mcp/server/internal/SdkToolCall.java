package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.ToolCall;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** A {@link ToolCall} over the SDK's exchange with the client of one request. */
final class SdkToolCall implements ToolCall {

    private final McpSyncServerExchange exchange;
    private final @Nullable Object progressToken;
    private final String logger;
    private final JsonMapper json;
    private final SessionHooks hooks;

    SdkToolCall(McpSyncServerExchange exchange, @Nullable Object progressToken, String logger, JsonMapper json, SessionHooks hooks) {
        this.exchange = exchange;
        this.hooks = hooks;
        this.progressToken = progressToken;
        this.logger = logger;
        this.json = json;
    }

    @Override
    public String sessionId() {
        String id = exchange.sessionId();
        return id == null ? "" : id;
    }

    @Override
    public void progress(double progress, @Nullable Double total, @Nullable String message) {
        if (progressToken == null) return;
        exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, progress, total, message));
    }

    @Override
    public void promptsChanged() {
        hooks.promptsChanged(sessionId());
    }

    @Override
    public void log(LogLevel level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                McpSchema.LoggingLevel.valueOf(level.name()), logger, message));
    }

    @Override
    public boolean clientSamples() {
        McpSchema.ClientCapabilities c = exchange.getClientCapabilities();
        return c != null && c.sampling() != null;
    }

    @Override
    public boolean clientElicits() {
        McpSchema.ClientCapabilities c = exchange.getClientCapabilities();
        return c != null && c.elicitation() != null;
    }

    @Override
    public String sample(String prompt, int maxTokens) {
        if (!clientSamples()) throw new IllegalStateException("the client does not support sampling (no 'sampling' capability)");
        McpSchema.CreateMessageResult result = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER, new McpSchema.TextContent(prompt))))
                .maxTokens(maxTokens)
                .build());
        return result.content() instanceof McpSchema.TextContent t ? t.text() : String.valueOf(result.content());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Elicitation elicit(String message, JsonNode requestedSchema) {
        if (!clientElicits()) throw new IllegalStateException("the client does not support elicitation (no 'elicitation' capability)");
        McpSchema.ElicitResult result = exchange.createElicitation(McpSchema.ElicitRequest.builder()
                .message(message)
                .requestedSchema(json.convertValue(requestedSchema, Map.class))
                .build());
        Map<String, Object> content = result.content() == null ? Map.of() : result.content();
        return new Elicitation(result.action().name().toLowerCase(java.util.Locale.ROOT), content);
    }
}

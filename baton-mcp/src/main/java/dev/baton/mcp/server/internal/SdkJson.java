package dev.baton.mcp.server.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The SDK's JSON mapper with the one message Baton's server sends most written directly: a log
 * notification ({@code notifications/message}, one per agent start and end of an {@code invoke})
 * is written field by field on a streaming generator, the same JSON the SDK's mapper writes
 * through its record serialisers, for a fraction of the CPU. Everything else goes to the SDK's
 * mapper. Thread-safe.
 */
public final class SdkJson implements McpJsonMapper {

    private final McpJsonMapper delegate;
    private final JsonMapper json = JsonMapper.builder().build();

    public SdkJson(McpJsonMapper delegate) {
        this.delegate = delegate;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        String direct = direct(value);
        return direct != null ? direct : delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        String direct = direct(value);
        return direct != null ? direct.getBytes(StandardCharsets.UTF_8) : delegate.writeValueAsBytes(value);
    }

    /** {@code value} as JSON when it is a log notification this class writes itself, else null. */
    private String direct(Object value) {
        if (!(value instanceof McpSchema.JSONRPCNotification n)
                || !(n.params() instanceof McpSchema.LoggingMessageNotification log)
                || log.meta() != null || log.level() == null || n.jsonrpc() == null || n.method() == null) {
            return null;
        }
        StringWriter out = new StringWriter(64 + (log.data() == null ? 0 : log.data().length()));
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", n.jsonrpc());
            g.writeStringProperty("method", n.method());
            g.writeName("params");
            g.writeStartObject();
            g.writeStringProperty("level", log.level().name().toLowerCase(Locale.ROOT));
            if (log.logger() != null) g.writeStringProperty("logger", log.logger());
            if (log.data() != null) g.writeStringProperty("data", log.data());
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toString();
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return delegate.convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        return delegate.convertValue(fromValue, type);
    }
}

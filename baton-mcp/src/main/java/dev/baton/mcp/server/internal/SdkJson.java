package dev.baton.mcp.server.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The SDK's JSON mapper with the one message Baton's server sends most written directly: a log
 * notification ({@code notifications/message}, one per agent start and end of an {@code invoke})
 * is written directly into one string, the same JSON the SDK's mapper writes through its record
 * serialisers (a mapper's generator alone costs more than the message), for a fraction of the CPU. Everything else goes to the SDK's
 * mapper. Thread-safe.
 */
public final class SdkJson implements McpJsonMapper {

    private final McpJsonMapper delegate;

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
        StringBuilder out = new StringBuilder(96 + (log.data() == null ? 0 : log.data().length()));
        out.append("{\"jsonrpc\":");
        if (!string(out, n.jsonrpc())) return null;
        out.append(",\"method\":");
        if (!string(out, n.method())) return null;
        out.append(",\"params\":{\"level\":\"").append(log.level().name().toLowerCase(Locale.ROOT)).append('"');
        if (log.logger() != null && !string(out.append(",\"logger\":"), log.logger())) return null;
        if (log.data() != null && !string(out.append(",\"data\":"), log.data())) return null;
        return out.append("}}").toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Appends {@code s} as a JSON string, escaped as Jackson escapes by default (quote, backslash,
     * control characters); false, with {@code out} incomplete, for a string with a surrogate
     * (left to the SDK's mapper, whose handling of a lone one this does not copy).
     */
    static boolean string(StringBuilder out, String s) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                if (Character.isSurrogate(c)) return false;
                continue;
            }
            out.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, from, s.length()).append('"');
        return true;
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

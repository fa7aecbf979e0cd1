package dev.baton.mcp.server.internal;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SdkJsonTest {

    private final McpJsonMapper sdk = McpJsonDefaults.getMapper();
    private final AtomicInteger delegated = new AtomicInteger();
    /** The SDK's mapper, counting the messages handed to it. */
    private final McpJsonMapper counted = (McpJsonMapper) Proxy.newProxyInstance(McpJsonMapper.class.getClassLoader(),
            new Class<?>[]{McpJsonMapper.class}, (proxy, method, args) -> {
                if (method.getName().startsWith("write")) delegated.incrementAndGet();
                try {
                    return method.invoke(sdk, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final SdkJson direct = new SdkJson(counted);

    private static McpSchema.JSONRPCNotification log(McpSchema.LoggingLevel level, String logger, String data) {
        return new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_NOTIFICATION_MESSAGE,
                new McpSchema.LoggingMessageNotification(level, logger, data));
    }

    @Test
    void a_log_notification_is_written_exactly_as_the_sdk_writes_it() throws Exception {
        List<McpSchema.JSONRPCNotification> messages = new java.util.ArrayList<>();
        for (McpSchema.LoggingLevel level : McpSchema.LoggingLevel.values()) messages.add(log(level, "invoke", "agent a started"));
        messages.add(log(McpSchema.LoggingLevel.WARNING, "invoke", "agent b failed: \"quoted\" \\ back\nslash\ttab \u0001 é 日本 \u2028"));
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) every.append(c);
        every.append("\u2028\u2029\uFFFF end");
        messages.add(log(McpSchema.LoggingLevel.ERROR, every.toString(), every.toString()));
        messages.add(log(McpSchema.LoggingLevel.INFO, null, "no logger"));
        messages.add(log(McpSchema.LoggingLevel.INFO, "", ""));
        for (McpSchema.JSONRPCNotification m : messages) {
            assertThat(direct.writeValueAsString(m)).isEqualTo(sdk.writeValueAsString(m));
            assertThat(new String(direct.writeValueAsBytes(m), StandardCharsets.UTF_8)).isEqualTo(sdk.writeValueAsString(m));
        }
        assertThat(delegated).as("written directly, not by the SDK's mapper").hasValue(0);
    }

    @Test
    void a_log_message_with_a_surrogate_goes_to_the_sdk_mapper() throws Exception {
        for (String data : List.of("emoji \uD83D\uDE00", "lone \uD800 end")) {
            McpSchema.JSONRPCNotification m = log(McpSchema.LoggingLevel.INFO, "invoke", data);
            assertThat(direct.writeValueAsString(m)).isEqualTo(sdk.writeValueAsString(m));
        }
        assertThat(delegated).hasValue(2);
    }

    @Test
    void every_other_message_goes_to_the_sdk_mapper() throws Exception {
        Object withMeta = new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_NOTIFICATION_MESSAGE,
                new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.INFO, "x", "y", Map.of("k", "v")));
        Object progress = new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_NOTIFICATION_PROGRESS,
                new McpSchema.ProgressNotification("t", 1.0, 5.0, "agent a completed"));
        Object response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 3, Map.of("ok", true), null);
        for (Object m : List.of(withMeta, progress, response)) {
            assertThat(direct.writeValueAsString(m)).isEqualTo(sdk.writeValueAsString(m));
        }
        assertThat(direct.writeValueAsString(withMeta)).contains("\"_meta\"");
        McpSchema.JSONRPCMessage read = direct.readValue(sdk.writeValueAsString(progress), McpSchema.JSONRPCNotification.class);
        assertThat(read).isInstanceOf(McpSchema.JSONRPCNotification.class);
    }
}

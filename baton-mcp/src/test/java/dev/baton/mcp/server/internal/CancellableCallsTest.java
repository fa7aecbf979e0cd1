package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.internal.CancellableCalls.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CancellableCallsTest {

    private static List<Message> read(String body) {
        return CancellableCalls.messages(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_call_and_a_cancellation_are_read_whatever_the_order_of_their_fields() {
        assertThat(read("""
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"invoke","arguments":{"id":1,"x":[1,{"requestId":2}]}}}"""))
                .containsExactly(new Message("tools/call", "7", null));
        assertThat(read("""
                {"params":{"reason":"user","requestId":"abc"},"method":"notifications/cancelled","jsonrpc":"2.0"}"""))
                .containsExactly(new Message("notifications/cancelled", null, "\"abc\""));
    }

    @Test
    void a_string_id_and_a_number_id_are_different_keys_and_a_batch_is_read_message_by_message() {
        assertThat(read("""
                [{"jsonrpc":"2.0","id":"1","method":"tools/call"},{"jsonrpc":"2.0","id":1,"method":"tools/call"},3,
                 {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}]"""))
                .containsExactly(new Message("tools/call", "\"1\"", null), new Message("tools/call", "1", null),
                        new Message("notifications/cancelled", null, "1"));
    }

    @Test
    void a_body_that_is_not_one_json_value_has_no_messages() {
        assertThat(read("")).isEmpty();
        assertThat(read("{\"method\":\"tools/call\",\"id\":1")).isEmpty();
        assertThat(read("{\"method\":\"tools/call\",\"id\":1} {\"method\":\"tools/call\",\"id\":2}")).isEmpty();
        assertThat(read("not json")).isEmpty();
        assertThat(read("42")).isEmpty();
    }
}

package dev.baton.mcp.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseScannerTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_priming_event_gives_the_id_and_retry_but_no_answer() {
        SseScanner s = new SseScanner();

        s.scan(bytes("id: event-1\nretry: 500\ndata: \n\n"));

        assertThat(s.lastEventId()).isEqualTo("event-1");
        assertThat(s.retryMillis()).isEqualTo(500);
        assertThat(s.answered()).isFalse();
    }

    @Test
    void a_response_split_across_buffers_and_crlf_lines_counts_as_the_answer() {
        SseScanner s = new SseScanner();

        s.scan(bytes("event: message\r\nid: e2\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,"));
        assertThat(s.answered()).isFalse();
        s.scan(bytes("\"result\":{}}\r\n\r\n"));

        assertThat(s.answered()).isTrue();
        assertThat(s.lastEventId()).isEqualTo("e2");
    }

    @Test
    void requests_and_notifications_from_the_server_are_not_the_answer() {
        SseScanner s = new SseScanner();

        s.scan(bytes("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"elicitation/create\",\"params\":{}}\n\n"));

        assertThat(s.answered()).isFalse();
        assertThat(s.lastEventId()).isNull();
        assertThat(s.retryMillis()).isEqualTo(-1);
    }

    @Test
    void scanning_leaves_the_buffer_for_the_sdk_untouched() {
        ByteBuffer b = bytes("id: 1\n\n");

        new SseScanner().scan(b);

        assertThat(b.remaining()).isEqualTo(7);
    }
}

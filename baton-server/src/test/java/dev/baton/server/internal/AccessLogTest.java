package dev.baton.server.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log line's fields, durations in particular (written without a formatter). */
class AccessLogTest {

    @Test
    void durations_are_milliseconds_with_three_decimals_rounded_to_the_microsecond() {
        assertThat(AccessLog.line("GET", "/healthz", 200, 1_234_567, null)).contains("\"duration_ms\":1.235,");
        assertThat(AccessLog.line("GET", "/healthz", 200, 5_000, null)).contains("\"duration_ms\":0.005,");
        assertThat(AccessLog.line("GET", "/healthz", 200, 42_070_000_000L, null)).contains("\"duration_ms\":42070.000,");
        assertThat(AccessLog.line("GET", "/healthz", 200, 0, null)).contains("\"duration_ms\":0.000,");
    }

    @Test
    void route_and_key_id_are_json_escaped() {
        assertThat(AccessLog.line("POST", "/a\"b", 401, 1, "k\\1"))
                .contains("\"route\":\"/a\\\"b\"").contains("\"key_id\":\"k\\\\1\"").contains("\"status\":401");
    }
}

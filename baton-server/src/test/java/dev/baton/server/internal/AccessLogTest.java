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

    @Test
    void the_time_is_written_exactly_as_instant_to_string_writes_it() {
        for (java.time.Instant t : java.util.List.of(java.time.Instant.parse("2026-12-03T16:38:12Z"),
                java.time.Instant.parse("2026-12-03T16:38:12.120Z"), java.time.Instant.parse("2026-12-03T16:38:12.000450Z"),
                java.time.Instant.parse("2026-12-03T16:38:12.000000007Z"), java.time.Instant.parse("2026-12-03T16:38:13.5Z"),
                java.time.Instant.parse("1999-01-01T00:00:00.123456Z"), java.time.Instant.now())) {
            StringBuilder b = new StringBuilder();
            AccessLog.appendInstant(b, t);
            assertThat(b.toString()).isEqualTo(t.toString());
        }
    }
}

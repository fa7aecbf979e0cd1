package dev.baton.server.metrics.internal;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMetricsTest {

    @Test
    void given_requests_of_one_series_then_one_timer_counts_them_all_and_invented_methods_share_one_label() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RequestMetrics metrics = new RequestMetrics(registry);

        for (int i = 0; i < 3; i++) metrics.finished("POST", "/v1/chat/completions", 200, 1_000_000, "k_1");
        metrics.finished("FOO", "/v1/chat/completions", 405, 1_000, null);
        metrics.finished("BAR", "/v1/chat/completions", 405, 1_000, null);

        Timer ok = registry.find("baton.http.server.requests").tags("method", "POST", "status", "200").timer();
        assertThat(ok).isNotNull();
        assertThat(ok.count()).isEqualTo(3);
        Timer other = registry.find("baton.http.server.requests").tags("method", "OTHER", "status", "405").timer();
        assertThat(other).isNotNull();
        assertThat(other.count()).isEqualTo(2);
        assertThat(registry.find("baton.http.server.requests").timers()).hasSize(2);
    }
}

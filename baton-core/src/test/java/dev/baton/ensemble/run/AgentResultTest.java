package dev.baton.ensemble.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentResultTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void builder_defaults_optional_parts_to_none() {
        AgentResult r = AgentResult.builder("a", AgentStatus.COMPLETED).output("hi").build();

        assertThat(r.usage()).isEqualTo(Usage.ZERO);
        assertThat(r.fallbacks()).isEmpty();
        assertThat(r.instances()).isEmpty();
        assertThat(r.error()).isNull();
        assertThat(r.duration()).isEqualTo(Duration.ZERO);
        assertThat(r.completed()).isTrue();
    }

    @Test
    void to_builder_copies_every_part() {
        AgentResult r = AgentResult.builder("a", AgentStatus.COMPLETED).output("x").usage(Usage.of(3, 4))
                .startedAt(T0).finishedAt(T0.plusSeconds(2)).attempts(2).model("openai/m").profile("fast").build();

        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void factories_set_status_and_reason() {
        AgentError err = new AgentError(ErrorCode.TIMEOUT, "too slow");

        assertThat(AgentResult.skipped("a", "because", T0)).extracting(AgentResult::status, AgentResult::skipReason,
                AgentResult::startedAt).containsExactly(AgentStatus.SKIPPED, "because", null);
        assertThat(AgentResult.failed("a", err, T0, T0.plusSeconds(1))).extracting(AgentResult::status,
                AgentResult::error).containsExactly(AgentStatus.FAILED, err);
        assertThat(AgentResult.cancelled("a", T0, T0).status()).isEqualTo(AgentStatus.CANCELLED);
    }
}

package dev.baton.llm;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Copies of a {@link ChatRequest}: what changes, and that everything else is kept. */
class ChatRequestTest {

    @Test
    void given_a_full_request_when_its_deadline_is_set_then_only_the_deadline_differs() {
        ChatRequest request = ChatRequest.builder().messages(List.of(Message.system("s"), Message.user("q")))
                .temperature(0.3).topP(0.9).maxTokens(12).stop(List.of("END")).seed(7L)
                .tools(List.of(new ToolSpec("f", "d", "{\"type\":\"object\"}"))).toolChoice("f")
                .responseFormat(ResponseFormat.JSON).metadata("api_key", "k1").options(Map.of("user", "u"))
                .build();
        Instant deadline = Instant.parse("2026-12-03T18:00:00Z");

        ChatRequest copy = request.withDeadline(deadline);

        assertThat(copy.deadline()).isEqualTo(deadline);
        assertThat(copy).isEqualTo(request.toBuilder().deadline(deadline).build());
        assertThat(request.deadline()).isNull();
    }
}

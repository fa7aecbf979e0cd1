package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** llm-orc's serving outcome mapped onto an answer, and the turn a serving ensemble receives. */
class ServingOutcomeTest {

    @Test
    void a_finished_outcome_is_prose_and_anything_else_that_is_not_an_outcome_too() {
        assertThat(ServingOutcome.of("{\"finish\": true, \"content\": \"Done.\"}", "serving", "r1"))
                .isEqualTo(new ServingOutcome("Done.", List.of()));
        assertThat(ServingOutcome.of("plain words", "serving", "r1").text()).isEqualTo("plain words");
        assertThat(ServingOutcome.of("{\"answer\": 42}", "serving", "r1").text()).isEqualTo("{\"answer\": 42}");
    }

    @Test
    void a_file_deliverable_is_a_write_call_and_the_other_seams_their_own_calls() {
        ServingOutcome write = ServingOutcome.of("{\"finish\": false, \"file\": \"a.py\", \"content\": \"x = 1\\n\"}", "s", "r");
        assertThat(write.text()).isEmpty();
        assertThat(write.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("write");
            assertThat(c.argumentsJson()).isEqualTo("{\"filePath\":\"a.py\",\"content\":\"x = 1\\n\"}");
            assertThat(c.id()).startsWith("call_");
        });
        assertThat(ServingOutcome.of("{\"finish\": false, \"reads\": [\"a.py\", \"b.py\"]}", "s", "r").toolCalls())
                .extracting(ToolCall::name, ToolCall::argumentsJson)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("read", "{\"filePath\":\"a.py\"}"),
                        org.assertj.core.groups.Tuple.tuple("read", "{\"filePath\":\"b.py\"}"));
        assertThat(ServingOutcome.of("{\"finish\": false, \"glob\": \"calc\"}", "s", "r").toolCalls().get(0).name()).isEqualTo("glob");
        assertThat(ServingOutcome.of("{\"finish\": false, \"run\": \"pytest -q\"}", "s", "r").toolCalls().get(0).argumentsJson())
                .isEqualTo("{\"command\":\"pytest -q\"}");
    }

    @Test
    void an_unfinished_outcome_without_an_action_is_the_serving_ensembles_failure() {
        assertThatThrownBy(() -> ServingOutcome.of("{\"finish\": false}", "serving", "run-7"))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AGENT_FAILURE);
                    assertThat(e.getMessage()).contains("serving ensemble 'serving' run run-7", "finish: false without a tool action");
                });
    }

    @Test
    void the_turn_carries_the_task_the_earlier_turns_as_context_and_every_message() {
        ChatRequest request = ChatRequest.builder().messages(List.of(
                Message.system("be brief"),
                Message.user("Write primes.py"),
                Message.assistant("", List.of(new ToolCall("c1", "write", "{\"filePath\":\"primes.py\",\"content\":\"x\"}"))),
                Message.toolResult("c1", "write", "ok", false),
                Message.user("Explain it"))).build();

        var turn = AgenticTurns.turn(request, request.lastUserText());

        assertThat(turn.get("task").asString()).isEqualTo("Explain it");
        assertThat(turn.get("context").asString()).isEqualTo("user: Write primes.py\nassistant: [wrote primes.py]\ntool: ok");
        assertThat(turn.get("messages")).hasSize(5);
        assertThat(turn.at("/messages/2/tool_calls/0/arguments/filePath").asString()).isEqualTo("primes.py");
        assertThat(turn.at("/messages/3/tool_call_id").asString()).isEqualTo("c1");
    }
}

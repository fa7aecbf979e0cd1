package dev.baton.context;

import dev.baton.context.internal.EstimatedTokenCounter;
import dev.baton.context.internal.JtokkitTokenCounter;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.pipeline.internal.OpenAiTokenCounts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextShaperTest {

    private static final TokenCounter ESTIMATE = EstimatedTokenCounter.INSTANCE;
    private static final TokenCounter GPT4O = new JtokkitTokenCounter(
            OpenAiTokenCounts.forDeployment("openai", null, "gpt-4o").orElseThrow());

    /** 40 turns of about 100 tokens each: far more than a 1,000-token window holds. */
    private static List<Message> longHistory() {
        List<Message> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            history.add(Message.user("question " + i + " " + "word ".repeat(45)));
            history.add(Message.assistant("answer " + i + " " + "word ".repeat(45)));
        }
        return history;
    }

    @Test
    void given_a_long_history_when_shaping_for_a_small_window_then_the_newest_turns_fit_and_the_task_is_whole() {
        ContextShaper shaper = new ContextShaper(GPT4O, GPT4O, 1_000, 200, HistoryPolicy.DROP, null);
        String task = "the task " + "must stay whole ".repeat(20);

        ShapedContext shaped = shaper.shape("You are terse.", List.of(), longHistory(), task);

        assertThat(shaped.input().tokens()).isLessThanOrEqualTo(800);
        assertThat(shaped.messages().getLast()).isEqualTo(Message.user(task));
        assertThat(shaped.historyDropped()).isPositive();
        assertThat(shaped.historyKept()).isPositive().isEven();
        // the newest turns are the ones kept, oldest first
        assertThat(shaped.messages().get(shaped.messages().size() - 2).text()).startsWith("answer 39 ");
        assertThat(shaped.messages().getFirst().role()).isEqualTo(Role.USER);
        assertThat(shaped.messages()).doesNotContain(Message.user("question 0 " + "word ".repeat(45)));
    }

    @Test
    void the_output_reserve_is_kept_free() {
        List<Message> history = longHistory();
        ShapedContext roomy = new ContextShaper(GPT4O, GPT4O, 2_000, 0, HistoryPolicy.DROP, null).shape(null, List.of(), history, "go");
        ShapedContext reserved = new ContextShaper(GPT4O, GPT4O, 2_000, 1_200, HistoryPolicy.DROP, null).shape(null, List.of(), history, "go");

        assertThat(reserved.budget()).isEqualTo(800);
        assertThat(reserved.input().tokens()).isLessThanOrEqualTo(800);
        assertThat(roomy.input().tokens()).isGreaterThan(800);
        assertThat(reserved.historyKept()).isLessThan(roomy.historyKept());
    }

    @Test
    void counts_say_whether_they_are_exact() {
        ShapedContext exact = new ContextShaper(GPT4O, GPT4O, 4_000, 100, HistoryPolicy.DROP, null).shape(null, List.of(), List.of(), "hello");
        ShapedContext estimated = new ContextShaper(ESTIMATE, ESTIMATE, 4_000, 100, HistoryPolicy.DROP, null).shape(null, List.of(), List.of(), "hello");

        assertThat(exact.input().exact()).isTrue();
        assertThat(exact.input().method()).isEqualTo("o200k_base");
        assertThat(exact.input().label()).contains("exact, o200k_base");
        assertThat(estimated.input().exact()).isFalse();
        assertThat(estimated.input().label()).contains("estimated");
    }

    @Test
    void given_a_task_longer_than_the_window_when_shaping_then_it_fails_with_context_overflow_and_is_not_cut() {
        ContextShaper shaper = new ContextShaper(ESTIMATE, ESTIMATE, 500, 100, HistoryPolicy.DROP, null);
        String task = "x".repeat(4_000);

        assertThatThrownBy(() -> shaper.shape(null, List.of(), longHistory(), task))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.reason()).isEqualTo(ErrorReason.CONTEXT_OVERFLOW);
                    assertThat(e.getMessage()).startsWith("CONTEXT_WINDOW_EXCEEDED").contains("estimated").contains("nothing was sent");
                });
    }

    @Test
    void a_persona_too_large_for_the_window_with_the_task_fails_too() {
        ContextShaper shaper = new ContextShaper(ESTIMATE, ESTIMATE, 300, 50, HistoryPolicy.DROP, null);

        assertThatThrownBy(() -> shaper.shape("p".repeat(2_000), List.of(), List.of(), "short task"))
                .isInstanceOf(BatonException.class).hasMessageContaining("CONTEXT_WINDOW_EXCEEDED");
    }

    @Test
    void a_tool_result_is_never_kept_without_its_call() {
        List<Message> history = new ArrayList<>();
        history.add(Message.user("old " + "word ".repeat(200)));
        history.add(Message.assistant("", List.of(new ToolCall("c1", "read_file", "{\"path\":\"a\"}"))));
        history.add(Message.toolResult("c1", "read_file", "content ".repeat(200), false));
        history.add(Message.assistant("done"));
        history.add(Message.user("newer question"));
        history.add(Message.assistant("newer answer"));
        ContextShaper shaper = new ContextShaper(ESTIMATE, ESTIMATE, 400, 100, HistoryPolicy.DROP, null);

        ShapedContext shaped = shaper.shape(null, List.of(), history, "task");

        assertThat(shaped.messages()).extracting(Message::role).doesNotContain(Role.TOOL);
        assertThat(shaped.messages()).extracting(Message::text).contains("newer question", "newer answer");
    }

    @Test
    void with_summarise_the_dropped_turns_become_one_summary() {
        AtomicInteger summarised = new AtomicInteger();
        ContextShaper shaper = new ContextShaper(ESTIMATE, ESTIMATE, 1_500, 200, HistoryPolicy.SUMMARISE, dropped -> {
            summarised.addAndGet(dropped.size());
            return "they talked about words";
        });

        ShapedContext shaped = shaper.shape(null, List.of(), longHistory(), "go on");

        assertThat(shaped.summarised()).isTrue();
        assertThat(shaped.messages().getFirst().text()).startsWith(ContextShaper.SUMMARY_HEADING).contains("they talked about words");
        assertThat(summarised.get()).isEqualTo(shaped.historyDropped());
        assertThat(shaped.input().tokens()).isLessThanOrEqualTo(1_300);
    }

    @Test
    void excerpts_are_kept_by_relevance_and_placed_before_the_task() {
        List<Excerpt> excerpts = List.of(
                new Excerpt("low.md:1-3", "low " + "filler ".repeat(150), 0.1),
                new Excerpt("high.md:5-9", "the budget is reserved before the call", 0.9),
                new Excerpt("mid.md:2-4", "mid " + "filler ".repeat(150), 0.5));
        ContextShaper shaper = new ContextShaper(ESTIMATE, ESTIMATE, 700, 100, HistoryPolicy.DROP, null);

        ShapedContext shaped = shaper.shape(null, excerpts, List.of(), "how are budgets kept?");

        String last = shaped.messages().getLast().text();
        assertThat(last).contains("high.md:5-9").endsWith("how are budgets kept?");
        assertThat(shaped.excerptsKept()).isBetween(1, 2);
        assertThat(shaped.excerptsDropped()).isEqualTo(3 - shaped.excerptsKept());
        assertThat(last).doesNotContain("low.md");
    }

    @Test
    void when_the_final_count_is_over_budget_older_turns_go_until_it_fits() {
        // the final counter sees twice what the piece counter sees: the shaper must keep dropping
        TokenCounter doubling = m -> new TokenCount(ESTIMATE.count(m).tokens() * 2, true, "doubled");
        ContextShaper shaper = new ContextShaper(ESTIMATE, doubling, 2_000, 0, HistoryPolicy.DROP, null);

        ShapedContext shaped = shaper.shape(null, List.of(), longHistory(), "go");

        assertThat(shaped.input().tokens()).isLessThanOrEqualTo(2_000);
        assertThat(shaped.input().exact()).isTrue();
        assertThat(shaped.historyKept()).isPositive();
    }
}

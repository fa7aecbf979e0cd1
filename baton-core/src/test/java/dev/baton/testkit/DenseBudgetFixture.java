package dev.baton.testkit;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.llm.Role;
import dev.baton.llm.Usage;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.testkit.FakeChatModel.Step;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A priced profile that is hard to budget for: a 2,000-word profile system prompt added below the
 * budget layer (as a configured profile's defaults are), prompts that take a token per one or two
 * characters (single letters, CJK, emoji), and a model that bills every UTF-8 byte it was sent as
 * an input token (the densest a byte-level tokenizer can be) plus 200–800 output tokens of at
 * most 800. At $2/M input and $10/M output a call costs about $0.03–0.04.
 */
public final class DenseBudgetFixture {

    public static final Prices PRICES = Prices.of(2, 2, 10);
    public static final int MAX_TOKENS = 800;
    /** 2,000 words of about six letters. */
    public static final String SYSTEM_PROMPT = words(2_000);
    /** Prompts of dense text: 2,000 single letters, 1,500 CJK characters, 600 emoji. */
    public static final List<String> PROMPTS = List.of(letters(2_000), repeat("\u6f22\u5b57\u6587", 500),
            repeat("\uD83D\uDE00\uD83D\uDE80\uD83C\uDF89", 200));

    private DenseBudgetFixture() {
    }

    /** The profile {@code name}: the model with the system prompt applied, and that default declared. */
    public static PipelineProfile profile(String name, Duration latency) {
        FakeChatModel model = FakeChatModel.named("openai", "dense-x", 1_000_000, PRICES).otherwise(r -> Step
                .reply("ok", Usage.of(bytesSent(r), ThreadLocalRandom.current().nextInt(200, MAX_TOKENS + 1)))
                .after(latency));
        UnaryOperator<ChatRequest> defaults = DenseBudgetFixture::withSystemPrompt;
        return PipelineProfile.builder(name, new Defaulted(model, defaults)).maxTokens(MAX_TOKENS)
                .requestDefaults(defaults).build();
    }

    public static String prompt(int i) {
        return PROMPTS.get(Math.floorMod(i, PROMPTS.size()));
    }

    private static ChatRequest withSystemPrompt(ChatRequest r) {
        if (r.messages().stream().anyMatch(m -> m.role() == Role.SYSTEM)) return r;
        List<Message> messages = new ArrayList<>(r.messages().size() + 1);
        messages.add(Message.system(SYSTEM_PROMPT));
        messages.addAll(r.messages());
        return r.toBuilder().messages(messages).build();
    }

    private static long bytesSent(ChatRequest r) {
        long n = 0;
        for (Message m : r.messages()) n += m.text().getBytes(StandardCharsets.UTF_8).length;
        return n;
    }

    private static String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " ").append("budget").append((char) ('a' + i % 26));
        return b.toString();
    }

    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " ").append((char) ('a' + i % 26));
        return b.toString();
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** Applies the profile's defaults below the pipeline, as a configured profile's adapter does. */
    private record Defaulted(ChatModel delegate, UnaryOperator<ChatRequest> defaults) implements ChatModel {
        @Override
        public ChatResponse chat(ChatRequest request) {
            return delegate.chat(defaults.apply(request));
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            return delegate.stream(defaults.apply(request));
        }

        @Override
        public ModelInfo info() {
            return delegate.info();
        }
    }
}

package dev.baton.provider.anthropic;

import dev.baton.secret.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ChatModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.WireDialect;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shared provider contract against a loopback server speaking the Messages API. The shared
 * {@code json_schema_output_is_requested_natively} case passes through the forced-tool request
 * (the dialect checks the forced tool's input schema); the tool_use answer to it is covered by
 * {@link AnthropicStructuredOutputTest}.
 */
class AnthropicChatModelContractTest extends ChatModelContractTest {

    private final AnthropicDialect dialect = new AnthropicDialect();

    @Override
    protected ChatModel model(URI baseUrl, Secret apiKey, Duration timeout) {
        ProviderSettings settings = new ProviderSettings("anthropic", "anthropic", baseUrl, apiKey, Map.of(),
                Duration.ofSeconds(2), timeout, Map.of());
        return new AnthropicChatModel(settings, "claude-sonnet-4-5",
                new ModelInfo("anthropic", "claude-sonnet-4-5", 200_000, 64_000, Set.of(), null), JSON);
    }

    @Override
    protected WireDialect dialect() {
        return dialect;
    }

    @Test
    void overloaded_529_is_a_retriable_model_unavailable_with_retry_after() {
        server.enqueue(dialect.error(529, "overloaded_error", "Overloaded").withHeader("retry-after", "3"));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
        assertThat(e.reason()).isEqualTo(ErrorReason.OVERLOADED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.providerStatus()).isEqualTo(529);
    }

    @Test
    void prompt_too_long_is_a_context_overflow() {
        server.enqueue(dialect.error(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.reason()).isEqualTo(ErrorReason.CONTEXT_OVERFLOW);
    }

    @Test
    void a_stream_that_ends_before_message_stop_is_interrupted() {
        String frames = AnthropicDialect.messageStart("msg_9", AnthropicDialect.usage(3, 1, 0, 0))
                + AnthropicDialect.blockStart(0, AnthropicDialect.textBlock("")) + AnthropicDialect.textDelta(0, "par");
        server.enqueue(dev.baton.testing.LoopbackServer.Reply.stream(AnthropicDialect.SSE, java.util.List.of(frames)));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().stream(ChatRequest.of("hi")).drain());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
        assertThat(e.retriable()).isTrue();
    }
}

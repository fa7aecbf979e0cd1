package dev.baton.provider.bedrock.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures of the JDK HTTP client under the synchronous SDK client, as the SDK wraps them. */
class BedrockErrorMapperTransportTest {

    private final BedrockErrorMapper mapper = new BedrockErrorMapper(UnaryOperator.identity());
    private final ErrorContext context = ErrorContext.ofModel("bedrock", "amazon.nova-lite-v1:0");

    private BatonException map(Exception cause) {
        return mapper.map(SdkClientException.create("Unable to execute HTTP request: " + cause.getMessage(), cause),
                context);
    }

    @Test
    void a_late_answer_is_a_retriable_timeout() {
        BatonException e = map(new HttpTimeoutException("no answer within 300 ms"));

        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.reason()).isEqualTo(ErrorReason.NONE);
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void a_connect_timeout_is_a_retriable_connection_timeout() {
        BatonException e = map(new HttpConnectTimeoutException("HTTP connect timed out"));

        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.reason()).isEqualTo(ErrorReason.CONNECTION);
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void an_interrupted_or_aborted_exchange_is_cancelled() {
        BatonException e = map(new InterruptedIOException("call interrupted"));

        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.reason()).isEqualTo(ErrorReason.CANCELLED);
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void a_refused_connection_is_an_unavailable_model() {
        BatonException e = map(new ConnectException("Connection refused"));

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
        assertThat(e.reason()).isEqualTo(ErrorReason.CONNECTION);
        assertThat(e.retriable()).isTrue();
    }
}

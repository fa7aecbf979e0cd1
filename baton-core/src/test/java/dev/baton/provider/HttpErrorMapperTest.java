package dev.baton.provider;

import dev.baton.secret.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status + body → code table, across the providers' error body shapes. */
class HttpErrorMapperTest {

    private final HttpErrorMapper mapper = new HttpErrorMapper(JsonMapper.builder().build());
    private final ProviderSettings settings = ProviderSettings.of("openai", URI.create("http://x"), Secret.of("sk-live-abcdef0123456789"));

    private BatonException map(int status, String body, Map<String, List<String>> headers) {
        return mapper.map(status, ResponseHeaders.of(headers), body, settings, ErrorContext.ofModel("p", "m"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}/{3}")
    @CsvSource(delimiter = '|', value = {
            // status | body | code | reason | retriable
            "400 | {\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}} | INVALID_REQUEST | NONE | false",
            "400 | {\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\",\"code\":\"context_length_exceeded\"}} | INVALID_REQUEST | CONTEXT_OVERFLOW | false",
            "400 | {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}} | INVALID_REQUEST | CONTEXT_OVERFLOW | false",
            "400 | {\"error\":{\"code\":400,\"message\":\"The input token count exceeds the maximum number of tokens allowed\",\"status\":\"INVALID_ARGUMENT\"}} | INVALID_REQUEST | CONTEXT_OVERFLOW | false",
            "400 | {\"error\":{\"message\":\"flagged\",\"code\":\"content_filter\"}} | INVALID_REQUEST | SAFETY_BLOCK | false",
            "401 | {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}} | AUTHENTICATION | NONE | false",
            "402 | {\"error\":{\"message\":\"insufficient credits\"}} | BUDGET_EXCEEDED | QUOTA_EXHAUSTED | false",
            "403 | {\"error\":{\"code\":403,\"message\":\"denied\",\"status\":\"PERMISSION_DENIED\"}} | PERMISSION_DENIED | NONE | false",
            "404 | {\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"code\":\"model_not_found\"}} | MODEL_UNAVAILABLE | NONE | false",
            "404 | {\"error\":\"model 'llama9' not found, try pulling it first\"} | MODEL_UNAVAILABLE | NONE | false",
            "404 | {\"error\":{\"message\":\"no such route\"}} | NOT_FOUND | NONE | false",
            "408 | | TIMEOUT | NONE | true",
            "409 | {\"error\":{\"message\":\"conflict\"}} | PROVIDER_ERROR | NONE | true",
            "429 | {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}} | RATE_LIMITED | NONE | true",
            "429 | {\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}} | BUDGET_EXCEEDED | QUOTA_EXHAUSTED | false",
            "429 | {\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}} | RATE_LIMITED | NONE | true",
            "500 | {\"error\":{\"message\":\"server error\"}} | PROVIDER_ERROR | NONE | true",
            "502 | <html>Bad Gateway</html> | PROVIDER_ERROR | NONE | true",
            "503 | {\"error\":{\"message\":\"overloaded\"}} | MODEL_UNAVAILABLE | NONE | true",
            "504 | | TIMEOUT | NONE | true",
            "529 | {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}} | MODEL_UNAVAILABLE | OVERLOADED | true",
    })
    void maps_status_and_body(int status, String body, ErrorCode code, ErrorReason reason, boolean retriable) {
        BatonException e = map(status, body, Map.of());

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.providerStatus()).isEqualTo(status);
    }

    @Test
    void retry_after_seconds_ms_and_http_date() {
        assertThat(map(429, "", Map.of("retry-after", List.of("3"))).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(map(429, "", Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("3"))).retryAfter())
                .contains(Duration.ofMillis(250));
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(map(503, "", Map.of("retry-after", List.of(inTenSeconds))).retryAfter().orElseThrow())
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(11));
        assertThat(map(429, "", Map.of()).retryAfter()).isEmpty();
    }

    @Test
    void echoed_keys_are_scrubbed_from_messages() {
        BatonException e = map(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-live-abcdef0123456789. Also sk-other-zzzzzzzzzzzz\"}}", Map.of());

        assertThat(e.getMessage()).doesNotContain("sk-live-abcdef0123456789").doesNotContain("sk-other-zzzzzzzzzzzz");
    }
}

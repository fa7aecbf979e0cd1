package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bedrock's exceptions, as its endpoint sends them, mapped onto the taxonomy. */
class BedrockErrorMappingTest extends BedrockLoopbackTest {

    @ParameterizedTest(name = "{1} ({0}) -> {2}")
    @CsvSource({
            "429, ThrottlingException, RATE_LIMITED, true, NONE",
            "400, ServiceQuotaExceededException, RATE_LIMITED, true, QUOTA_EXHAUSTED",
            "429, ModelNotReadyException, MODEL_UNAVAILABLE, true, NONE",
            "503, ServiceUnavailableException, MODEL_UNAVAILABLE, true, NONE",
            "400, ValidationException, INVALID_REQUEST, false, NONE",
            "403, AccessDeniedException, PERMISSION_DENIED, false, NONE",
            "404, ResourceNotFoundException, MODEL_UNAVAILABLE, false, NONE",
            "408, ModelTimeoutException, TIMEOUT, true, NONE",
            "500, InternalServerException, PROVIDER_ERROR, true, NONE",
            "424, ModelErrorException, PROVIDER_ERROR, true, NONE",
            "403, UnrecognizedClientException, AUTHENTICATION, false, NONE",
            "403, ExpiredTokenException, AUTHENTICATION, false, NONE",
            "403, InvalidSignatureException, AUTHENTICATION, false, NONE",
            "502, SomethingNewException, PROVIDER_ERROR, true, NONE"})
    void aws_exceptions_map_onto_the_taxonomy(int status, String type, ErrorCode code, boolean retriable,
                                               ErrorReason reason) {
        server.enqueue(BedrockDialect.error(status, type, "details from " + type, true));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.providerStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains(type).contains("details from " + type);
        assertThat(e.context().model()).isEqualTo(BedrockChatModelContractTest.MODEL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Input is too long for requested model.",
            "The model returned the following errors: prompt is too long: 215000 tokens > 200000 maximum",
            "Too many input tokens. Max input tokens: 8192, request input token count: 9100"})
    void context_overflow_validation_errors_carry_the_context_overflow_reason(String message) {
        server.enqueue(BedrockDialect.error(400, "ValidationException", message, true));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.reason()).isEqualTo(ErrorReason.CONTEXT_OVERFLOW);
        assertThat(e.suggestion()).isPresent();
    }

    @Test
    void an_unknown_model_is_unavailable_and_not_worth_retrying() {
        server.enqueue(BedrockDialect.error(404, "ResourceNotFoundException",
                "Could not resolve the foundation model from the provided model identifier.", true));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model().stream(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
        assertThat(e.retriable()).isFalse();
        assertThat(e.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("model id"));
    }

    @Test
    void a_bedrock_api_key_never_appears_in_errors_or_to_string() {
        String apiKey = "ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQtMTIzNDU2";
        server.enqueue(BedrockDialect.error(403, "UnrecognizedClientException", "Invalid API key " + apiKey, true));
        BedrockChatModel model = modelWithApiKey(apiKey);

        BatonException e = catchThrowableOfType(BatonException.class, () -> model.chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(apiKey).contains("****");
        assertThat(model.toString()).doesNotContain(apiKey);
    }

    @Test
    void a_closed_adapter_refuses_calls() {
        BedrockChatModel model = model();
        model.close();

        BatonException e = catchThrowableOfType(BatonException.class, () -> model.chat(ChatRequest.of("hi")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}

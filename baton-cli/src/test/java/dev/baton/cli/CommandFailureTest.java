package dev.baton.cli;

import dev.baton.config.ConfigException;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandFailureTest {

    @Test
    void every_error_code_reaches_the_document_by_name_without_a_table_to_update() {
        for (ErrorCode code : ErrorCode.values()) {
            CommandFailure f = CommandFailure.of(new BatonException(code, "boom"));

            assertThat(f.document().error().code()).isEqualTo(code.name());
            assertThat(f.document().error().exitCode()).isEqualTo(f.exitCode());
            assertThat(f.document().error().retriable()).isEqualTo(code.retriableByDefault());
        }
    }

    @Test
    void a_provider_failure_carries_its_context_reason_and_suggestion_and_exits_1() {
        BatonException e = BatonException.builder(ErrorCode.RATE_LIMITED, "slow down")
                .context(ErrorContext.ofModel("openai", "gpt-4o-mini")).reason(ErrorReason.QUOTA_EXHAUSTED)
                .suggestion("wait a minute").build();

        CommandFailure f = CommandFailure.of(e);

        assertThat(f.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(f.stderr()).containsExactly("baton: RATE_LIMITED: slow down", "  hint: wait a minute");
        ErrorDocument.Error error = f.document().error();
        assertThat(error.context()).isEqualTo(Map.of("provider", "openai", "model", "gpt-4o-mini"));
        assertThat(error.reason()).isEqualTo("QUOTA_EXHAUSTED");
        assertThat(error.suggestion()).isEqualTo("wait a minute");
        assertThat(error.retriable()).isTrue();
    }

    @Test
    void a_configuration_error_exits_2() {
        CommandFailure f = CommandFailure.of(new ConfigException("config.yaml:3: unknown key 'x'"));

        assertThat(f.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(f.stderr()).containsExactly("baton: configuration error: config.yaml:3: unknown key 'x'");
        assertThat(f.document().error().exitCode()).isEqualTo(2);
    }

    @Test
    void a_configuration_error_rebuilt_as_a_plain_baton_exception_still_exits_2() {
        // what the pipeline's decorators throw for a ConfigException raised inside a call: same code, not the class
        BatonException rebuilt = BatonException.builder(ErrorCode.CONFIGURATION, "profile 'fast': ${KEY} is not set")
                .context(ErrorContext.ofModel("openai", "gpt-4o-mini")).suggestion("export KEY=...").build();

        CommandFailure f = CommandFailure.of(rebuilt);

        assertThat(f.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(f.stderr()).containsExactly("baton: configuration error: profile 'fast': ${KEY} is not set",
                "  hint: export KEY=...");
        assertThat(f.document().error().code()).isEqualTo("CONFIGURATION");
        assertThat(f.document().error().exitCode()).isEqualTo(2);
    }

    @Test
    void an_interrupt_exits_130_as_interrupted() {
        CommandFailure f = CommandFailure.of(new InterruptedException());

        assertThat(f.exitCode()).isEqualTo(130);
        assertThat(f.document().error().code()).isEqualTo("INTERRUPTED");
        assertThat(f.document().error().reason()).isEqualTo("CANCELLED");
    }

    @Test
    void an_unexpected_exception_is_internal_with_exit_1() {
        CommandFailure f = CommandFailure.of(new IllegalStateException("bug"));

        assertThat(f.exitCode()).isEqualTo(1);
        assertThat(f.document().error().code()).isEqualTo("INTERNAL");
        assertThat(f.document().error().message()).contains("bug");
    }

    @Test
    void the_document_serialises_with_snake_case_and_leaves_out_empty_optional_fields() {
        String json = Json.MAPPER.writeValueAsString(CommandFailure.of(UsageException.notFound("no such thing")).document());

        assertThat(Json.MAPPER.readTree(json).path("error").propertyNames())
                .containsExactly("code", "message", "exit_code", "retriable", "suggestion", "context");
    }
}

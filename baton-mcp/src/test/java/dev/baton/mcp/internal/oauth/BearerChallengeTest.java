package dev.baton.mcp.internal.oauth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerChallengeTest {

    @Test
    void given_a_step_up_challenge_then_error_scope_and_metadata_url_are_read() {
        BearerChallenge c = BearerChallenge.parse(List.of(
                "Bearer error=\"insufficient_scope\", scope=\"mcp:basic mcp:write\", resource_metadata=\"http://h/.well-known/oauth-protected-resource/mcp\""));

        assertThat(c.insufficientScope()).isTrue();
        assertThat(c.scope()).isEqualTo("mcp:basic mcp:write");
        assertThat(c.resourceMetadata()).isEqualTo(URI.create("http://h/.well-known/oauth-protected-resource/mcp"));
    }

    @Test
    void given_another_scheme_first_and_unquoted_values_then_the_bearer_challenge_is_found() {
        BearerChallenge c = BearerChallenge.parse(List.of("Basic realm=\"x\"", "bearer error=invalid_token, scope=\"a\""));

        assertThat(c.error()).isEqualTo("invalid_token");
        assertThat(c.scope()).isEqualTo("a");
        assertThat(c.resourceMetadata()).isNull();
        assertThat(c.insufficientScope()).isFalse();
    }

    @Test
    void given_no_header_then_everything_is_absent() {
        assertThat(BearerChallenge.parse(List.of())).isEqualTo(new BearerChallenge(null, null, null));
    }
}

package dev.baton.config.internal;

import dev.baton.config.ResolvedProfile;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile's defaults applied to a request: filled in where the request has none, and no copy when there is nothing to fill. */
class ProfileDefaultsChatModelTest {

    private static ResolvedProfile profile(Double temperature, Integer maxTokens, String systemPrompt, Map<String, Object> options) {
        return new ResolvedProfile("p", null, "m", null, temperature, maxTokens, Duration.ofSeconds(5), systemPrompt,
                options, List.of(), "test");
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder().messages(List.of(Message.user("q")));
    }

    @Test
    void given_a_request_that_sets_what_the_profile_defaults_then_it_goes_on_as_it_is() {
        ChatRequest request = request().temperature(0.5).maxTokens(10).build();

        ChatRequest applied = new ProfileDefaultsChatModel(null, profile(0.1, 99, null, Map.of())).apply(request);

        assertThat(applied).isSameAs(request);
    }

    @Test
    void given_a_request_without_them_then_the_profiles_defaults_and_options_are_filled_in_and_its_own_win() {
        ChatRequest request = request().temperature(0.5).options(Map.of("user", "mine")).build();

        ChatRequest applied = new ProfileDefaultsChatModel(null, profile(0.1, 99, "Be brief.", Map.of("user", "theirs", "x", 1)))
                .apply(request);

        assertThat(applied.temperature()).isEqualTo(0.5);
        assertThat(applied.maxTokens()).isEqualTo(99);
        assertThat(applied.options()).containsEntry("user", "mine").containsEntry("x", 1);
        assertThat(applied.messages()).hasSize(2);
        assertThat(applied.messages().getFirst().text()).isEqualTo("Be brief.");
    }

    @Test
    void given_only_a_temperature_default_then_the_copy_carries_it_and_the_rest_unchanged() {
        ChatRequest request = request().maxTokens(10).build();

        ChatRequest applied = new ProfileDefaultsChatModel(null, profile(0.1, null, null, Map.of())).apply(request);

        assertThat(applied).isNotSameAs(request).isEqualTo(request.toBuilder().temperature(0.1).build());
    }
}

package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.RequestContext;
import dev.baton.mcp.server.ServerPrompt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompts a session sees: registered prompts once, then what the prompt sources give that session. */
class FeatureRegistryTest {

    private static ServerPrompt prompt(String name, String description) {
        return ServerPrompt.of(name, description, List.of(), arguments -> List.of());
    }

    private static RequestContext session(String id) {
        return () -> id;
    }

    @Test
    void given_a_source_when_two_sessions_ask_then_each_gets_the_prompts_given_for_it() {
        FeatureRegistry registry = new FeatureRegistry();
        registry.prompts(context -> List.of(prompt("for-" + context.sessionId(), "")));

        assertThat(registry.sessionPrompts(session("a"))).extracting(ServerPrompt::name).containsExactly("for-a");
        assertThat(registry.sessionPrompts(session("b"))).extracting(ServerPrompt::name).containsExactly("for-b");
        assertThat(registry.hasPromptSources()).isTrue();
    }

    @Test
    void given_a_registered_prompt_and_sources_repeating_names_when_listed_then_each_name_comes_once_registered_first() {
        FeatureRegistry registry = new FeatureRegistry();
        registry.prompt(prompt("review", "registered"));
        registry.prompts(context -> List.of(prompt("review", "from a source"), prompt("plan", "first source")));
        registry.prompts(context -> List.of(prompt("plan", "second source"), prompt("ship", "second source")));

        assertThat(registry.sessionPrompts(session("a")))
                .extracting(ServerPrompt::name, ServerPrompt::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("plan", "first source"),
                        org.assertj.core.groups.Tuple.tuple("ship", "second source"));
    }

    @Test
    void given_a_failing_source_when_listed_then_the_other_sources_still_answer() {
        FeatureRegistry registry = new FeatureRegistry();
        registry.prompts(context -> {
            throw new IllegalStateException("project folder gone");
        });
        registry.prompts(context -> List.of(prompt("plan", "")));

        assertThat(registry.sessionPrompts(session("a"))).extracting(ServerPrompt::name).containsExactly("plan");
    }
}

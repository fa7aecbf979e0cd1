package dev.baton.context;

import dev.baton.llm.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersonaPromptTest {

    @Test
    void the_persona_comes_first_then_the_requests_own_system_prompt() {
        List<Message> out = PersonaPrompt.compose("PERSONA", "PROFILE", List.of(Message.system("AGENT"), Message.user("hi")));

        assertThat(out).containsExactly(Message.system("PERSONA\n\nAGENT"), Message.user("hi"));
    }

    @Test
    void without_a_system_message_the_profiles_system_prompt_follows_the_persona() {
        List<Message> out = PersonaPrompt.compose("PERSONA", "PROFILE", List.of(Message.user("hi")));

        assertThat(out).containsExactly(Message.system("PERSONA\n\nPROFILE"), Message.user("hi"));
    }

    @Test
    void without_a_persona_the_old_behaviour_holds() {
        List<Message> withOwn = List.of(Message.system("AGENT"), Message.user("hi"));

        assertThat(PersonaPrompt.compose(null, "PROFILE", withOwn)).isSameAs(withOwn);
        assertThat(PersonaPrompt.compose(null, "PROFILE", List.of(Message.user("hi"))))
                .containsExactly(Message.system("PROFILE"), Message.user("hi"));
        assertThat(PersonaPrompt.compose(null, null, List.of(Message.user("hi")))).containsExactly(Message.user("hi"));
    }

    @Test
    void a_persona_alone_becomes_the_system_prompt() {
        assertThat(PersonaPrompt.compose("PERSONA", null, List.of(Message.user("hi"))))
                .containsExactly(Message.system("PERSONA"), Message.user("hi"));
    }
}

package dev.baton.context;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ConfigException;
import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The context service of a real Baton: personas in the pipeline, sessions in the SQLite store. */
class ChatContextTest {

    private static final Map<String, String> ENV = Map.of("OLLAMA_HOST", "127.0.0.1:1");
    private static final String CONFIG = """
            providers:
              canned:
                kind: scripted
                persona: concise
                options:
                  script:
                    match_on: conversation
                    rules:
                      - match: "(?s)^system: Review like this\\\\.\\n\\nBe kind\\\\."
                        reply: {text: "reviewer persona, then the request's system prompt"}
                      - match: "(?s)^system: Answer as briefly"
                        reply: {text: "concise persona from the provider"}
                      - match: "."
                        reply: {text: "no persona"}
            profiles:
              brief: {provider: canned, model: m}
              critic: {provider: canned, model: m, persona: critic}
              broken: {provider: canned, model: m, persona: nobody}
            context:
              retention_messages: 4
            """;

    @TempDir
    Path dir;

    private BatonPaths project(String yaml) throws IOException {
        Path project = Files.createDirectories(dir.resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), yaml);
        return new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
    }

    @Test
    void a_profiles_persona_precedes_the_requests_system_prompt_and_a_providers_persona_is_inherited() throws Exception {
        BatonPaths paths = project(CONFIG);
        Personas.of(paths).set("critic", "Review like this.");
        try (Baton baton = Baton.builder(paths, ENV).build()) {
            ChatRequest withSystem = ChatRequest.builder().system("Be kind.").user("look").build();

            assertThat(baton.model("critic").chat(withSystem).text()).isEqualTo("reviewer persona, then the request's system prompt");
            assertThat(baton.model("brief").chat(ChatRequest.of("hi")).text()).isEqualTo("concise persona from the provider");
            assertThat(baton.context().personaOf("critic")).get().extracting(Persona::name).isEqualTo("critic");
            assertThat(baton.context().systemPromptOf("brief")).startsWith("Answer as briefly");
        }
    }

    @Test
    void an_unknown_persona_fails_the_profiles_calls_naming_it() throws Exception {
        try (Baton baton = Baton.builder(project(CONFIG), ENV).build()) {
            assertThatThrownBy(() -> baton.model("broken").chat(ChatRequest.of("hi")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("no persona 'nobody'");
        }
    }

    @Test
    void a_session_survives_a_restart_and_resumes_by_id() throws Exception {
        BatonPaths paths = project(CONFIG);
        String id;
        try (Baton baton = Baton.builder(paths, ENV).build()) {
            Conversations c = baton.context().conversations();
            id = c.start().id();
            c.append(id, "brief", List.of(Message.user("remember banana"), Message.assistant("noted")));
        }
        try (Baton baton = Baton.builder(paths, ENV).build()) {
            Conversations c = baton.context().conversations();

            assertThat(c.find(id)).get().extracting(ChatSession::messagesByProfile).isEqualTo(Map.of("brief", 2));
            assertThat(c.history(id, "brief")).containsExactly(Message.user("remember banana"), Message.assistant("noted"));
            assertThat(c.list(10)).extracting(ChatSession::id).contains(id);
        }
    }

    @Test
    void resetting_one_profile_keeps_the_other_profiles_and_sessions() throws Exception {
        try (Baton baton = Baton.builder(project(CONFIG), ENV).build()) {
            Conversations c = baton.context().conversations();
            String one = c.start().id();
            String two = c.start().id();
            c.append(one, "brief", List.of(Message.user("a"), Message.assistant("b")));
            c.append(one, "critic", List.of(Message.user("c"), Message.assistant("d")));
            c.append(two, "brief", List.of(Message.user("e"), Message.assistant("f")));

            assertThat(c.reset(one, "brief")).isEqualTo(2);

            assertThat(c.history(one, "brief")).isEmpty();
            assertThat(c.history(one, "critic")).hasSize(2);
            assertThat(c.history(two, "brief")).hasSize(2);
        }
    }

    @Test
    void tool_calls_and_results_are_kept_and_retention_never_starts_with_an_orphan_result() throws Exception {
        try (Baton baton = Baton.builder(project(CONFIG), ENV).build()) {
            Conversations c = baton.context().conversations();
            String id = c.start().id();
            Message call = Message.assistant("", List.of(new ToolCall("c1", "read_file", "{\"path\":\"a.txt\"}")));
            Message result = Message.toolResult("c1", "read_file", "file text", true);
            c.append(id, "brief", List.of(Message.user("read it"), call, result, Message.assistant("it says text")));

            assertThat(c.history(id, "brief")).containsExactly(Message.user("read it"), call, result, Message.assistant("it says text"));

            // retention 4: two more messages push the user message and the call out; the orphaned result goes too
            c.append(id, "brief", List.of(Message.user("next"), Message.assistant("ok")));

            assertThat(c.history(id, "brief")).containsExactly(Message.assistant("it says text"), Message.user("next"),
                    Message.assistant("ok"));
        }
    }

    @Test
    void appending_to_an_unknown_session_is_not_found() throws Exception {
        try (Baton baton = Baton.builder(project(CONFIG), ENV).build()) {
            assertThatThrownBy(() -> baton.context().conversations().append("nope", "brief", List.of(Message.user("x"))))
                    .isInstanceOf(BatonException.class).hasMessageContaining("no chat session 'nope'");
        }
    }

    @Test
    void with_history_summarise_the_dropped_turns_are_summarised_by_the_summary_profile() throws Exception {
        String yaml = """
                profiles:
                  small: {provider: scripted, model: offline, context_window: 600, max_tokens: 100}
                  writer:
                    provider: canned
                    model: m
                providers:
                  canned:
                    kind: scripted
                    options:
                      script:
                        match_on: conversation
                        rules:
                          - match: "(?s)^system: Summarise the conversation"
                            reply: {text: "They discussed 39 questions."}
                context:
                  history: summarise
                  summary_profile: writer
                """;
        try (Baton baton = Baton.builder(project(yaml), ENV).build()) {
            List<Message> history = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                history.add(Message.user("question " + i + " " + "word ".repeat(30)));
                history.add(Message.assistant("answer " + i));
            }

            ShapedContext shaped = baton.context().shaper("small").shape(null, List.of(), history, "and now?");

            assertThat(shaped.summarised()).isTrue();
            assertThat(shaped.messages().getFirst().text()).contains("They discussed 39 questions.");
            assertThat(shaped.input().tokens()).isLessThanOrEqualTo(500);
        }
    }

    @Test
    void the_shaper_uses_the_profiles_window_and_max_tokens_as_reserve() throws Exception {
        try (Baton baton = Baton.builder(project(CONFIG.replace("critic: {provider: canned, model: m, persona: critic}",
                "critic: {provider: canned, model: m, context_window: 3000, max_tokens: 1000}")), ENV).build()) {
            ShapedContext shaped = baton.context().shaper("critic").shape(null, List.of(), List.of(), "hi");

            assertThat(shaped.window()).isEqualTo(3000);
            assertThat(shaped.outputReserve()).isEqualTo(1000);
            assertThat(shaped.input().exact()).isFalse();
        }
    }
}

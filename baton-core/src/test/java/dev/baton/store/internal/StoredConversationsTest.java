package dev.baton.store.internal;

import tools.jackson.databind.ObjectMapper;
import dev.baton.context.ChatSession;
import dev.baton.context.internal.MessageJson;
import dev.baton.llm.Message;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored chat sessions behave the same on SQLite and on PostgreSQL (the store's migration 5). */
class StoredConversationsTest {

    @TempDir
    Path dir;

    private StoreDatabase open(String kind) {
        return kind.equals("sqlite") ? SqliteDatabase.open(dir.resolve("baton.db")) : TestStores.freshPostgres(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void a_session_keeps_each_profiles_history_in_order_and_a_reset_clears_one_profile_only(String kind) {
        try (StoreDatabase db = open(kind)) {
            JdbcConversations conversations = new JdbcConversations(db, new MessageJson(new ObjectMapper()),
                    Clock.systemUTC(), 0);
            ChatSession session = conversations.start();
            conversations.append(session.id(), "fast", List.of(Message.user("one"), Message.assistant("two")));
            conversations.append(session.id(), "review", List.of(Message.user("three")));
            conversations.append(session.id(), "fast", List.of(Message.user("four")));

            assertThat(conversations.history(session.id(), "fast")).extracting(Message::text)
                    .containsExactly("one", "two", "four");
            assertThat(conversations.find(session.id()).orElseThrow().messagesByProfile())
                    .containsEntry("fast", 3).containsEntry("review", 1);

            assertThat(conversations.reset(session.id(), "fast")).isEqualTo(3);
            assertThat(conversations.history(session.id(), "fast")).isEmpty();
            assertThat(conversations.history(session.id(), "review")).extracting(Message::text).containsExactly("three");
            assertThat(conversations.list(10)).extracting(ChatSession::id).containsExactly(session.id());
        }
    }
}

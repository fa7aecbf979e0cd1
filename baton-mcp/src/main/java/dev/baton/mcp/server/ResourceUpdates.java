package dev.baton.mcp.server;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a {@link ResourceWatch} reports changed resources: each becomes a
 * {@code notifications/resources/updated} to the sessions subscribed to its URI, all of them
 * ({@link #accept(String)}) or those a predicate on the session id picks (a change that only some
 * sessions can see, such as one in the project a session switched to).
 */
public interface ResourceUpdates extends Consumer<String> {

    /** Notifies the sessions subscribed to {@code uri} whose id {@code sessions} accepts. */
    void accept(String uri, Predicate<String> sessions);

    /**
     * Tells the sessions {@code sessions} accepts that their prompt list changed
     * ({@code notifications/prompts/list_changed}): an ensemble or operation file behind a prompt was
     * added, removed or edited. Does nothing unless the server supports it.
     */
    default void promptsChanged(Predicate<String> sessions) {
    }

    /** Notifies every session subscribed to {@code uri}. */
    @Override
    default void accept(String uri) {
        accept(uri, session -> true);
    }
}

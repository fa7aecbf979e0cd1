package dev.baton.mcp.server.internal;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What Baton adds between the SDK's server and its transport so that sessions can differ: each new
 * session gets the per-session prompt handlers ({@link SessionPromptHandlers}), and a resource
 * update meant for some sessions only reaches those of them that subscribed. The SDK keeps the
 * subscriptions and sends one notification per subscribed session through the transport's
 * {@code notifyClient}; the wrapped transport drops the ones whose session the update's predicate
 * rejects; and a tool can tell its own session that its prompts changed ({@code set_project}).
 * One instance per SDK server.
 */
public final class SessionHooks {

    private static final Logger log = LoggerFactory.getLogger(SessionHooks.class);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);
    /** How often and how far apart a send refused for want of the client's listening stream is tried again (~15 s). */
    private static final int NOTIFY_RETRIES = 75;
    private static final Duration NOTIFY_RETRY_DELAY = Duration.ofMillis(200);

    /** Updates being sent, each with the sessions it is for (by identity: two may share a URI). */
    private final Map<Object, Predicate<String>> scoped = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile SessionPromptHandlers prompts;
    /**
     * The sessions the transport made, with their ids; weakly held, so a session the transport has
     * dropped goes with the next collection (until then a notification to it fails quietly).
     */
    private final Map<Object, String> sessions = Collections.synchronizedMap(new WeakHashMap<>());
    /** The wrapped transport's per-session notify, set when {@link #wrap} is called. */
    private volatile NotifySession notify = (session, method, params) -> Mono.empty();

    @FunctionalInterface
    private interface NotifySession {
        Mono<Void> send(String sessionId, String method, @Nullable Object params);
    }

    void bind(SessionPromptHandlers handlers) {
        this.prompts = handlers;
    }

    /** Sends {@code notifications/resources/updated} for {@code uri} to the subscribed sessions {@code sessions} accepts. */
    void updated(McpSyncServer server, String uri, Predicate<String> sessions) {
        McpSchema.ResourcesUpdatedNotification notification = new McpSchema.ResourcesUpdatedNotification(uri);
        scoped.put(notification, sessions);
        try {
            // blocks until every subscribed session has been handed its notification (or dropped here)
            server.notifyResourcesUpdated(notification);
        } finally {
            scoped.remove(notification);
        }
    }

    /**
     * Sends {@code notifications/prompts/list_changed} to the session {@code sessionId} only, without
     * waiting for it. Over Streamable HTTP a notification outside a request travels on the client's
     * listening stream, which a client opens on its own time after {@code initialize}: until it does
     * the SDK refuses the send ("stream unavailable"), so a refused send is tried again for a while
     * instead of being lost. A send that still fails is logged, not thrown.
     */
    void promptsChanged(String sessionId) {
        Mono.defer(() -> notify.send(sessionId, McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED, null))
                .retryWhen(Retry.fixedDelay(NOTIFY_RETRIES, NOTIFY_RETRY_DELAY)
                        .filter(IllegalStateException.class::isInstance))
                .timeout(NOTIFY_TIMEOUT.plus(NOTIFY_RETRY_DELAY.multipliedBy(NOTIFY_RETRIES)))
                .subscribe(ok -> { }, e -> log.debug("telling session {} its prompts changed failed: {}", sessionId, e.toString()));
    }

    /** Sends {@code notifications/prompts/list_changed} to each live session {@code which} accepts. */
    void promptsChanged(Predicate<String> which) {
        List<String> ids;
        synchronized (sessions) {
            ids = List.copyOf(sessions.values());
        }
        for (String id : ids) {
            if (which.test(SdkRequestContext.id(id))) promptsChanged(id);
        }
    }

    private Mono<Void> notifyClient(String sessionId, Object params, Supplier<Mono<Void>> send) {
        Predicate<String> sessions = scoped.get(params);
        if (sessions != null && !sessions.test(SdkRequestContext.id(sessionId))) return Mono.empty();
        return send.get();
    }

    private void install(Object session) {
        String id = session instanceof McpServerSession s ? s.getId()
                : session instanceof McpStreamableServerSession s ? s.getId() : null;
        if (id != null) sessions.put(session, id);
        SessionPromptHandlers handlers = prompts;
        if (handlers != null) handlers.install(session);
    }

    /** {@code transport} (stdio) with these hooks. */
    public McpServerTransportProvider wrap(McpServerTransportProvider transport) {
        notify = transport::notifyClient;
        final class Hooked extends Delegating implements McpServerTransportProvider {
            Hooked() {
                super(transport);
            }

            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                transport.setSessionFactory(t -> {
                    McpServerSession session = factory.create(t);
                    install(session);
                    return session;
                });
            }
        }
        return new Hooked();
    }

    /** {@code transport} (Streamable HTTP) with these hooks. */
    public McpStreamableServerTransportProvider wrap(McpStreamableServerTransportProvider transport) {
        notify = transport::notifyClient;
        final class Hooked extends Delegating implements McpStreamableServerTransportProvider {
            Hooked() {
                super(transport);
            }

            @Override
            public void setSessionFactory(McpStreamableServerSession.Factory factory) {
                transport.setSessionFactory(request -> {
                    McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(request);
                    install(init.session());
                    return init;
                });
            }
        }
        return new Hooked();
    }

    /**
     * What both wrapped transports share: everything goes to the wrapped one, except that a
     * notification to one session passes {@link #notifyClient}'s filter first.
     */
    private abstract class Delegating implements McpServerTransportProviderBase {
        private final McpServerTransportProviderBase transport;

        Delegating(McpServerTransportProviderBase transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return transport.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return SessionHooks.this.notifyClient(sessionId, params, () -> transport.notifyClient(sessionId, method, params));
        }

        @Override
        public void close() {
            transport.close();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}

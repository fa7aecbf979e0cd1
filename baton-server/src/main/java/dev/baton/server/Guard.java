package dev.baton.server;

import java.io.IOException;

/**
 * A check around every request (access log, Host guard, authentication, concurrency limit,
 * deadline, tracing): it answers the request itself or passes it on with {@code next}. The server
 * runs one ordered list of guards in front of the servlets and of the gateway's core routes alike.
 */
@FunctionalInterface
public interface Guard {

    void around(Exchange exchange, Next next) throws IOException;

    /** The rest of the chain: the guards after this one, then the route. */
    @FunctionalInterface
    interface Next {
        void proceed(Exchange exchange) throws IOException;
    }
}

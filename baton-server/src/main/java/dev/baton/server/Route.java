package dev.baton.server;

import java.io.IOException;

/** A route served on an {@link Exchange}, behind the server's {@link Guard}s. */
@FunctionalInterface
public interface Route {

    void serve(Exchange exchange) throws IOException;
}

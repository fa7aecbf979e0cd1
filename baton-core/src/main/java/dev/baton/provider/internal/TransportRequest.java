package dev.baton.provider.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to a provider, independent of the client that sends it: method, URI, headers in
 * the order they are sent, the body (null for none) and the timeout — for a whole answer the time
 * the exchange may take in total, for a stream the time to the response head.
 */
public record TransportRequest(String method, URI uri, List<Header> headers, byte @Nullable [] body,
                               Duration timeout) {

    public TransportRequest {
        headers = List.copyOf(headers);
    }

    /** One request header. */
    public record Header(String name, String value) {
    }

    /** The value of the first header named {@code name} (any case), or null. */
    public @Nullable String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value();
        }
        return null;
    }
}

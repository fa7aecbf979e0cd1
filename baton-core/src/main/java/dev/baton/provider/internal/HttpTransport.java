package dev.baton.provider.internal;

import java.io.InputStream;

/**
 * Sends a provider's HTTP requests: one client (its connections, its threads) per adapter.
 * Implementations block the calling thread (a virtual thread as a rule) until the answer is
 * there; interrupting that thread aborts the exchange and frees its connection. {@link #close()}
 * ends the client's threads before it returns.
 */
public interface HttpTransport extends AutoCloseable {

    /** Sends the request and reads the whole answer, bounded in total by the request's timeout. */
    TransportResponse<byte[]> send(TransportRequest request) throws TransportException, InterruptedException;

    /**
     * Sends the request and returns once the response head is there (bounded by the request's
     * timeout), with the body as a stream read as it arrives. Closing the stream before its end
     * aborts the exchange.
     */
    TransportResponse<InputStream> open(TransportRequest request) throws TransportException, InterruptedException;

    /** A short name for diagnostics and benchmarks ({@code jetty}, {@code jdk}, {@code baton}). */
    String name();

    @Override
    void close();
}

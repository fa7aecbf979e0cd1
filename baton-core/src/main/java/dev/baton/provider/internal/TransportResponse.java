package dev.baton.provider.internal;

import dev.baton.provider.ResponseHeaders;

/**
 * A provider's answer as a transport hands it over: the status, the headers and the body — the
 * whole body as bytes, or an open {@link java.io.InputStream} the caller must close.
 */
public record TransportResponse<T>(int status, ResponseHeaders headers, T body) {

    public boolean successful() {
        return status / 100 == 2;
    }
}

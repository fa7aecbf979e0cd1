package dev.baton.provider.internal;

import java.io.IOException;

/**
 * An exchange that failed before an answer could be read, with the kind of failure each
 * transport recognises in its own exception types, so the error taxonomy is applied in one place
 * ({@link ProviderHttp}) whatever client sent the request.
 */
public final class TransportException extends IOException {

    /** What went wrong, as far as the error taxonomy cares. */
    public enum Kind {
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT,
        /** The connection was refused: nothing listens there. */
        CONNECT_REFUSED,
        /** No (complete) answer within the request's timeout. */
        RESPONSE_TIMEOUT,
        /** Any other I/O failure of the exchange. */
        OTHER
    }

    private final Kind kind;

    public TransportException(Kind kind, String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

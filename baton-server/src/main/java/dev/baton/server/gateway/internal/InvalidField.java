package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

/** A request body field the gateway cannot accept; {@code param} names it (OpenAI's {@code error.param}). */
final class InvalidField extends BatonException {

    private final String param;

    InvalidField(String param, String message) {
        super(ErrorCode.INVALID_REQUEST, "field '" + param + "': " + message);
        this.param = param;
    }

    String param() {
        return param;
    }
}

package dev.baton.ensemble.run;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

/** Why an agent (or a fan-out instance) failed: an error code from the taxonomy and a message. */
public record AgentError(ErrorCode code, String message) {

    public static AgentError of(BatonException e) {
        return new AgentError(e.code(), e.getMessage());
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}

package dev.baton.tool;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

/** A path or command the sandbox refuses; the message names the argument and the rule. */
public final class SandboxViolation extends BatonException {

    public SandboxViolation(String message) {
        super(ErrorCode.PERMISSION_DENIED, message);
    }
}

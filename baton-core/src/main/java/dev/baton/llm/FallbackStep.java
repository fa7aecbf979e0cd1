package dev.baton.llm;

import dev.baton.error.ErrorCode;

/** One model given up on during a call: which one, and the failure that made Baton move on. */
public record FallbackStep(String profile, String model, ErrorCode code, String message) {
}

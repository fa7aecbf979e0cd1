package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatResponse;
import dev.baton.server.Exchange;

import java.time.Duration;

/**
 * The gateway's own response headers: {@code x-baton-model} (the profile, or provider/model, that
 * answered after fallbacks; the ensemble for an ensemble), {@code x-baton-fallbacks} (how many
 * models were given up on first) and {@code x-baton-overhead-ms} (the time Baton added: time so
 * far minus the upstream's time, milliseconds with three decimals).
 */
final class BatonHeaders {

    static final String MODEL = "x-baton-model";
    static final String FALLBACKS = "x-baton-fallbacks";
    static final String OVERHEAD = "x-baton-overhead-ms";

    private BatonHeaders() {
    }

    /** Sets the headers of {@code answer}; {@code upstream} is the time the answering model took (null: unknown). */
    static void set(Exchange res, ModelTarget target, ChatResponse answer, long startNanos, Duration upstream) {
        res.header(MODEL, answered(target, answer));
        res.header(FALLBACKS, Integer.toString(answer.fallbacks().size()));
        long overhead = System.nanoTime() - startNanos - (upstream == null ? 0 : upstream.toNanos());
        res.header(OVERHEAD, millis(Math.max(0, overhead)));
    }

    static String answered(ModelTarget target, ChatResponse answer) {
        if (target.ensemble()) return target.requested();
        if (answer.profile() != null) return answer.profile();
        if (answer.provider() != null && answer.model() != null) return answer.provider() + "/" + answer.model();
        return target.profile();
    }

    /** {@code nanos} as milliseconds with three decimals, without String.format's cost. */
    static String millis(long nanos) {
        long micros = nanos / 1_000;
        long frac = micros % 1_000;
        return (micros / 1_000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }
}

package dev.baton.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link dev.baton.Baton} traces: the OpenTelemetry instance its spans go to and whether
 * prompts and outputs may be put on them ({@code telemetry: {capture_content: true}}). With
 * {@link #off()} (the default) the pipeline and the engine are built without their tracing
 * decorators, so an untraced call pays nothing for tracing.
 */
public final class Telemetry {

    /** The instrumentation scope of Baton's spans. */
    public static final String SCOPE = "dev.baton";

    private static final Telemetry OFF = new Telemetry(null, false);

    private final @Nullable OpenTelemetry openTelemetry;
    private final boolean captureContent;
    private volatile @Nullable Tracer tracer;

    private Telemetry(@Nullable OpenTelemetry openTelemetry, boolean captureContent) {
        this.openTelemetry = openTelemetry;
        this.captureContent = captureContent;
    }

    /** No tracing. */
    public static Telemetry off() {
        return OFF;
    }

    /** Spans go to {@code openTelemetry}; prompts and outputs only when {@code captureContent}. */
    public static Telemetry of(OpenTelemetry openTelemetry, boolean captureContent) {
        return new Telemetry(java.util.Objects.requireNonNull(openTelemetry, "openTelemetry"), captureContent);
    }

    /** Whether spans are made at all. */
    public boolean enabled() {
        return openTelemetry != null;
    }

    /** Whether prompts and outputs go on spans ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}). */
    public boolean captureContent() {
        return captureContent;
    }

    /** The instance spans go to; a no-op one when {@link #off()}. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry != null ? openTelemetry : OpenTelemetry.noop();
    }

    /** Baton's tracer. */
    public Tracer tracer() {
        Tracer t = tracer;
        if (t == null) tracer = t = openTelemetry().getTracer(SCOPE);
        return t;
    }
}

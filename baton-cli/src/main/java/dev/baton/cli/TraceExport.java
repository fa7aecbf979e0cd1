package dev.baton.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Whether the environment asks for traces: an OTLP endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) and neither {@code OTEL_SDK_DISABLED=true} nor
 * {@code OTEL_TRACES_EXPORTER=none} says otherwise. Only then is the OpenTelemetry SDK loaded
 * ({@link TraceSdk}): without an endpoint start-up pays nothing for tracing.
 */
final class TraceExport {

    private TraceExport() {
    }

    static boolean requested(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) return false;
        if ("none".equals(env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip().toLowerCase(Locale.ROOT))) return false;
        return !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
                || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank();
    }
}

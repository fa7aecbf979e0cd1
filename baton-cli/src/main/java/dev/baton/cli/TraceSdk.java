package dev.baton.cli;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables of the command's
 * environment (endpoint, protocol, headers, sampler, resource attributes...), exporting traces
 * only: Baton's metrics are Prometheus' and its logs go to stderr. The service name defaults to
 * {@code baton}; the protocol {@code http/protobuf} (the JDK's HTTP client sends; gRPC is not in
 * the jar). The SDK flushes and closes in a JVM shutdown hook, so the spans of a command
 * are sent before the process exits. Loaded only when {@link TraceExport#requested} is true.
 */
final class TraceSdk {

    private TraceSdk() {
    }

    static OpenTelemetry open(Map<String, String> env) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "baton", "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none", "otel.exporter.otlp.protocol", "http/protobuf"))
                .addPropertiesCustomizer(config -> properties(env))
                .build().getOpenTelemetrySdk();
    }

    /** The command's {@code OTEL_*} variables as SDK properties ({@code OTEL_SERVICE_NAME} → {@code otel.service.name}). */
    static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) out.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
        });
        return out;
    }
}

package dev.baton.server.metrics.internal;

import dev.baton.observe.Telemetry;
import dev.baton.server.Exchange;
import dev.baton.server.Guard;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.Collections;

/**
 * A server span per HTTP request, current while the request is handled so that the pipeline
 * calls and runs it starts nest under it; continues the caller's trace from its
 * {@code traceparent} header. Named {@code METHOD ROUTE} once the route has named its
 * template; ends when the response is complete (an async response such as an event stream, when
 * it ends). No query string, header or body goes on it.
 */
public final class HttpTracing implements Guard {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final TextMapGetter<Exchange> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Exchange carrier) {
            return carrier.headerNames();
        }

        @Override
        public @Nullable String get(@Nullable Exchange carrier, String key) {
            return carrier == null ? null : carrier.header(key);
        }
    };

    private final Telemetry telemetry;

    public HttpTracing(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void around(Exchange exchange, Next next) throws IOException {
        Context parent = telemetry.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(Context.root(), exchange, HEADERS);
        Span span = telemetry.tracer().spanBuilder(exchange.method()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, exchange.method()).startSpan();
        boolean async = false;
        try (Scope ignored = span.makeCurrent()) {
            next.proceed(exchange);
            if (exchange.async()) {
                async = true;
                exchange.onAsyncComplete(() -> end(span, exchange, null));
            }
        } catch (IOException | RuntimeException e) {
            end(span, exchange, e);
            async = true; // ended
            throw e;
        } finally {
            if (!async) end(span, exchange, null);
        }
    }

    private static void end(Span span, Exchange exchange, @Nullable Exception e) {
        String route = exchange.route();
        span.updateName(exchange.method() + " " + route);
        span.setAttribute(ROUTE, route);
        int status = e != null ? 500 : exchange.status();
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) span.setStatus(StatusCode.ERROR);
        span.end();
    }
}

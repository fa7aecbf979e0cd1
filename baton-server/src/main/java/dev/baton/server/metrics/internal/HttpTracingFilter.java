package dev.baton.server.metrics.internal;

import dev.baton.observe.Telemetry;
import dev.baton.server.Routes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.Collections;

/**
 * A server span per HTTP request, current while the request is handled so that the pipeline
 * calls and runs it starts nest under it; continues the caller's trace from its
 * {@code traceparent} header. Named {@code METHOD ROUTE} once the servlet has named its route
 * template; ends when the response is complete (an async response such as an event stream, when
 * it ends). No query string, header or body goes on it.
 */
public final class HttpTracingFilter implements Filter {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
            return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public @Nullable String get(@Nullable HttpServletRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    private final Telemetry telemetry;

    public HttpTracingFilter(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Context parent = telemetry.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(Context.root(), request, HEADERS);
        Span span = telemetry.tracer().spanBuilder(request.getMethod()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, request.getMethod()).startSpan();
        boolean async = false;
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(req, res);
            if (request.isAsyncStarted()) {
                async = true;
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override public void onComplete(AsyncEvent event) { end(span, request, response, null); }
                    @Override public void onTimeout(AsyncEvent event) { }
                    @Override public void onError(AsyncEvent event) { }
                    @Override public void onStartAsync(AsyncEvent event) { }
                });
            }
        } catch (IOException | ServletException | RuntimeException e) {
            end(span, request, response, e);
            async = true; // ended
            throw e;
        } finally {
            if (!async) end(span, request, response, null);
        }
    }

    private static void end(Span span, HttpServletRequest request, HttpServletResponse response, @Nullable Exception e) {
        String route = Routes.of(request);
        span.updateName(request.getMethod() + " " + route);
        span.setAttribute(ROUTE, route);
        int status = e != null ? 500 : response.getStatus();
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) span.setStatus(StatusCode.ERROR);
        span.end();
    }
}

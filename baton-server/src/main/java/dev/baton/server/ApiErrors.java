package dev.baton.server;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * Baton's error document over HTTP: the taxonomy's status and
 * {@code {"error": {"code", "message", "context", "suggestion"}}}, with {@code Retry-After} when the
 * failure carries one. Messages are already scrubbed of credentials by {@link BatonException}.
 */
public final class ApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    /** The error document of {@code e}. */
    public static ObjectNode document(BatonException e) {
        ObjectNode error = JSON.createObjectNode();
        error.put("code", e.code().name());
        error.put("message", e.getMessage());
        ObjectNode context = error.putObject("context");
        for (Map.Entry<String, String> entry : e.context().asMap().entrySet()) context.put(entry.getKey(), entry.getValue());
        e.suggestion().ifPresentOrElse(s -> error.put("suggestion", s), () -> error.putNull("suggestion"));
        ObjectNode root = JSON.createObjectNode();
        root.set("error", error);
        return root;
    }

    /** Answers with {@code e}'s status and error document, unless the response is already committed. */
    public static void write(HttpServletResponse response, BatonException e) throws IOException {
        if (response.isCommitted()) return;
        response.resetBuffer();
        response.setStatus(e.code().httpStatus());
        headers(response, e);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try {
            JSON.writeValue(response.getOutputStream(), document(e));
        } catch (IllegalStateException writerInUse) {
            // the handler had already taken the writer: answer through it
            response.getWriter().write(JSON.writeValueAsString(document(e)));
        }
    }

    /** Answers on {@code exchange} with {@code e}'s status and error document, unless the response is already committed. */
    public static void write(Exchange exchange, BatonException e) throws IOException {
        write(exchange, e.code().httpStatus(), e);
    }

    /** Answers on {@code exchange} with {@code status} and {@code e}'s error document, unless the response is already committed. */
    public static void write(Exchange exchange, int status, BatonException e) throws IOException {
        if (exchange.committed()) return;
        exchange.resetBuffer();
        exchange.status(status);
        headers(exchange, e);
        exchange.contentType("application/json");
        exchange.output().write(JSON.writeValueAsBytes(document(e)));
    }

    /** Answers on {@code exchange} with an error of {@code code} and {@code message}. */
    public static void write(Exchange exchange, ErrorCode code, String message) throws IOException {
        write(exchange, new BatonException(code, message));
    }

    /** The headers an error answer carries, on an {@link Exchange}. */
    public static void headers(Exchange exchange, BatonException e) {
        e.retryAfter().ifPresent(d -> exchange.header("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        if (e.code() == ErrorCode.AUTHENTICATION) exchange.header("WWW-Authenticate", "Bearer");
    }

    /** The headers an error answer carries whatever its body's shape: {@code Retry-After}, {@code WWW-Authenticate}. */
    public static void headers(HttpServletResponse response, BatonException e) {
        e.retryAfter().ifPresent(d -> response.setHeader("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        if (e.code() == ErrorCode.AUTHENTICATION) response.setHeader("WWW-Authenticate", "Bearer");
    }

    /** Answers with an error of {@code code} and {@code message}. */
    public static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        write(response, new BatonException(code, message));
    }
}

package dev.baton.mcp.internal.oauth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Sends the MCP transport's requests with the current bearer token and, when the server answers
 * 401 or 403 {@code insufficient_scope}, authorizes ({@link OAuthAuthorizer#recover}, on a
 * virtual thread: it blocks) and sends the request again. The refused answer's body is dropped
 * unread, so the transport only ever sees the answer to the authorized request; when
 * authorization fails, the request fails with the {@link OAuthException} saying why.
 */
public final class BearerRequests {

    /** One way to send a request (the wrapped client's {@code sendAsync}). */
    public interface Sender {
        <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler);
    }

    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private final OAuthAuthorizer authorizer;

    public BearerRequests(OAuthAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                       Sender sender) {
        String bearer = authorizer.authorization();
        HttpRequest sent = bearer == null ? request
                : HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                        .header("Authorization", bearer).build();
        HttpResponse.BodyHandler<T> unlessRefused = info -> refused(info)
                ? HttpResponse.BodySubscribers.replacing(null) : handler.apply(info);
        return sender.send(sent, unlessRefused).thenCompose(response -> {
            if (!refused(response)) {
                if (bearer != null && response.statusCode() / 100 == 2) authorizer.succeeded();
                return CompletableFuture.completedFuture(response);
            }
            List<String> challenge = response.headers().allValues("WWW-Authenticate");
            return CompletableFuture.runAsync(() -> {
                try {
                    authorizer.recover(response.statusCode(), challenge, bearer);
                } catch (OAuthException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }, VIRTUAL).thenCompose(ignored -> send(request, handler, sender));
        });
    }

    private static boolean refused(HttpResponse.ResponseInfo info) {
        return refused(info.statusCode(), info.headers().allValues("WWW-Authenticate"));
    }

    private static boolean refused(HttpResponse<?> response) {
        return refused(response.statusCode(), response.headers().allValues("WWW-Authenticate"));
    }

    private static boolean refused(int status, List<String> challenge) {
        return status == 401 || status == 403 && BearerChallenge.parse(challenge).insufficientScope();
    }
}

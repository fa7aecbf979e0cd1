package dev.baton.server.internal;

import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Authenticator;
import dev.baton.server.Caller;
import dev.baton.server.Exchange;
import dev.baton.server.Guard;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the caller of every request but the public routes: the key comes from
 * {@code Authorization: Bearer KEY} or {@code x-api-key: KEY} (Anthropic's SDKs send the latter);
 * an unknown, revoked or missing key is 401 with Baton's error document. Without authentication
 * ({@code --no-auth}) every request is {@link Caller#ANONYMOUS}.
 */
public final class AuthGuard implements Guard {

    private final @Nullable Authenticator authenticator;
    private final Set<String> publicPatterns;

    /** @param authenticator {@code null}: no authentication */
    public AuthGuard(@Nullable Authenticator authenticator, Set<String> publicPatterns) {
        this.authenticator = authenticator;
        this.publicPatterns = publicPatterns;
    }

    @Override
    public void around(Exchange exchange, Next next) throws IOException {
        String pattern = exchange.mappingPattern();
        if (authenticator == null || (pattern != null && publicPatterns.contains(pattern))) {
            exchange.caller(Caller.ANONYMOUS);
            next.proceed(exchange);
            return;
        }
        String key = presentedKey(exchange);
        if (key == null) {
            ApiErrors.write(exchange, ErrorCode.AUTHENTICATION,
                    "an API key is required: send Authorization: Bearer KEY (create one with `baton keys create --name NAME`)");
            return;
        }
        Optional<Caller> caller = authenticator.authenticate(key);
        if (caller.isEmpty()) {
            ApiErrors.write(exchange, ErrorCode.AUTHENTICATION, "the API key is unknown or revoked");
            return;
        }
        exchange.caller(caller.get());
        next.proceed(exchange);
    }

    static @Nullable String presentedKey(Exchange request) {
        String auth = request.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String k = auth.substring(7).strip();
            if (!k.isEmpty()) return k;
        }
        String x = request.header("x-api-key");
        return x == null || x.isBlank() ? null : x.strip();
    }
}

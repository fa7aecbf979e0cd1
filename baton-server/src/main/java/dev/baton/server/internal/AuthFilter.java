package dev.baton.server.internal;

import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Authenticator;
import dev.baton.server.Caller;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
public final class AuthFilter implements Filter {

    private final @Nullable Authenticator authenticator;
    private final Set<String> publicPatterns;

    /** @param authenticator {@code null}: no authentication */
    public AuthFilter(@Nullable Authenticator authenticator, Set<String> publicPatterns) {
        this.authenticator = authenticator;
        this.publicPatterns = publicPatterns;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        var mapping = request.getHttpServletMapping();
        if (authenticator == null || (mapping != null && publicPatterns.contains(mapping.getPattern()))) {
            request.setAttribute(Caller.ATTRIBUTE, Caller.ANONYMOUS);
            chain.doFilter(req, res);
            return;
        }
        String key = presentedKey(request);
        if (key == null) {
            ApiErrors.write((HttpServletResponse) res, ErrorCode.AUTHENTICATION,
                    "an API key is required: send Authorization: Bearer KEY (create one with `baton keys create --name NAME`)");
            return;
        }
        Optional<Caller> caller = authenticator.authenticate(key);
        if (caller.isEmpty()) {
            ApiErrors.write((HttpServletResponse) res, ErrorCode.AUTHENTICATION, "the API key is unknown or revoked");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(req, res);
    }

    static @Nullable String presentedKey(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String k = auth.substring(7).strip();
            if (!k.isEmpty()) return k;
        }
        String x = request.getHeader("x-api-key");
        return x == null || x.isBlank() ? null : x.strip();
    }
}

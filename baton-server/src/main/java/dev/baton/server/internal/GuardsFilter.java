package dev.baton.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The servlets' first filter: runs the {@link GuardChain}, then the rest of the filter chain and the servlet. */
public final class GuardsFilter implements Filter {

    private final GuardChain guards;

    public GuardsFilter(GuardChain guards) {
        this.guards = guards;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        ServletExchange exchange = ServletExchange.of((HttpServletRequest) req, (HttpServletResponse) res);
        try {
            guards.run(exchange, x -> {
                try {
                    chain.doFilter(((ServletExchange) x).request(), res);
                } catch (ServletException e) {
                    throw new Carried(e);
                }
            });
        } catch (Carried c) {
            throw c.failure;
        }
    }

    /** A servlet's {@link ServletException} carried through the guards, which only pass {@link IOException}s. */
    private static final class Carried extends RuntimeException {
        private final ServletException failure;

        Carried(ServletException failure) {
            super(failure);
            this.failure = failure;
        }
    }
}

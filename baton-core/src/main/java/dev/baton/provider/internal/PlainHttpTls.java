package dev.baton.provider.internal;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;

/**
 * Keeps TLS set-up out of HTTP clients that only speak plain HTTP. A JDK {@link HttpClient} built
 * without an SSL context initialises the JVM's default one (security providers, the CA trust
 * store) when it is built, ~100-300 ms in a fresh process, which a provider on an {@code http://}
 * base URL (Ollama, a local gateway) paid on its first call. Such a client gets a context that
 * refuses TLS instead; a redirect to {@code https://} then fails with that message.
 */
final class PlainHttpTls {

    static final String REFUSAL = "TLS is not set up for a provider whose base URL is http://; use an https:// base URL";

    private static final SSLContext NONE = new SSLContext(new Refusing(), null, "none") {
    };

    private PlainHttpTls() {
    }

    /** Gives the builder the refusing context when {@code base} is an {@code http://} URL; else leaves it. */
    static HttpClient.Builder apply(HttpClient.Builder builder, URI base) {
        if (base != null && "http".equalsIgnoreCase(base.getScheme())) {
            // Explicit parameters, or the client would ask the context for its defaults.
            builder.sslContext(NONE).sslParameters(new SSLParameters());
        }
        return builder;
    }

    private static final class Refusing extends SSLContextSpi {
        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw new IllegalStateException(REFUSAL);
        }
    }
}

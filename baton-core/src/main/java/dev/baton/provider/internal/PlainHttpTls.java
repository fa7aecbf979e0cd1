package dev.baton.provider.internal;

import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;

/**
 * Keeps TLS set-up out of HTTP clients that only speak plain HTTP. A JDK {@link HttpClient} built
 * without an SSL context initialises the JVM's default one (security providers, the CA trust
 * store) when it is built, and Jetty's client does the same when it starts: ~100-300 ms in a
 * fresh process, which a provider on an {@code http://} base URL (Ollama, a local gateway) paid
 * on its first call. Such a client gets a context that refuses TLS instead; a redirect to
 * {@code https://} then fails with that message.
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

    /** Whether a client for {@code base} speaks plain HTTP only. */
    static boolean plainOnly(@Nullable URI base) {
        return base != null && "http".equalsIgnoreCase(base.getScheme());
    }

    /** Gives Jetty's connector a TLS factory that refuses when {@code base} is an {@code http://} URL; else leaves it. */
    static void apply(ClientConnector connector, @Nullable URI base) {
        if (plainOnly(base)) {
            connector.setSslContextFactory(new RefusingJetty());
        }
    }

    /** Jetty's TLS factory that loads nothing when started and refuses every TLS connection. */
    static final class RefusingJetty extends SslContextFactory.Client {
        @Override
        protected void doStart() {
            // nothing to load: this client speaks plain HTTP only
        }

        @Override
        public SSLEngine newSSLEngine() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        public SSLEngine newSSLEngine(String host, int port) {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        public SSLEngine newSSLEngine(InetSocketAddress address) {
            throw new IllegalStateException(REFUSAL);
        }
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

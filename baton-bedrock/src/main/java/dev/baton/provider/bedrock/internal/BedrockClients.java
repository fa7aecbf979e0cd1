package dev.baton.provider.bedrock.internal;

import dev.baton.secret.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.provider.ProviderSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.token.credentials.StaticTokenProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The AWS SDK clients of one adapter: a synchronous Bedrock Runtime client on the JDK's HTTP
 * client ({@link JdkSdkHttpClient}) for Converse, and an asynchronous one on Netty for
 * ConverseStream, which the SDK offers only asynchronously. Each is built on first use, so
 * configuring a Bedrock provider costs nothing until it is called, and the region and
 * credential chains are consulted only then (once, shared by both clients). The Netty event
 * loop is the adapter's own and stops without a quiet period on {@link #close()}.
 *
 * <p>Settings read: {@code baseUrl} (endpoint override), {@code apiKey} (a Bedrock API key, sent
 * as a bearer token), {@code headers}, {@code connectTimeout}, {@code requestTimeout} (the default
 * bound of a Converse exchange; the longest silence while reading a stream), and the options
 * {@code region}, {@code profile}, {@code access_key_id}, {@code secret_access_key},
 * {@code session_token}. SDK retries are off: Baton's pipeline retries, deciding on the error code.
 */
public final class BedrockClients implements AutoCloseable {

    /** Option keys. */
    public static final String REGION = "region";
    public static final String PROFILE = "profile";
    public static final String ACCESS_KEY_ID = "access_key_id";
    public static final String SECRET_ACCESS_KEY = "secret_access_key";
    public static final String SESSION_TOKEN = "session_token";
    private static final String BEARER_SCHEME = "httpBearerAuth";
    private static final String SIGV4_SCHEME = "aws.auth#sigv4";
    /** Region assumed for an endpoint override when no region is configured anywhere (local fakes, proxies). */
    private static final Region OVERRIDE_FALLBACK_REGION = Region.US_EAST_1;
    private static final int EVENT_LOOP_THREADS = 2;

    private final ProviderSettings settings;
    private final Secret secretAccessKey;
    private final Secret sessionToken;
    private final List<ExecutionInterceptor> interceptors;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Sync sync;
    private BedrockRuntimeAsyncClient asyncClient;
    private SdkEventLoopGroup eventLoop;
    private Region region;
    private AwsCredentialsProvider credentials;
    private boolean closed;

    public BedrockClients(ProviderSettings settings) {
        this(settings, List.of());
    }

    /** With {@code interceptors} added to both SDK clients (for measuring the SDK's phases). */
    public BedrockClients(ProviderSettings settings, List<ExecutionInterceptor> interceptors) {
        this.settings = settings;
        this.interceptors = List.copyOf(interceptors);
        this.secretAccessKey = secret(settings.options().get(SECRET_ACCESS_KEY));
        this.sessionToken = secret(settings.options().get(SESSION_TOKEN));
    }

    private static Secret secret(Object value) {
        if (value instanceof Secret s) return s;
        return value == null ? null : Secret.ofNullable(value.toString());
    }

    /** Removes every credential these clients hold from a text. */
    public UnaryOperator<String> scrubber() {
        List<Secret> secrets = new ArrayList<>();
        if (settings.apiKey() != null) secrets.add(settings.apiKey());
        if (secretAccessKey != null) secrets.add(secretAccessKey);
        if (sessionToken != null) secrets.add(sessionToken);
        List<Secret> all = List.copyOf(secrets);
        return text -> {
            String out = text;
            for (Secret s : all) out = s.scrub(out);
            return out;
        };
    }

    /** The synchronous client for Converse and the HTTP client under it. */
    private record Sync(BedrockRuntimeClient client, JdkSdkHttpClient http) {
    }

    /** The synchronous client for Converse, built on first use. */
    public BedrockRuntimeClient client() {
        return sync().client();
    }

    /**
     * Calls Converse on the synchronous client, its HTTP exchange bounded by {@code timeout}. An
     * interruption of the calling thread cancels the exchange and leaves the interrupt status set.
     */
    public ConverseResponse converse(ConverseRequest request, Duration timeout) {
        Sync s = sync();
        return s.http().withTimeout(timeout, () -> s.client().converse(request));
    }

    /**
     * Calls InvokeModel (embedding models) on the synchronous client, bounded by {@code timeout}
     * like {@link #converse}.
     */
    public software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse invokeModel(
            software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest request, Duration timeout) {
        Sync s = sync();
        return s.http().withTimeout(timeout, () -> s.client().invokeModel(request));
    }

    /** Lock-free once built, so concurrent calls do not queue on the lock. */
    private Sync sync() {
        Sync s = sync;
        if (s != null) return s;
        lock.lock();
        try {
            checkOpen();
            if (sync == null) {
                Region r = resolvedRegion();
                JdkSdkHttpClient h = new JdkSdkHttpClient(settings.connectTimeout(), settings.requestTimeout());
                try {
                    // The SDK leaves an HTTP client it was handed open; close() closes it.
                    sync = new Sync(configure(r, BedrockRuntimeClient.builder().httpClient(h)
                            .overrideConfiguration(override())).build(), h);
                } catch (RuntimeException e) {
                    h.close();
                    throw e;
                }
            }
            return sync;
        } finally {
            lock.unlock();
        }
    }

    /** The asynchronous client for ConverseStream, built on first use. */
    public BedrockRuntimeAsyncClient asyncClient() {
        lock.lock();
        try {
            checkOpen();
            if (asyncClient == null) {
                Region r = resolvedRegion();
                eventLoop = SdkEventLoopGroup.builder().numberOfThreads(EVENT_LOOP_THREADS).threadFactory(
                        Thread.ofPlatform().daemon().name("baton-bedrock-" + settings.name() + "-", 0).factory()).build();
                // HTTP/1.1: ConverseStream needs nothing more, and it passes any proxy.
                asyncClient = configure(r, BedrockRuntimeAsyncClient.builder()
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                                .eventLoopGroup(eventLoop)
                                .protocol(Protocol.HTTP1_1)
                                .connectionTimeout(settings.connectTimeout())
                                .readTimeout(settings.requestTimeout()))
                        .overrideConfiguration(override())).build();
            }
            return asyncClient;
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) throw new BatonException(ErrorCode.INVALID_REQUEST, settings.name() + ": adapter is closed");
    }

    /** The region, resolved once for both clients. Called under the lock. */
    private Region resolvedRegion() {
        if (region == null) region = region();
        return region;
    }

    /** No call timeout: the adapter bounds each call itself (a stream may rightly outlast any fixed limit). */
    private ClientOverrideConfiguration override() {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry());
        settings.headers().forEach(b::putHeader);
        interceptors.forEach(b::addExecutionInterceptor);
        return b.build();
    }

    private <B extends BedrockRuntimeBaseClientBuilder<B, C>, C> B configure(Region region, B builder) {
        builder.region(region).addPlugin(new CachedAuthSchemes());
        if (settings.baseUrl() != null) builder.endpointOverride(settings.baseUrl());
        if (settings.apiKey() != null) {
            String token = settings.apiKey().reveal();
            builder.tokenProvider(StaticTokenProvider.create(() -> token))
                    .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of(BEARER_SCHEME)));
        } else {
            if (credentials == null) credentials = credentials();
            builder.credentialsProvider(credentials);
            if (secretAccessKey != null) {
                // Explicit keys win over a bearer token the environment may hold (AWS_BEARER_TOKEN_BEDROCK).
                builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of(SIGV4_SCHEME)));
            }
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        String keyId = settings.option(ACCESS_KEY_ID, null);
        if (keyId != null && secretAccessKey != null) {
            return StaticCredentialsProvider.create(sessionToken == null
                    ? AwsBasicCredentials.create(keyId, secretAccessKey.reveal())
                    : AwsSessionCredentials.create(keyId, secretAccessKey.reveal(), sessionToken.reveal()));
        }
        String profile = settings.option(PROFILE, null);
        if (profile != null) return ProfileCredentialsProvider.create(profile);
        return DefaultCredentialsProvider.builder().build();
    }

    private Region region() {
        String configured = settings.option(REGION, null);
        if (configured != null && !configured.isBlank()) return Region.of(configured.strip());
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(settings.option(PROFILE, null)).build()
                    .getRegion();
        } catch (SdkClientException e) {
            if (settings.baseUrl() != null) return OVERRIDE_FALLBACK_REGION;
            throw BatonException.builder(ErrorCode.INVALID_REQUEST, settings.name() + ": no AWS region configured")
                    .retriable(false)
                    .suggestion("set the provider option `region` or the AWS_REGION environment variable").build();
        }
    }

    /** Closes both clients and stops the event loop; returns without waiting for the loop's threads. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            Sync s = sync;
            sync = null;
            if (s != null) {
                s.client().close();
                s.http().close();
            }
            if (asyncClient != null) asyncClient.close();
            if (eventLoop != null) eventLoop.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS);
            // The SDK closes only the credential providers it made itself.
            if (credentials instanceof SdkAutoCloseable c) c.close();
            credentials = null;
            asyncClient = null;
            eventLoop = null;
        } finally {
            lock.unlock();
        }
    }
}

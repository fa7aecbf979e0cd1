package dev.baton.provider.bedrock.internal;

import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client plugin that keeps the auth scheme options the client's own auth scheme provider
 * (whatever preference it was built with) gives for an operation and region, instead of
 * resolving them again on every call: they depend on nothing else.
 */
final class CachedAuthSchemes implements SdkPlugin {

    @Override
    public void configureClient(SdkServiceClientConfiguration.Builder config) {
        BedrockRuntimeServiceClientConfiguration.Builder b = (BedrockRuntimeServiceClientConfiguration.Builder) config;
        BedrockRuntimeAuthSchemeProvider resolved = b.authSchemeProvider();
        if (resolved == null) return;
        Map<String, List<AuthSchemeOption>> options = new ConcurrentHashMap<>();
        b.authSchemeProvider(params -> options.computeIfAbsent(params.operation() + '\n' + params.regionId(),
                key -> List.copyOf(resolved.resolveAuthScheme(params))));
    }
}

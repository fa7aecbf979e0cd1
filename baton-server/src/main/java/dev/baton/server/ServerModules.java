package dev.baton.server;

import dev.baton.Baton;
import dev.baton.server.internal.ApiKeyAuthenticator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code baton serve} serves: the standard modules in mount order, and who may call them.
 */
public final class ServerModules {

    private ServerModules() {
    }

    /** Every module {@code baton serve} mounts, in order. */
    public static List<ServerModule> standard(Baton baton) {
        List<ServerModule> modules = new ArrayList<>();
        modules.add(new dev.baton.server.metrics.TracingModule());
        modules.add(dev.baton.server.metrics.MetricsModule.of(baton));
        modules.add(new dev.baton.server.api.RestApi());
        modules.add(new dev.baton.server.gateway.GatewayModule());
        modules.add(new dev.baton.server.console.ConsoleModule());
        return modules;
    }

    /**
     * The API keys' authenticator ({@code baton keys create}): a key's caller carries its id, name
     * and allowed profiles. Opens the key store, so a database that cannot be opened fails here,
     * before the server listens.
     */
    public static Optional<Authenticator> authenticator(Baton baton) {
        return Optional.of(new ApiKeyAuthenticator(baton.apiKeys()));
    }
}

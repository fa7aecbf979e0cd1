package dev.baton.server;

import dev.baton.Baton;

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
        modules.add(new dev.baton.server.gateway.GatewayModule());
        return modules;
    }

    /** The API keys' authenticator, when the store of keys can be opened. */
    public static Optional<Authenticator> authenticator(Baton baton) {
        return Optional.empty();
    }
}

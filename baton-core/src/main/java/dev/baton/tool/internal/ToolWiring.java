package dev.baton.tool.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ToolConfigParser;
import dev.baton.config.ToolSettings;
import dev.baton.store.internal.JdbcAuditLog;
import dev.baton.store.internal.StoreDatabase;
import dev.baton.tool.Sandbox;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolSource;
import dev.baton.tool.ToolSourceProvider;
import dev.baton.tool.builtin.BuiltinSettings;
import dev.baton.tool.builtin.BuiltinTools;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the tool service of a {@code Baton} from its configuration: {@code tools:} settings, the
 * sandbox they describe, a registry holding every source the {@link ToolSourceProvider}s on the
 * class path contribute, configuration's permissions, and the audit log in the store's database.
 */
public final class ToolWiring {

    private ToolWiring() {
    }

    /**
     * The service for {@code config} in the project at {@code projectRoot}; {@code sandboxes} makes
     * the sandbox from the settings, {@code database} holds the audit log (the usage ledger's
     * database, so audit rows go through the same batched writer).
     */
    public static DefaultTools build(BatonConfig config, Path projectRoot, Map<String, String> env,
                                     Function<ToolSettings, Sandbox> sandboxes, Supplier<StoreDatabase> database,
                                     ClassLoader loader) {
        ToolSettings settings = ToolConfigParser.settings(config.tools(), projectRoot);
        Sandbox sandbox = sandboxes.apply(settings);
        ToolRegistry registry = new ToolRegistry();
        try {
            registry.add(new BuiltinTools(sandbox, new BuiltinSettings(settings.httpGet().enabled(),
                    settings.httpGet().allowHosts(), settings.httpGet().maxBytes(), settings.runCommandShell())));
            for (ToolSourceProvider p : ServiceLoader.load(ToolSourceProvider.class, loader)) {
                for (ToolSource s : p.sources(config, env, sandbox)) registry.add(s);
            }
            return new DefaultTools(registry, ToolPermissions.of(settings.policy()), sandbox,
                    new JdbcAuditLog(database.get()), Clock.systemUTC());
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }
}

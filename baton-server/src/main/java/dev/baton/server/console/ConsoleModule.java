package dev.baton.server.console;

import dev.baton.server.ServerContext;
import dev.baton.server.ServerModule;
import dev.baton.server.console.internal.ConsoleAssets;
import dev.baton.server.console.internal.RootRedirect;

/**
 * The web console, a {@link ServerModule}: its page, scripts, styles and the libraries it uses
 * (taken at build time, under {@code /console/vendor/}) from the jar at {@code /console/}, and a
 * redirect there from {@code /}. The assets are served without a key, as they hold no data: the
 * page asks for a key and sends it with every API call it makes.
 */
public final class ConsoleModule implements ServerModule {

    /** Where the console is served. */
    public static final String PATH = "/console/";

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void mount(ServerContext context) {
        context.publicServlet("/console/*", new ConsoleAssets(ConsoleAssets.ROOT));
        // the empty pattern is the context root alone: other unmatched paths stay 404
        context.publicServlet("", new RootRedirect(PATH));
    }
}

package dev.baton.mcp;

import org.junit.jupiter.api.AfterEach;

import java.net.URI;
import java.util.Map;

/** server-everything over Streamable HTTP, started by the test on a free loopback port. */
class HttpEverythingServerTest extends EverythingServerContract {

    private int port;
    private Process server;

    @Override
    McpToolSource newSource() throws Exception {
        port = ReferenceServers.freePort();
        server = ReferenceServers.startEverythingHttp(port);
        return McpServers.http("everything", URI.create("http://127.0.0.1:" + port + "/mcp"), Map.of());
    }

    @Override
    void crashServer() throws Exception {
        ReferenceServers.kill(server.toHandle());
    }

    @Override
    void bringServerBack() throws Exception {
        server = ReferenceServers.startEverythingHttp(port);
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.destroyForcibly();
    }
}

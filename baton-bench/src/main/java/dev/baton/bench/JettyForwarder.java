package dev.baton.bench;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The floor of {@link GatewayHarness}: Jetty 12 set up as {@code baton serve} sets it up (a virtual
 * thread per request, one connector, no server header) with one handler that does nothing but
 * forward: it reads the request body, sends it to the upstream on a kept-alive HTTP/1.1 connection
 * from a pool (blocking socket I/O on the request's virtual thread, as Baton's provider transport
 * does), and answers with the upstream's status and body. No authentication, no JSON, no pipeline,
 * no ledger, no metrics, no access log: what a gateway on this HTTP server costs before it does any
 * work of its own. Prints {@code forwarding http://127.0.0.1:PORT} once serving.
 * <p>
 * {@code java -cp benchmarks.jar dev.baton.bench.JettyForwarder UPSTREAM_URL}, e.g.
 * {@code http://127.0.0.1:9000/v1/chat/completions}
 */
public final class JettyForwarder {

    private record Connection(Socket socket, BufferedInputStream in, OutputStream out) {
    }

    private final String host;
    private final int port;
    private final String path;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    private JettyForwarder(URI upstream) {
        this.host = upstream.getHost();
        this.port = upstream.getPort();
        this.path = upstream.getRawPath();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) throw new IllegalArgumentException("usage: JettyForwarder UPSTREAM_URL");
        JettyForwarder forwarder = new JettyForwarder(URI.create(args[0]));
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(60_000);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = Content.Source.asInputStream(request).readAllBytes();
                Answer answer = forwarder.forward(body);
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(answer.body()), callback);
                return true;
            }
        });
        jetty.start();
        System.out.println("forwarding http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        jetty.join();
    }

    private record Answer(int status, byte[] body) {
    }

    private Answer forward(byte[] body) throws IOException {
        Connection c = idle.poll();
        if (c == null) {
            Socket s = new Socket(host, port);
            s.setTcpNoDelay(true);
            c = new Connection(s, new BufferedInputStream(s.getInputStream(), 8192), s.getOutputStream());
        }
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nAuthorization: Bearer sk-bench\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        c.out().write(request);
        c.out().flush();
        String status = line(c.in());
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String h; !(h = line(c.in())).isEmpty(); ) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(h.substring(15).strip());
            if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18) && h.toLowerCase(java.util.Locale.ROOT).contains("chunked")) chunked = true;
        }
        byte[] answer = chunked ? chunked(c.in()) : c.in().readNBytes(length);
        idle.add(c);
        return new Answer(code, answer);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
            out.write(in.readNBytes(size));
            line(in);
        }
        line(in); // the empty line after the last chunk (no trailers from these upstreams)
        return out.toByteArray();
    }

    /** One CRLF-ended line of ASCII, without the CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("the upstream closed the connection");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }
}

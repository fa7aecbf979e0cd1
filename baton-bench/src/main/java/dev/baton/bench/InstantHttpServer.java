package dev.baton.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal keep-alive HTTP/1.1 server on loopback that answers every request instantly with
 * one fixed body, so a benchmark measures the client side, not the server.
 */
public final class InstantHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] response;

    public InstantHttpServer(String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        response = new byte[h.length + b.length];
        System.arraycopy(h, 0, response, 0, h.length);
        System.arraycopy(b, 0, response, h.length, b.length);
        socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                int contentLength = readHead(in);
                if (contentLength < 0) return;
                in.skipNBytes(contentLength);
                out.write(response);
                out.flush();
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    /** Reads request headers; returns the Content-Length, or -1 at end of stream. */
    private static int readHead(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int contentLength = 0;
        boolean any = false;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                String l = line.toString().strip();
                if (l.isEmpty()) return contentLength;
                int colon = l.indexOf(':');
                if (colon > 0 && l.substring(0, colon).equalsIgnoreCase("content-length")) {
                    contentLength = Integer.parseInt(l.substring(colon + 1).strip());
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        return any ? contentLength : -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
    }
}

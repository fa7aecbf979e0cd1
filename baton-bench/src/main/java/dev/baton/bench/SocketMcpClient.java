package dev.baton.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A lean MCP client over Streamable HTTP for load: one session ({@code initialize},
 * {@code notifications/initialized}, {@code tools/call}, {@code DELETE} at close) on one kept-alive
 * HTTP/1.1 connection of its own, written and read directly on the socket (no HTTP client, no
 * selector thread, no per-request objects beyond the bytes). Answers are read from a JSON body or
 * from the response's event stream; every answer is parsed and checked (status, session header,
 * JSON-RPC id, error). Notifications on the stream (a {@code data:} line that opens with
 * {@code {"jsonrpc":"2.0","method":"notifications/}) are counted, not parsed.
 */
final class SocketMcpClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROTOCOL = "2025-06-18";
    private static final byte[] NOTIFICATION = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MS = 120_000;

    private final String host;
    private final int port;
    private final String path;
    private Socket socket;
    private InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private OutputStream out;
    private String session;
    private int nextId = 1;
    private long notifications;
    /** The current line or event data; grown as needed. */
    private byte[] line = new byte[1024];
    private int lineLength;

    SocketMcpClient(String baseUrl) {
        URI uri = URI.create(baseUrl + "/mcp");
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.path = uri.getRawPath();
    }

    void initialize() throws IOException {
        int id = nextId++;
        Response r = post("""
                {"jsonrpc":"2.0","id":%d,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},
                "clientInfo":{"name":"baton-bench","version":"1"}}}""".formatted(id, PROTOCOL));
        if (r.session == null) {
            discard(r);
            throw new IOException("initialize: no Mcp-Session-Id in the answer (status " + r.status + ")");
        }
        session = r.session;
        answer(r, id);
        Response n = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        discard(n);
        if (n.status / 100 != 2) throw new IOException("notifications/initialized: status " + n.status);
    }

    /** Calls {@code tool} with {@code argumentsJson}; the call's {@code result}. */
    JsonNode callTool(String tool, String argumentsJson) throws IOException {
        int id = nextId++;
        return answer(post("""
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(id, tool, argumentsJson)), id);
    }

    /** The notifications read on this session's event streams so far. */
    long notifications() {
        return notifications;
    }

    private Response post(String body) throws IOException {
        return exchange("POST", body.getBytes(StandardCharsets.UTF_8));
    }

    private Response exchange(String method, byte[] body) throws IOException {
        if (socket == null) connect();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        if (body.length > 0) {
            head.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
        }
        head.append("MCP-Protocol-Version: ").append(PROTOCOL).append("\r\n");
        if (session != null) head.append("Mcp-Session-Id: ").append(session).append("\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return readHead();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        in = socket.getInputStream();
        position = limit = 0;
        out = new BufferedOutputStream(socket.getOutputStream(), 2048);
    }

    /** A response's status and the headers the client uses; its body is read next from {@link #in}. */
    private static final class Response {
        int status;
        long length = -1;
        boolean chunked;
        boolean stream;
        boolean close;
        String session;
        /** Bytes of the current chunk (chunked) or of the body (length) still unread. */
        long left;
        boolean done;
    }

    private Response readHead() throws IOException {
        Response r = new Response();
        if (!readLine()) throw new IOException("the connection closed before an answer");
        String status = ascii();
        if (!status.startsWith("HTTP/1.")) throw new IOException("not an HTTP answer: " + status);
        r.status = Integer.parseInt(status.substring(9, 12));
        while (readLine() && lineLength > 0) {
            String h = ascii();
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> r.length = Long.parseLong(value);
                case "transfer-encoding" -> r.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> r.stream = value.startsWith("text/event-stream");
                case "connection" -> r.close = value.equalsIgnoreCase("close");
                case "mcp-session-id" -> r.session = value;
                default -> {
                }
            }
        }
        if (!r.chunked) {
            if (r.length < 0 && (r.status == 204 || r.status == 304)) r.length = 0;
            if (r.length < 0) r.close = true; // read to the end of the connection
            r.left = r.length < 0 ? Long.MAX_VALUE : r.length;
            r.done = r.left == 0;
        }
        return r;
    }

    /** The {@code result} of the message answering {@code id}, from a JSON body or an event stream. */
    private JsonNode answer(Response r, int id) throws IOException {
        if (r.status / 100 != 2) {
            byte[] body = readAll(r);
            throw new IOException("status " + r.status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        if (!r.stream) return result(JSON.readTree(readAll(r)), id);
        JsonNode found = null;
        byte[] data = new byte[256];
        int dataLength = 0;
        while (bodyLine(r)) {
            if (startsWith(line, lineLength, "data:")) {
                int from = lineLength > 5 && line[5] == ' ' ? 6 : 5;
                if (dataLength > 0) data[dataLength++] = '\n';
                int n = lineLength - from;
                if (dataLength + n + 1 > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + n + 1));
                System.arraycopy(line, from, data, dataLength, n);
                dataLength += n;
            } else if (lineLength == 0 && dataLength > 0) {
                if (startsWith(data, dataLength, NOTIFICATION)) {
                    notifications++;
                } else {
                    JsonNode message = JSON.readTree(data, 0, dataLength);
                    if (found == null && message.has("id") && message.get("id").asInt() == id) found = message;
                }
                dataLength = 0;
            }
        }
        finish(r);
        if (found == null) throw new IOException("the event stream ended without the answer to request " + id);
        return result(found, id);
    }

    private static JsonNode result(JsonNode message, int id) throws IOException {
        if (message.has("error")) throw new IOException("request " + id + " failed: " + message.get("error"));
        JsonNode result = message.get("result");
        if (result == null) throw new IOException("request " + id + ": an answer with neither result nor error");
        return result;
    }

    /** Reads the next line of the body into {@link #line} (without its end); false at the body's end. */
    private boolean bodyLine(Response r) throws IOException {
        lineLength = 0;
        boolean any = false;
        for (int b; (b = bodyByte(r)) >= 0; ) {
            any = true;
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') lineLength--;
                return true;
            }
            append((byte) b);
        }
        return any;
    }

    private int bodyByte(Response r) throws IOException {
        if (r.done) return -1;
        if (r.chunked && r.left == 0) {
            if (!readLine()) throw new IOException("the chunked body ended early");
            if (lineLength == 0 && !readLine()) throw new IOException("the chunked body ended early"); // a chunk's CRLF
            String size = ascii();
            int semi = size.indexOf(';');
            r.left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (r.left == 0) {
                while (readLine() && lineLength > 0) {
                    // trailers
                }
                r.done = true;
                return -1;
            }
        }
        int b = read();
        if (b < 0) {
            if (!r.chunked && r.length < 0) {
                r.done = true;
                return -1;
            }
            throw new IOException("the connection closed inside a body");
        }
        if (--r.left == 0 && !r.chunked) r.done = true;
        return b;
    }

    private byte[] readAll(Response r) throws IOException {
        byte[] body = new byte[512];
        int n = 0;
        for (int b; (b = bodyByte(r)) >= 0; ) {
            if (n == body.length) body = Arrays.copyOf(body, n * 2);
            body[n++] = (byte) b;
        }
        finish(r);
        return Arrays.copyOf(body, n);
    }

    private void discard(Response r) throws IOException {
        while (bodyByte(r) >= 0) {
            // skipped
        }
        finish(r);
    }

    /** After a body: the connection is kept unless the server asked to close it. */
    private void finish(Response r) throws IOException {
        if (r.close) disconnect();
    }

    /** Reads a header or chunk-size line into {@link #line}; false at the end of the connection. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        for (int b; (b = read()) >= 0; ) {
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') lineLength--;
                return true;
            }
            append((byte) b);
        }
        return lineLength > 0;
    }

    /** The next byte from the connection, -1 at its end. */
    private int read() throws IOException {
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) return -1;
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
    }

    private void append(byte b) {
        if (lineLength == line.length) line = Arrays.copyOf(line, line.length * 2);
        line[lineLength++] = b;
    }

    private String ascii() {
        return new String(line, 0, lineLength, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int length, String prefix) {
        return startsWith(bytes, length, prefix.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        if (length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) return false;
        }
        return true;
    }

    private void disconnect() throws IOException {
        Socket s = socket;
        socket = null;
        if (s != null) s.close();
    }

    @Override
    public void close() throws IOException {
        try {
            if (session != null) {
                Response r = exchange("DELETE", new byte[0]);
                discard(r);
                session = null;
            }
        } finally {
            disconnect();
        }
    }
}

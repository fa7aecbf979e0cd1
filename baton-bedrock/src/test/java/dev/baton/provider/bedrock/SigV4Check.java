package dev.baton.provider.bedrock;

import dev.baton.testing.LoopbackServer.Recorded;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recomputes, independently of the SDK, the AWS Signature V4 {@code Authorization} header a
 * recorded request must carry when signed with the given secret key: the same access key id,
 * credential scope and signed headers as the request claims, and the signature only that secret
 * produces. Comparing it with the header the request carried proves the request was signed with
 * that secret (and not merely that some header is present).
 */
final class SigV4Check {

    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)");

    private SigV4Check() {
    }

    /** The header value the request should carry; a placeholder when it carries no SigV4 header at all. */
    static String expectedAuthorization(Recorded request, String secretKey) {
        String header = request.header("Authorization");
        Matcher m = header == null ? null : AUTH.matcher(header);
        if (m == null || !m.matches()) return "AWS4-HMAC-SHA256 Credential=… (no SigV4 Authorization header sent)";
        String accessKey = m.group(1);
        String scope = m.group(2);
        String signedHeaders = m.group(3);
        String amzDate = request.header("x-amz-date");
        String canonical = String.join("\n", request.method(), canonicalUri(request.path()),
                request.query() == null ? "" : request.query(), canonicalHeaders(request, signedHeaders),
                signedHeaders, hex(sha256(request.body().getBytes(StandardCharsets.UTF_8))));
        String toSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(sha256(canonical.getBytes(StandardCharsets.UTF_8))));
        String[] parts = scope.split("/");
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), parts[0]);
        key = hmac(key, parts[1]);
        key = hmac(key, parts[2]);
        key = hmac(key, parts[3]);
        String signature = hex(hmac(key, toSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    /** The SDK sends each path segment URI-encoded; SigV4 (outside S3) encodes it once more. */
    private static String canonicalUri(String decodedPath) {
        return Arrays.stream(decodedPath.split("/", -1)).map(seg -> encode(encode(seg)))
                .collect(Collectors.joining("/"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String canonicalHeaders(Recorded request, String signedHeaders) {
        StringBuilder sb = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = request.header(name);
            sb.append(name).append(':').append(value == null ? "" : value.strip().replaceAll(" +", " ")).append('\n');
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

package dev.baton.mcp.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed JWT client assertion (RFC 7523, {@code private_key_jwt}): {@code iss} and
 * {@code sub} the client id, {@code aud} the authorization server's issuer, valid for five
 * minutes, with a fresh {@code jti}. The key is a PKCS#8 PEM, EC P-256 (ES256) or RSA (RS256).
 */
final class ClientAssertion {

    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ClientAssertion() {
    }

    static String sign(String pem, String clientId, String audience) throws OAuthException {
        PrivateKey key = parse(pem);
        boolean ec = key instanceof ECPrivateKey;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", ec ? "ES256" : "RS256");
        header.put("typ", "JWT");
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", Pkce.randomToken());
        String input = b64(OAuthHttp.JSON.writeValueAsBytes(header)) + "." + b64(OAuthHttp.JSON.writeValueAsBytes(claims));
        try {
            Signature signer = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new OAuthException("could not sign the client assertion: " + e.getMessage(), e);
        }
    }

    private static PrivateKey parse(String pem) throws OAuthException {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new OAuthException("the OAuth private key is not a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        for (String algorithm : new String[]{"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new OAuthException("the OAuth private key is neither an EC nor an RSA PKCS#8 key");
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

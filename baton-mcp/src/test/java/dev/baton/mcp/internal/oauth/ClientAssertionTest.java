package dev.baton.mcp.internal.oauth;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAssertionTest {

    @Test
    void given_an_ec_p256_pem_key_then_the_assertion_is_an_es256_jwt_for_the_client_and_audience_that_verifies()
            throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        String jwt = ClientAssertion.sign(pem, "client-7", "https://as.example");

        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = OAuthHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = OAuthHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asString()).isEqualTo("ES256");
        assertThat(claims.path("iss").asString()).isEqualTo("client-7");
        assertThat(claims.path("sub").asString()).isEqualTo("client-7");
        assertThat(claims.path("aud").asString()).isEqualTo("https://as.example");
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void a_key_that_is_not_pkcs8_is_refused_without_showing_it() {
        assertThatThrownBy(() -> ClientAssertion.sign("not-a-key!!", "c", "https://as"))
                .isInstanceOf(OAuthException.class).hasMessageContaining("PKCS#8").hasMessageNotContaining("not-a-key");
    }
}

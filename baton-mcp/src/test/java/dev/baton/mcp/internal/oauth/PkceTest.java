package dev.baton.mcp.internal.oauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    @Test
    void the_s256_challenge_of_the_rfc_7636_example_verifier_is_the_rfc_example_challenge() {
        // RFC 7636 appendix B
        assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void each_pair_is_fresh_43_url_safe_characters_and_its_challenge_matches() {
        Pkce a = Pkce.create();
        Pkce b = Pkce.create();

        assertThat(a.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.verifier());
        assertThat(a.challenge()).isEqualTo(Pkce.s256(a.verifier()));
        assertThat(a.toString()).doesNotContain(a.verifier());
    }
}

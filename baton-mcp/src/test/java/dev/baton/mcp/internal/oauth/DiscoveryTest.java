package dev.baton.mcp.internal.oauth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryTest {

    private static final URI SERVER = URI.create("http://h:8080/mcp");

    @Test
    void protected_resource_metadata_is_looked_for_at_the_challenge_url_then_path_based_then_root() {
        var hinted = new BearerChallenge(null, null, URI.create("http://h:8080/custom/metadata.json"));

        assertThat(Discovery.resourceMetadataUrls(SERVER, hinted)).containsExactly(
                URI.create("http://h:8080/custom/metadata.json"),
                URI.create("http://h:8080/.well-known/oauth-protected-resource/mcp"),
                URI.create("http://h:8080/.well-known/oauth-protected-resource"));
        assertThat(Discovery.resourceMetadataUrls(URI.create("http://h/"), new BearerChallenge(null, null, null)))
                .containsExactly(URI.create("http://h/.well-known/oauth-protected-resource"));
    }

    @Test
    void an_issuer_with_a_path_is_looked_up_with_the_path_inserted_then_appended_and_never_at_the_root() {
        assertThat(Discovery.authServerMetadataUrls(URI.create("https://as/tenant1"))).containsExactly(
                URI.create("https://as/.well-known/oauth-authorization-server/tenant1"),
                URI.create("https://as/.well-known/openid-configuration/tenant1"),
                URI.create("https://as/tenant1/.well-known/openid-configuration"));
        assertThat(Discovery.authServerMetadataUrls(URI.create("https://as"))).containsExactly(
                URI.create("https://as/.well-known/oauth-authorization-server"),
                URI.create("https://as/.well-known/openid-configuration"));
    }

    @Test
    void a_resource_covers_the_server_only_on_the_same_origin_and_an_enclosing_path() {
        assertThat(Discovery.covers("http://h:8080/mcp", SERVER)).isTrue();
        assertThat(Discovery.covers("http://h:8080", SERVER)).isTrue();
        assertThat(Discovery.covers("https://evil.example.com/mcp", SERVER)).isFalse();
        assertThat(Discovery.covers("http://h:9090/mcp", SERVER)).isFalse();
        assertThat(Discovery.covers("http://h:8080/other", SERVER)).isFalse();
        assertThat(Discovery.covers("http://h:8080/mc", SERVER)).isFalse();
        assertThat(Discovery.covers("http://h:8080/mcp#frag", SERVER)).isFalse();
    }

    @Test
    void the_2025_03_26_defaults_are_at_the_servers_origin() {
        AuthServerMetadata d = AuthServerMetadata.defaultsAt(URI.create("http://h:8080/"));

        assertThat(List.of(d.authorizationEndpoint(), d.tokenEndpoint(), d.registrationEndpoint())).containsExactly(
                URI.create("http://h:8080/authorize"), URI.create("http://h:8080/token"), URI.create("http://h:8080/register"));
    }
}

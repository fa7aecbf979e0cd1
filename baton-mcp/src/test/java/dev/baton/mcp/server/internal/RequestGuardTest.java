package dev.baton.mcp.server.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGuardTest {

    @Test
    void the_host_name_of_a_host_header_drops_the_port_and_keeps_ipv6_brackets() {
        assertThat(RequestGuard.hostName("LocalHost:8787")).isEqualTo("localhost");
        assertThat(RequestGuard.hostName("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(RequestGuard.hostName("[::1]:8787")).isEqualTo("[::1]");
    }
}

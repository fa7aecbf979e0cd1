package dev.baton.mcp.server.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UriTemplateTest {

    @Test
    void extracts_each_variable_of_a_matching_uri() {
        UriTemplate t = new UriTemplate("baton://artifact/{ensemble}/{id}");

        assertThat(t.variables("baton://artifact/review/20260101-000000-000"))
                .containsExactly(java.util.Map.entry("ensemble", "review"), java.util.Map.entry("id", "20260101-000000-000"));
    }

    @Test
    void a_uri_that_does_not_match_has_no_variables_and_literal_parts_are_not_patterns() {
        UriTemplate t = new UriTemplate("test://a.b/{id}");

        assertThat(t.variables("test://aXb/1")).isEmpty();
        assertThat(t.variables("test://a.b/1/extra")).isEmpty();
        assertThat(t.variables("test://a.b/1")).containsEntry("id", "1");
    }
}

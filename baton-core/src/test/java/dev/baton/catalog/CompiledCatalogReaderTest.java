package dev.baton.catalog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompiledCatalogReaderTest {

    @Test
    void the_bundled_catalog_reads_as_the_record_binding_read_it() throws Exception {
        byte[] json;
        try (InputStream in = ModelCatalog.class.getResourceAsStream(ModelCatalog.COMPILED_RESOURCE)) {
            assertThat(in).as("the build compiles the bundled catalog").isNotNull();
            json = in.readAllBytes();
        }
        CatalogFileSpec read = new CatalogReader().parseCompiled(new ByteArrayInputStream(json), "bundled").spec();

        assertThat(read.models()).hasSizeGreaterThan(20);
        assertThat(read).isEqualTo(CatalogReader.bindCompiled(json));
    }

    @Test
    void every_field_of_an_entry_reads_as_the_binding_reads_it() throws Exception {
        byte[] json = """
                {"prices_as_of":"2025-10-31","models":[{"provider":"mistral","kind":"openai","model":"m","aliases":["a","b"],
                "context_window":32000,"max_output_tokens":0,"capabilities":["TOOLS","STREAMING"],
                "prices":{"input":1,"cached_input":0.10,"output":2.50},"prices_as_of":"2025-01-02","description":"d"},
                {"provider":"x","model":"y","prices":null,"aliases":null}]}
                """.getBytes(StandardCharsets.UTF_8);

        assertThat(new CatalogReader().parseCompiled(new ByteArrayInputStream(json), "t").spec())
                .isEqualTo(CatalogReader.bindCompiled(json));
    }

    @Test
    void a_key_it_does_not_know_says_the_jar_and_its_catalog_disagree() {
        byte[] json = "{\"models\":[{\"provider\":\"x\",\"model\":\"y\",\"speed\":3}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CatalogReader().parseCompiled(new ByteArrayInputStream(json), "t"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown key 'speed'");
    }
}

package dev.baton.catalog;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundledCatalogCompiledTest {

    @Test
    void the_build_compiles_the_bundled_catalog_and_it_holds_exactly_what_the_yaml_says() throws Exception {
        CatalogReader reader = new CatalogReader();
        CatalogReader.ParsedFile compiled;
        try (InputStream in = ModelCatalog.class.getResourceAsStream(ModelCatalog.COMPILED_RESOURCE)) {
            assertThat(in).as("the build writes " + ModelCatalog.COMPILED_RESOURCE).isNotNull();
            compiled = reader.parseCompiled(in, ModelCatalog.BUNDLED_SOURCE);
        }
        CatalogReader.ParsedFile yaml = reader.parse(ModelCatalog.bundledText(), ModelCatalog.BUNDLED_SOURCE);

        assertThat(compiled.spec()).isEqualTo(yaml.spec());
        assertThat(new CatalogAssembler().apply(compiled).entries())
                .isEqualTo(new CatalogAssembler().apply(yaml).entries())
                .hasSizeGreaterThan(20);
        assertThat(ModelCatalog.load(List.of()).list(java.util.Optional.empty()))
                .containsExactlyInAnyOrderElementsOf(new CatalogAssembler().apply(yaml).entries());
    }
}

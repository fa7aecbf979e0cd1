package dev.baton.store;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code store:} and {@code BATON_STORE_URL}: what is chosen, what is refused, and that the password never shows. */
class StoreConfigTest {

    private static final String PASSWORD = "s3cret-Pg-Pa55word";

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of("PGPASSWORD", PASSWORD)));

    @Test
    void givenNoStore_whenResolved_thenItIsTheDefaultSqliteFile() {
        StoreSettings s = StoreSettings.resolve(null, Map.of(), tmp, tmp.resolve("data/baton.db"));

        assertThat(s.kind()).isEqualTo(StoreKind.SQLITE);
        assertThat(s.path()).isEqualTo(tmp.resolve("data/baton.db"));
    }

    @Test
    void givenASqlitePath_whenResolved_thenItIsRelativeToTheProject() {
        BatonConfig c = loader.parse("store:\n  path: .baton/usage.db\n", tmp.resolve("config.yaml"));

        assertThat(StoreSettings.resolve(c.store(), Map.of(), tmp, tmp.resolve("x.db")).path())
                .isEqualTo(tmp.resolve(".baton/usage.db"));
    }

    @Test
    void givenAPostgresStore_whenResolved_thenUrlUserPoolAndTheExpandedPasswordAreUsed() {
        BatonConfig c = loader.parse("""
                store:
                  kind: postgres
                  url: jdbc:postgresql://db:5432/baton
                  user: baton
                  password: ${PGPASSWORD}
                  pool_size: 12
                """, tmp.resolve("config.yaml"));

        StoreSettings s = StoreSettings.resolve(c.store(), Map.of(), tmp, tmp.resolve("x.db"));

        assertThat(s.kind()).isEqualTo(StoreKind.POSTGRES);
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db:5432/baton");
        assertThat(s.effectiveUser()).isEqualTo("baton");
        assertThat(s.effectivePassword().reveal()).isEqualTo(PASSWORD);
        assertThat(s.poolSize()).isEqualTo(12);
        assertThat(s.toString()).doesNotContain(PASSWORD);
        assertThat(s.describe()).doesNotContain(PASSWORD);
        assertThat(c.store().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void givenBatonStoreUrl_whenResolved_thenItWinsAndItsParametersGiveUserAndPassword() {
        String url = "jdbc:postgresql://db/baton?user=replica&password=" + PASSWORD;

        StoreSettings s = StoreSettings.resolve(null, Map.of("BATON_STORE_URL", url), tmp, tmp.resolve("x.db"));

        assertThat(s.kind()).isEqualTo(StoreKind.POSTGRES);
        assertThat(s.effectiveUser()).isEqualTo("replica");
        assertThat(s.effectivePassword().reveal()).isEqualTo(PASSWORD);
        assertThat(s.toString()).doesNotContain(PASSWORD);
        assertThat(s.describe()).doesNotContain(PASSWORD).contains("password=****");
    }

    @Test
    void givenBadStoreValues_whenParsed_thenTheErrorNamesFileLineAndFieldButNeverThePassword() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                default_profile: x
                store:
                  kind: mysql
                """, file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("store").hasMessageContaining("unknown store kind 'mysql'");
        assertThatThrownBy(() -> loader.parse("""
                store:
                  kind: postgres
                  url: postgres://db/baton
                  password: ${PGPASSWORD}
                """, file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> loader.parse("""
                store:
                  kind: postgres
                  url: jdbc:postgresql://db/baton
                  password: ${PGPASSWORD}
                  pool_size: 1
                """, file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pool_size")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> loader.parse("""
                store:
                  path: a.db
                  password: ${PGPASSWORD}
                """, file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kind: postgres")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void givenAPostgresStoreWithoutUrl_whenResolved_thenTheErrorSaysWhereToPutOne() {
        BatonConfig c = loader.parse("store:\n  kind: postgres\n", tmp.resolve("config.yaml"));

        assertThatThrownBy(() -> StoreSettings.resolve(c.store(), Map.of(), tmp, tmp.resolve("x.db")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("store.url")
                .hasMessageContaining("BATON_STORE_URL");
        assertThatThrownBy(() -> StoreSettings.resolve(null, Map.of("BATON_STORE_URL", "mysql://x"), tmp, tmp))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BATON_STORE_URL");
    }
}

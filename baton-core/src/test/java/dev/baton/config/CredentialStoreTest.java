package dev.baton.config;

import dev.baton.secret.Secret;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CredentialStoreTest {

    private static final String OPENAI_KEY = "sk-proj-Zq8Xw2Lr5Tn0Vb7Kd3Hm9Pf1Yc4Gs6Ja";
    private static final String ANTHROPIC_KEY = "sk-ant-api03-Rt5Uy7Io9Pa1Sd3Fg5Hj7Kl9";
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:30Z");

    @TempDir
    Path tmp;
    Path dir;
    CredentialStore store;

    @BeforeEach
    void setUp() {
        dir = tmp.resolve("config/baton");
        store = new CredentialStore(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String lastFour(String key) {
        return "****" + key.substring(key.length() - 4);
    }

    private List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stored_keys_round_trip_through_a_fresh_store() {
        store.put("openai", Secret.of(OPENAI_KEY));
        store.put("anthropic", Secret.of(ANTHROPIC_KEY));

        CredentialStore reopened = new CredentialStore(dir);
        assertThat(reopened.get("openai")).map(Secret::reveal).contains(OPENAI_KEY);
        assertThat(reopened.get("anthropic")).map(Secret::reveal).contains(ANTHROPIC_KEY);
        assertThat(reopened.get("gemini")).isEmpty();
        assertThat(reopened.list()).containsExactly(
                new StoredCredential("anthropic", lastFour(ANTHROPIC_KEY), NOW),
                new StoredCredential("openai", lastFour(OPENAI_KEY), NOW));
    }

    @Test
    void put_replaces_and_remove_deletes() {
        store.put("openai", Secret.of(OPENAI_KEY));
        store.put("openai", Secret.of("sk-second-key-0000000000"));

        assertThat(store.get("openai")).map(Secret::reveal).contains("sk-second-key-0000000000");
        assertThat(store.list()).hasSize(1);
        assertThat(store.remove("openai")).isTrue();
        assertThat(store.remove("openai")).isFalse();
        assertThat(store.get("openai")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void reading_an_empty_store_creates_nothing() {
        assertThat(store.get("openai")).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(store.remove("openai")).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void key_file_is_owner_only_and_directory_is_created_owner_only() throws IOException {
        assumeTrue(posix(tmp), "POSIX permissions not supported here");

        store.put("openai", Secret.of(OPENAI_KEY));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(Files.size(store.keyFile())).isEqualTo(32);
    }

    @Test
    void a_key_file_others_can_read_is_refused() throws IOException {
        assumeTrue(posix(tmp), "POSIX permissions not supported here");
        store.put("openai", Secret.of(OPENAI_KEY));
        Files.setPosixFilePermissions(store.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> store.get("openai"))
                .isInstanceOf(BatonException.class)
                .hasMessageContaining(store.keyFile().toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("refuses")
                .satisfies(e -> assertThat(((BatonException) e).suggestion()).contains("run: chmod 600 " + store.keyFile()));
        assertThatThrownBy(() -> store.put("gemini", Secret.of("AIzaSyD-0123456789")))
                .hasMessageContaining("refuses");
    }

    @Test
    void a_tampered_file_fails_naming_the_file() throws IOException {
        store.put("openai", Secret.of(OPENAI_KEY));
        byte[] bytes = Files.readAllBytes(store.file());
        bytes[bytes.length - 20] ^= 0x01;
        Files.write(store.file(), bytes);

        assertThatThrownBy(() -> store.get("openai"))
                .isInstanceOf(BatonException.class)
                .satisfies(e -> assertThat(((BatonException) e).code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining(store.file().toString())
                .hasMessageContaining("tag mismatch")
                .hasMessageNotContaining(OPENAI_KEY);
        // a write must not silently replace what it cannot read
        assertThatThrownBy(() -> store.put("gemini", Secret.of("AIzaSyD-0123456789")))
                .hasMessageContaining("tag mismatch");
    }

    @Test
    void a_truncated_file_or_a_foreign_key_fails_naming_the_file() throws IOException {
        store.put("openai", Secret.of(OPENAI_KEY));
        byte[] original = Files.readAllBytes(store.file());

        Files.write(store.file(), Arrays.copyOf(original, 10));
        assertThatThrownBy(() -> store.list()).hasMessageContaining(store.file() + " is not a Baton credentials file");

        Files.write(store.file(), original);
        Files.write(store.keyFile(), new byte[32]);
        assertThatThrownBy(() -> store.list()).hasMessageContaining(store.file().toString())
                .hasMessageContaining("different key");

        Files.delete(store.keyFile());
        assertThatThrownBy(() -> store.list()).hasMessageContaining("is missing");
    }

    @Test
    void writes_leave_no_temporary_files_and_use_a_fresh_iv() throws IOException {
        store.put("openai", Secret.of(OPENAI_KEY));
        byte[] first = Files.readAllBytes(store.file());
        store.remove("openai");
        store.put("openai", Secret.of(OPENAI_KEY));
        byte[] second = Files.readAllBytes(store.file());

        assertThat(filesIn(dir)).containsExactly("credentials.enc", "credentials.key", "credentials.lock");
        assertThat(second).isNotEqualTo(first);
        assertThat(Arrays.copyOfRange(second, 8, 20)).isNotEqualTo(Arrays.copyOfRange(first, 8, 20));
    }

    @Test
    void concurrent_writers_lose_nothing() throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(pool.submit(() -> new CredentialStore(dir).put("p" + n, Secret.of("key-value-" + n + "-xyz"))));
            }
        }
        for (Future<?> f : futures) f.get();

        assertThat(store.list()).hasSize(24);
        assertThat(store.get("p17")).map(Secret::reveal).contains("key-value-17-xyz");
        assertThat(filesIn(dir)).containsExactly("credentials.enc", "credentials.key", "credentials.lock");
    }

    @Test
    void list_shows_at_most_the_last_four_characters() {
        store.put("openai", Secret.of(OPENAI_KEY));
        store.put("short", Secret.of("abc12345"));

        List<StoredCredential> listed = store.list();

        assertThat(listed).extracting(StoredCredential::hint).containsExactly(lastFour(OPENAI_KEY), "****");
        String shown = listed.toString();
        assertThat(shown).doesNotContain(OPENAI_KEY.substring(OPENAI_KEY.length() - 5)).doesNotContain("abc1");
    }

    @Test
    void neither_the_keys_nor_the_aes_key_appear_in_the_encrypted_file() throws IOException {
        store.put("openai", Secret.of(OPENAI_KEY));
        store.put("anthropic", Secret.of(ANTHROPIC_KEY));

        byte[] sealed = Files.readAllBytes(store.file());
        byte[] aesKey = Files.readAllBytes(store.keyFile());
        String asLatin1 = new String(sealed, StandardCharsets.ISO_8859_1);

        for (String needle : List.of(OPENAI_KEY, ANTHROPIC_KEY, OPENAI_KEY.substring(0, 12), "openai", "added_at",
                new String(aesKey, StandardCharsets.ISO_8859_1), Base64.getEncoder().encodeToString(aesKey))) {
            assertThat(asLatin1).doesNotContain(needle);
        }
        assertThat(HexFormat.of().formatHex(sealed)).doesNotContain(HexFormat.of().formatHex(aesKey));
    }

    @Test
    void blank_provider_names_are_rejected() {
        assertThatThrownBy(() -> store.put(" ", Secret.of(OPENAI_KEY))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("")).isInstanceOf(IllegalArgumentException.class);
    }
}

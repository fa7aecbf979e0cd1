package dev.baton.store;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.secret.Secret;
import org.jspecify.annotations.Nullable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The store to open, resolved from {@code store:} and the environment: a SQLite file, or a
 * PostgreSQL URL with its user, password and pool size. {@code BATON_STORE_URL} (a
 * {@code jdbc:postgresql:} URL) wins over the file's {@code store:}; its user and password come
 * from the URL's {@code user}/{@code password} parameters, else from {@code store:}. The password
 * is a {@link Secret}: {@link #toString()} and {@link #describe()} never show it.
 */
public record StoreSettings(StoreKind kind, @Nullable Path path, @Nullable String url, @Nullable String user,
                            @Nullable Secret password, int poolSize) {

    /** The environment variable that points every replica at one PostgreSQL store. */
    public static final String URL_VARIABLE = "BATON_STORE_URL";
    /** Connections per process when {@code pool_size} is not set. */
    public static final int DEFAULT_POOL_SIZE = 10;

    /** A SQLite store in {@code file}. */
    public static StoreSettings sqlite(Path file) {
        return new StoreSettings(StoreKind.SQLITE, file, null, null, null, DEFAULT_POOL_SIZE);
    }

    /** A PostgreSQL store. */
    public static StoreSettings postgres(String url, @Nullable String user, @Nullable String password, int poolSize) {
        return new StoreSettings(StoreKind.POSTGRES, null, url, user, Secret.ofNullable(password), poolSize);
    }

    /**
     * Resolves the store: {@code BATON_STORE_URL} if set, else {@code config} (a relative SQLite
     * path is relative to {@code projectRoot}), else the SQLite file {@code defaultFile}.
     */
    public static StoreSettings resolve(BatonConfig.@Nullable StoreConfig config, Map<String, String> env,
                                        Path projectRoot, Path defaultFile) {
        String envUrl = env.get(URL_VARIABLE);
        if (envUrl != null && !envUrl.isBlank()) {
            String url = envUrl.strip();
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException(URL_VARIABLE + " must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)");
            }
            boolean fromConfig = config != null && "postgres".equals(config.kind());
            return postgres(url, fromConfig ? config.user() : null, fromConfig ? config.password() : null,
                    fromConfig && config.poolSize() != null ? config.poolSize() : DEFAULT_POOL_SIZE);
        }
        if (config == null || "sqlite".equals(config.kind())) {
            String path = config == null ? null : config.path();
            return sqlite(path == null || path.isBlank() ? defaultFile : projectRoot.resolve(path));
        }
        if (config.url() == null || config.url().isBlank()) {
            throw new ConfigException("store.url: a postgres store needs a url (jdbc:postgresql://HOST:PORT/DB)"
                    + " in store: or in " + URL_VARIABLE);
        }
        return postgres(config.url(), config.user(), config.password(),
                config.poolSize() == null ? DEFAULT_POOL_SIZE : config.poolSize());
    }

    /** The user: {@link #user()} or the URL's {@code user} parameter. */
    public @Nullable String effectiveUser() {
        String fromUrl = parameter("user");
        return user != null ? user : fromUrl;
    }

    /** The password: {@link #password()} or the URL's {@code password} parameter. */
    public @Nullable Secret effectivePassword() {
        return password != null ? password : Secret.ofNullable(parameter("password"));
    }

    /** The store for messages: the file, or the URL without its password. */
    public String describe() {
        return kind == StoreKind.SQLITE ? "the SQLite store " + path : "the PostgreSQL store " + redacted(url);
    }

    /** {@code url} with any {@code password=} parameter masked. */
    public static @Nullable String redacted(@Nullable String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    private @Nullable String parameter(String name) {
        if (url == null) return null;
        int q = url.indexOf('?');
        if (q < 0) return null;
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "StoreSettings[" + describe() + (user != null ? ", user=" + user : "") + ", pool_size=" + poolSize + "]";
    }
}

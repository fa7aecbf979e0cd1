package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.config.BatonConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md lists exactly the keys {@code config.yaml} accepts. The real keys are
 * derived from {@link BatonConfig}, the record the loader binds (strictly, so it is the whole set):
 * each component's YAML name, nested records as {@code a.b}, maps of records as
 * {@code a.<name>.b}, lists of records as {@code a[].b}. The documented keys are the first cells of
 * the page's tables whose header starts with {@code key}.
 */
class ConfigurationReferenceTest {

    private static final Pattern CODE = Pattern.compile("^\\|\\s*`([^`]+)`");

    @Test
    void the_reference_documents_every_key_the_loader_accepts_and_no_other() throws IOException {
        Set<String> real = new TreeSet<>();
        keys(BatonConfig.class, "", real);
        Set<String> documented = documentedKeys(DocBlocks.root().resolve("docs/configuration.md"));

        assertThat(difference(real, documented)).as("keys config.yaml accepts that docs/configuration.md leaves out").isEmpty();
        assertThat(difference(documented, real)).as("keys docs/configuration.md lists that config.yaml rejects").isEmpty();
    }

    @Test
    void the_derived_keys_include_nested_mapped_and_listed_records() {
        Set<String> real = new TreeSet<>();
        keys(BatonConfig.class, "", real);

        assertThat(real).contains("default_profile", "providers.<name>.base_url", "profiles.<name>.prices.cached_input",
                "budgets[].scope", "retry.max_attempts", "store.path", "aliases", "routing");
        assertThat(real).doesNotContain("providers.<name>", "defaultProfile");
    }

    @Test
    void the_reference_is_linked_from_the_readme() throws IOException {
        assertThat(Files.readString(DocBlocks.root().resolve("README.md"))).contains("(docs/configuration.md)");
    }

    /** The YAML keys of {@code type} and everything nested in it, with {@code prefix}. */
    private static void keys(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonIgnore.class)) continue;
            JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
            String key = prefix + (named != null && !named.value().isEmpty() ? named.value() : c.getName());
            out.add(key);
            Type generic = c.getGenericType();
            if (c.getType().isRecord()) {
                keys(c.getType(), key + ".", out);
            } else if (generic instanceof ParameterizedType p && Map.class.isAssignableFrom(c.getType())
                    && p.getActualTypeArguments()[1] instanceof Class<?> value && value.isRecord()) {
                keys(value, key + ".<name>.", out);
            } else if (generic instanceof ParameterizedType p && List.class.isAssignableFrom(c.getType())
                    && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                keys(element, key + "[].", out);
            }
        }
    }

    /** First-cell code spans of every table whose header's first cell is "key". */
    static Set<String> documentedKeys(Path page) throws IOException {
        Set<String> keys = new TreeSet<>();
        boolean inKeyTable = false;
        String previous = "";
        for (String line : Files.readAllLines(page)) {
            if (!line.startsWith("|")) {
                inKeyTable = false;
            } else if (!previous.startsWith("|")) {
                inKeyTable = line.matches("^\\|\\s*key\\s*\\|.*");
            } else if (inKeyTable) {
                Matcher m = CODE.matcher(line);
                if (m.find()) keys.add(m.group(1));
            }
            previous = line;
        }
        return keys;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}

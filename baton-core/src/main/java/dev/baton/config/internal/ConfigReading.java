package dev.baton.config.internal;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * What reading one configuration document needs besides the tree: the expander of
 * {@code ${ENV}} (which remembers unset variables with the file, line and field they were met
 * in) and the file being read (null for text without one).
 */
record ConfigReading(EnvExpander env, @Nullable Path source) {

    /** A string value as written at {@code node}, {@code ${ENV}} expanded. */
    String expand(YamlNode.Scalar node, ConfigValue.Site site) {
        return env.expand(node.text(), source, node.line(), site.path().plain());
    }
}

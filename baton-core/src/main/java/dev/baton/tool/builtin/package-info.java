/**
 * The built-in tools as one {@link dev.baton.tool.ToolSource} named {@code builtin}: file reading,
 * listing, searching and inspection, file writing and patching, commands, and an opt-in HTTP GET,
 * every path and command going through a {@link dev.baton.tool.Sandbox}.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.tool.builtin;

import org.jspecify.annotations.NullMarked;

/**
 * The provider SPI (`ProviderFactory`) and what adapters share: settings, HTTP, error mapping, stream readers.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider;

import org.jspecify.annotations.NullMarked;

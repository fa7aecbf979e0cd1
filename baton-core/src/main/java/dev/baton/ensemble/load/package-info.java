/**
 * Reading ensembles: parsing YAML into a spec ({@link dev.baton.ensemble.load.EnsembleParser}),
 * validating it ({@link dev.baton.ensemble.load.EnsembleValidator}), loading it with both ({@link
 * dev.baton.ensemble.load.EnsembleLoader}) and finding ensembles by name ({@link
 * dev.baton.ensemble.load.EnsembleCatalog}); problems carry file, line and field.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.load;

import org.jspecify.annotations.NullMarked;

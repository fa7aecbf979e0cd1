/**
 * The ensemble service every face calls ({@code baton.ensembles()}): find, load, validate, run,  *
 * batch and test ensembles; their scripts and recorded runs.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.service;

import org.jspecify.annotations.NullMarked;

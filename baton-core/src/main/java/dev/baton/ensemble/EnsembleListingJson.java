package dev.baton.ensemble;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One ensemble file in a listing ({@code baton ensembles list -o json}, the servers' ensemble
 * lists). A file that cannot be read or parsed at all is still listed, with zero agents and the
 * reason in {@code error}.
 *
 * @param name     the ensemble's name, or the file name when it does not parse
 * @param tier     {@code project} or {@code user}
 * @param file     the file, relative to the working directory when under it
 * @param problems how many definition problems the file has
 * @param error    why the file could not be read or parsed; omitted when it could
 * @param shadowed whether an ensemble of the same name earlier in the search path hides this one
 */
public record EnsembleListingJson(String name, String description, int agents, int tests, String tier, String file,
                                  int problems, @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                                  boolean shadowed) {
}

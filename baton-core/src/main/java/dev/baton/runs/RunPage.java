package dev.baton.runs;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of a listing, and where the next starts (null: this is the last). */
public record RunPage(List<StoredRun> runs, @Nullable RunCursor next) {
}

package dev.baton.store;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

/** The store's schema is newer than this Baton knows: a newer Baton migrated it. Not retried. */
public final class StoreVersionException extends BatonException {

    public StoreVersionException(String store, int found, int known) {
        super(ErrorCode.CONFIGURATION, store + " has schema version " + found
                + ", newer than this Baton's " + known + ": upgrade Baton (or point it at another store)");
    }
}

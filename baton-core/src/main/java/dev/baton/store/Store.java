package dev.baton.store;

import javax.sql.DataSource;

/**
 * The store a {@code Baton} opened (on first use): its kind and connections to it, for parts of
 * Baton that keep tables of their own next to the ledger (the task queue). Closed with the Baton.
 */
public interface Store {

    /** SQLite or PostgreSQL. */
    StoreKind kind();

    /**
     * Connections to the store's database: the PostgreSQL pool, or new connections to the SQLite
     * file. The caller closes each connection it takes, never the data source.
     */
    DataSource dataSource();

    /** The database for messages: the file, or the URL without credentials. */
    String describe();
}

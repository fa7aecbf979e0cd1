package dev.baton.store.internal;

import java.sql.SQLException;

/**
 * One unit of work for the {@link BatchWriter}: applied inside a batch transaction on the writer
 * connection, in submission order. {@link #apply} may run more than once (a batch that failed is
 * replayed op by op), so it must not keep effects outside the database until {@link #committed()}.
 */
interface WriteOp {

    void apply(WriteContext context) throws SQLException;

    /** The transaction holding this op committed. */
    default void committed() {
    }

    /** The op could not be stored. */
    default void failed(Exception e) {
    }
}

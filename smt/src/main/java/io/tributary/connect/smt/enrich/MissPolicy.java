package io.tributary.connect.smt.enrich;

/** What a record whose key has no row in the dimension table gets. */
public enum MissPolicy {
    /** Every added field is null. */
    NULL,
    /** Every added field holds its configured default ({@code miss.defaults}), null where none is configured. */
    DEFAULT,
    /** The record fails with a DataException, so errors.tolerance and the dead-letter queue decide. */
    FAIL
}

package io.tributary.connect.smt.rules;

/** What a failed validation does to the record. */
public enum FailurePolicy {
    /** The record is dropped, and no later rule sees it. */
    DROP,
    /** Evaluation stops with an error naming the rule and the record (a DataException in Connect). */
    FAIL,
    /** The record goes on, marked with the failed rule's id (a header in Connect); later rules still run. */
    TAG
}

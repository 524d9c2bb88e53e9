package dev.shopreco.common.model;

/** Why a record was refused. The codes are stable: metrics and dashboards count by them. */
public enum RejectReason {
    /** The text is not JSON, or is cut short. */
    MALFORMED_JSON,
    /** Valid JSON, but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field holds a value of the wrong type (text for a number, a fraction for an id, ...). */
    WRONG_TYPE,
    /** An id is zero, negative or out of range. */
    INVALID_ID,
    /** {@code event_type} is not one the system knows. */
    UNKNOWN_EVENT_TYPE,
    /** {@code timestamp} does not parse as an ISO local date-time. */
    BAD_TIMESTAMP,
    /**
     * {@code timestamp} is further ahead of the wall clock than {@code EVENT_TIME_MAX_AHEAD} allows: a
     * broken clock, not an event. Accepted, it would move the session clock past every open session.
     */
    FUTURE_TIMESTAMP,
    /** The record is larger than the configured limit. */
    OVERSIZED,
    /** A key appears twice in one object: which value is meant is ambiguous. */
    DUPLICATE_KEY,
    /** {@code NaN}, {@code Infinity}, or a number no double can hold ({@code 1e400}, a 1,000-digit number). */
    NUMBER_OUT_OF_RANGE,
    /** Objects or arrays nested deeper than the validation allows (a record of the shop is flat). */
    TOO_DEEPLY_NESTED,
    /** A stage failed on the record with an exception (a defect): the dead letter names the exception. */
    PROCESSING_FAILED,
    /** The topic's serde cannot read the record's bytes (a foreign write to a topic the topology writes). */
    UNREADABLE_RECORD,
    /** A session event without {@code product_id} (dropped by the preparation, docs/design.md §1 step 2). */
    MISSING_PRODUCT_ID,
    /** No event of the session named a user before the session went idle (docs/design.md §1 step 3). */
    UNRESOLVED_USER
}

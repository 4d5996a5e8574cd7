/*
 * How an attempt ends, as the client sees it.
 */
#ifndef OUTCOME_H
#define OUTCOME_H

enum outcome {
    OUTCOME_SUCCESS,
    OUTCOME_UNAVAILABLE,     /* outage: failed at once */
    OUTCOME_ERROR,           /* error fault, retryable (like a 5xx) */
    OUTCOME_ERROR_PERMANENT, /* error fault, not retryable (like a 4xx) */
    OUTCOME_REJECTED,        /* the service's queue was full */
    OUTCOME_TIMEOUT,         /* the client stopped waiting */
    OUTCOME_SHORT_CIRCUITED, /* the client's breaker was open: not sent */
    OUTCOME_COUNT
};

#define OUTCOME_BIT(o) (1u << (o))

/* The retryable kinds, which retry_on may name. */
#define OUTCOME_RETRYABLE                                                    \
    (OUTCOME_BIT(OUTCOME_UNAVAILABLE) | OUTCOME_BIT(OUTCOME_ERROR) |         \
     OUTCOME_BIT(OUTCOME_TIMEOUT) | OUTCOME_BIT(OUTCOME_REJECTED))

#endif

/*
 * Graceful degradation: what a client serves when a request fails for
 * good. A cache fallback serves the client's last successful answer if it
 * is younger than ttl; a static one always serves a default. Either way
 * the request counts as degraded, not failed.
 */
#ifndef FALLBACK_H
#define FALLBACK_H

enum fallback_kind { FALLBACK_NONE, FALLBACK_CACHE, FALLBACK_STATIC };

struct fallback_config {
    enum fallback_kind kind;
    double ttl; /* seconds (cache) */
};

/*
 * Does a request that failed at time now get a fallback? last_success is
 * when the client last got a fresh answer (NAN if never). An answer
 * exactly ttl old is still served.
 */
int fallback_serves(const struct fallback_config *c, double last_success,
                    double now);

#endif

/*
 * Fallback decisions.
 */
#include <math.h>

#include "fallback.h"

int
fallback_serves(const struct fallback_config *c, double last_success,
                double now)
{
    switch (c->kind) {
    case FALLBACK_CACHE:
        return !isnan(last_success) && now - last_success <= c->ttl;
    case FALLBACK_STATIC:
        return 1;
    default:
        return 0;
    }
}

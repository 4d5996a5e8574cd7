#include "tests.h"

int
suite_metrics(void)
{
    static const struct test_entry tests[] = {
        {NULL, NULL},
    };

    return tests_add_suite("metrics", tests);
}

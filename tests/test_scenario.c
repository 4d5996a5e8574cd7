#include "tests.h"

int
suite_scenario(void)
{
    static const struct test_entry tests[] = {
        {NULL, NULL},
    };

    return tests_add_suite("scenario", tests);
}

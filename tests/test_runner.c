#include "tests.h"

int
suite_runner(void)
{
    static const struct test_entry tests[] = {
        {NULL, NULL},
    };

    return tests_add_suite("runner", tests);
}

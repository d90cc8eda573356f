/* libFuzzer: import_file() on arbitrary bytes as --type unit_costs. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("unit_costs")

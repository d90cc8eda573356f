/* libFuzzer: import_file() on arbitrary bytes as --type removal_orders. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("removal_orders")

/* libFuzzer: import_file() on arbitrary bytes as --type returns. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("returns")

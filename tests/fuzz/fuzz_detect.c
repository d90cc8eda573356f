/* libFuzzer: import_file() on arbitrary bytes, the type detected. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET(NULL)

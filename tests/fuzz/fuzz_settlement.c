/* libFuzzer: import_file() on arbitrary bytes as --type settlement. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("settlement")

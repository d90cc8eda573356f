/* libFuzzer: import_file() on arbitrary bytes as --type inbound. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("inbound")

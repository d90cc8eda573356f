/* libFuzzer: import_file() on arbitrary bytes as --type ledger. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("ledger")

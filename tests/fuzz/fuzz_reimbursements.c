/* libFuzzer: import_file() on arbitrary bytes as --type reimbursements. */
#include <stddef.h>

#include "tests/fuzz/harness.h"

HARNESS_TARGET("reimbursements")

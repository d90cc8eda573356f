# Helpers for the shell test suites, sourced by tests/t_*.sh.
# Each check prints "ok NAME" or "not ok NAME" plus what differed;
# tests/run counts them. A suite exits non-zero if any check failed.
set -u
: "${FBAUDIT:?FBAUDIT must name the binary under test}"
: "${TOOLS:?TOOLS must name the test tools folder}"
TOP=$(cd "$(dirname "$0")/.." && pwd)
FIX=$TOP/fixtures
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/fbaudit-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
# The suites start Python hundreds of times: they run Debian's, the one
# deploy/debian-deps.sh installs, not a version manager's shim found
# first on PATH (pyenv's shim is a bash script: 0.35 s of CPU a call,
# half of make check's CPU time on a machine that has it).
if [ -x /usr/bin/python3 ] && [ "$(command -v python3)" != /usr/bin/python3 ]
then
	mkdir "$T_TMP/bin" && ln -s /usr/bin/python3 "$T_TMP/bin/python3" &&
	    PATH=$T_TMP/bin:$PATH
fi

# fb ARGS...: runs the binary under test (through FBAUDIT_WRAP if set).
fb() {
	${FBAUDIT_WRAP:-} "$FBAUDIT" "$@"
}

ok() { echo "ok $1"; }

not_ok() {
	echo "not ok $1"
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@"
	T_FAILED=$((T_FAILED + 1))
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1" "expected: $2" "actual:   $3"; fi
}

# expect_cmp NAME EXPECTED_FILE ACTUAL_FILE: shows a diff when they differ.
expect_cmp() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		not_ok "$1" "$(diff -u "$2" "$3" | head -40)"; fi
}

# expect_grep NAME PATTERN FILE
expect_grep() {
	if grep -q -- "$2" "$3"; then ok "$1"; else
		not_ok "$1" "no line matching: $2" "$(head -5 "$3")"; fi
}

# expect_no_grep NAME PATTERN FILE
expect_no_grep() {
	if ! grep -q -- "$2" "$3"; then ok "$1"; else
		not_ok "$1" "unexpected: $(grep -- "$2" "$3" | head -3)"; fi
}

# dump DATADIR SELLER [--content]: the store as canonical text. A dump
# that fails is a failed check: an empty dump must never compare equal.
dump() {
	if ! "$TOOLS/dumpstore" ${3:+"$3"} "$1" "$2"; then
		not_ok "dump of $2 in $1"
		return 1
	fi
}

# golden NAME GOLDEN_FILE ACTUAL_FILE: compares, or with UPDATE_GOLDEN=1
# rewrites the golden file (then review the diff before committing).
golden() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$3" "$2"
		ok "$1 (golden updated)"
	else
		expect_cmp "$1" "$2" "$3"
	fi
}

# import_dump NAME FILE [IMPORT ARGS]: imports FILE for seller $S into a
# fresh store $T_TMP/d and leaves its content dump in $T_TMP/NAME.dump;
# a failed import is a failed check.
import_dump() {
	name=$1 file=$2
	shift 2
	rm -rf "$T_TMP/d"
	if fb -q -d "$T_TMP/d" import --seller "$S" "$@" "$file" \
	    2>"$T_TMP/err"; then
		dump "$T_TMP/d" "$S" --content >"$T_TMP/$name.dump"
		return 0
	fi
	not_ok "$name imports" "$(cat "$T_TMP/err")"
	return 1
}

# stop_bg PID: stops a helper process of the suite and reaps it (nothing
# when PID is empty).
stop_bg() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# sq DB SQL: sqlite3 for a store another process may be writing: WAL
# lets a reader in, but it can still meet a moment of SQLITE_BUSY (a
# checkpoint, the WAL's reset), so it waits for the lock instead of
# printing nothing.
sq() {
	sqlite3 -cmd ".timeout 30000" "$@"
}

# wait_for WHAT CMD [ARGS...]: runs CMD until it succeeds. A test waits
# for a condition, never for an amount of time: the bound (WAIT_FOR_MAX
# seconds, default 300) only turns a hang into a failed check, so it is
# far beyond what a loaded machine needs.
wait_for() {
	local what=$1 end
	shift
	end=$(($(date +%s) + ${WAIT_FOR_MAX:-300}))
	until "$@"; do
		if [ "$(date +%s)" -ge "$end" ]; then
			not_ok "waited for $what"
			return 1
		fi
		sleep 0.02
	done
	return 0
}

# fake_seller SELLER PORT: the [seller SELLER] section of a configuration
# for the loopback fake Selling Partner API on PORT (tests/fake_spapi.py),
# its secret files in $T_TMP (written by the caller, or by fake_secrets).
fake_seller() {
	echo "[seller $1]"
	echo "region = na"
	echo "marketplaces = ATVPDKIKX0DER"
	echo "client_id = amzn1.application-oa2-client.$1"
	echo "client_secret_file = $T_TMP/$1.secret"
	echo "refresh_token_file = $T_TMP/$1.refresh"
	echo "endpoint = http://127.0.0.1:$2"
	echo "lwa_endpoint = http://127.0.0.1:$2/auth/o2/token"
}

# fake_secrets SELLER: the fake's secret files of SELLER, owner-only.
fake_secrets() {
	printf 'cs-%s-s3cr3t\n' "$1" >"$T_TMP/$1.secret"
	printf 'rt-%s-r3fr3sh\n' "$1" >"$T_TMP/$1.refresh"
	chmod 600 "$T_TMP/$1.secret" "$T_TMP/$1.refresh"
}

finish() {
	exit $((T_FAILED > 0))
}

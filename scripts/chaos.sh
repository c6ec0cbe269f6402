#!/usr/bin/env bash
# The fault matrix: runs the fault tests that report a row each (a `chaos_row` line: a job under a
# fault, the entities expected / present / wrong / extra in each store, events lost and
# duplicated, the time to recover) at a larger size than CI does, prints the rows as one table,
# and ends with `chaos_rows=N` and `chaos_nothing_lost=M`. Exit code 0 only when every test
# passed and every row lost nothing.
#
#   scripts/chaos.sh [--records N]     snapshot size of each fault test [5000]
#
# Rows so far: TaskManager kill -9 under cdc (CdcOnClusterITCase), migrate (MigrateOnClusterITCase,
# its own 100,000 entities), dual-write at each step of its commit (DualWriteCrashITCase) and
# reconcile (ReconcileOnClusterITCase: its findings against 100 planted differences, the stores'
# columns n/a, its repair records as events). See docs/operations.md for the faults each job is
# tested under today.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

records=5000
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        *) echo "chaos.sh: unknown option '$1' (use --records N)" >&2; exit 2 ;;
    esac
done
case "$records" in ''|*[!0-9]*) echo "chaos.sh: --records: '$records' is not a number" >&2; exit 2 ;; esac
if [ "$records" -lt 400 ]; then echo "chaos.sh: --records: at least 400, got $records" >&2; exit 2; fi

tests="CdcOnClusterITCase,MigrateOnClusterITCase#killedTaskManagerHalfwayRestartsFromTheLastCheckpointAndLosesNothing,DualWriteCrashITCase,ReconcileOnClusterITCase#aTaskManagerKilledMidRunRestoresAndTheSameDifferencesAreFoundOnce"
log="$(mktemp "${TMPDIR:-/tmp}/chaos.XXXXXX.log")"
echo "== fault tests ($tests) with $records records; log: $log"
status=0
(cd testkit/node && npm ci --no-audit --no-fund --loglevel=error) >/dev/null
mvn -B -ntp verify -pl cli -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test="$tests" -Dcortexsync.chaos.records="$records" \
    >"$log" 2>&1 || status=$?
grep -E "Tests run:.*in io\.|BUILD (SUCCESS|FAILURE)" "$log" || true

grep -E '^chaos_row ' "$log" | awk '
    function value(key,   i, pair) {
        for (i = 2; i <= NF; i++) {
            split($i, pair, "=")
            if (pair[1] == key) return pair[2] == "-1" ? "n/a" : pair[2]
        }
        return "?"
    }
    BEGIN {
        printf "\n| job | fault | outcome | expected | SurrealDB present | Qdrant present | wrong | extra | events lost | events duplicated | recover (s) | nothing lost |\n"
        printf "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    }
    {
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", value("job"), value("fault"),
            value("outcome"), value("expected"), value("surreal_present"), value("qdrant_present"), value("wrong"),
            value("extra"), value("events_lost"), value("events_duplicated"), value("recover_s"), value("nothing_lost")
        rows++
        if (value("nothing_lost") == "true") kept++
    }
    END { printf "\nchaos_rows=%d\nchaos_nothing_lost=%d\n", rows, kept }
' | tee "$log.table"

rows=$(grep -c '^chaos_row ' "$log" || true)
kept=$(grep -c '^chaos_row .*nothing_lost=true' "$log" || true)
if [ "$status" -ne 0 ] || [ "$rows" -eq 0 ] || [ "$rows" -ne "$kept" ]; then
    echo "chaos.sh: a fault test failed or lost something (exit $status, $kept of $rows rows kept everything); see $log" >&2
    exit 1
fi

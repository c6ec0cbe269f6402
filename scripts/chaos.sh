#!/usr/bin/env bash
# The fault matrix: runs the fault tests that report a row each (a `chaos_row` line: a job under a
# fault, the entities expected / present / wrong / extra in each store, events lost and
# duplicated, the time to recover) at a larger size than CI does, prints the rows as one table,
# and ends with `chaos_rows=N` and `chaos_nothing_lost=M`. Exit code 0 only when every test
# passed and every row lost nothing.
#
#   scripts/chaos.sh [--records N] [--outage S] [--window S]
#     --records N   records in each fault test's table [5000]
#     --outage S    seconds Qdrant stays unavailable [30]
#     --window S    seconds a lasting fault (Qdrant latency of 2 s, connection cuts) goes on [20]
#
# The matrix: migrate, cdc, dual-write and reconcile, each under
#   - TaskManager kill -9 (CdcOnClusterITCase, MigrateOnClusterITCase, DualWriteCrashITCase at each
#     step of a commit, ReconcileOnClusterITCase), on a local session cluster;
#   - JobManager kill -9, recovered by starting the JobManager again and --resume (JobManagerKillITCase);
#   - SurrealDB engine restart, Qdrant outage, Qdrant latency, connection cuts through proxies and,
#     for the jobs that use Kafka, a broker restart (chaos/*StoreFaultsITCase), on a MiniCluster.
# Reconcile's rows count its findings against planted differences (the stores' columns n/a). CI
# runs the same tests at 1000 records, a 3 s outage and a 3 s window. See docs/operations.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

records=5000
outage=30
window=20
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="${2:-}"; shift 2 || shift ;;
        --outage) outage="${2:-}"; shift 2 || shift ;;
        --window) window="${2:-}"; shift 2 || shift ;;
        *) echo "chaos.sh: unknown option '$1' (use --records N, --outage S, --window S)" >&2; exit 2 ;;
    esac
done
for option in "records:$records" "outage:$outage" "window:$window"; do
    case "${option#*:}" in ''|*[!0-9]*) echo "chaos.sh: --${option%%:*}: '${option#*:}' is not a number" >&2; exit 2 ;; esac
done
if [ "$records" -lt 400 ]; then echo "chaos.sh: --records: at least 400, got $records" >&2; exit 2; fi
if [ "$outage" -lt 1 ] || [ "$window" -lt 1 ]; then echo "chaos.sh: --outage and --window: at least 1 s" >&2; exit 2; fi

tests="CdcOnClusterITCase,MigrateOnClusterITCase#killedTaskManagerHalfwayRestartsFromTheLastCheckpointAndLosesNothing,DualWriteCrashITCase,ReconcileOnClusterITCase#aTaskManagerKilledMidRunRestoresAndTheSameDifferencesAreFoundOnce,JobManagerKillITCase,CdcStoreFaultsITCase,DualWriteStoreFaultsITCase,MigrateStoreFaultsITCase,ReconcileStoreFaultsITCase"
log="$(mktemp "${TMPDIR:-/tmp}/chaos.XXXXXX.log")"
echo "== fault tests ($tests) with $records records, a ${outage} s outage, a ${window} s window; log: $log"
started=$SECONDS
status=0
(cd testkit/node && npm ci --no-audit --no-fund --loglevel=error) >/dev/null
mvn -B -ntp verify -pl cli -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test="$tests" -Dcortexsync.chaos.records="$records" \
    -Dcortexsync.chaos.outage-seconds="$outage" -Dcortexsync.chaos.window-seconds="$window" \
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

echo "chaos_minutes=$(( (SECONDS - started + 59) / 60 ))"
rows=$(grep -c '^chaos_row ' "$log" || true)
kept=$(grep -c '^chaos_row .*nothing_lost=true' "$log" || true)
if [ "$status" -ne 0 ] || [ "$rows" -eq 0 ] || [ "$rows" -ne "$kept" ]; then
    echo "chaos.sh: a fault test failed or lost something (exit $status, $kept of $rows rows kept everything); see $log" >&2
    exit 1
fi

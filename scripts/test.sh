#!/usr/bin/env bash
# The one test command: installs what the tests need, then runs unit tests (Surefire) and
# integration tests (Failsafe) against real servers started by the tests on loopback.
#
#   scripts/test.sh                 everything (mvn verify)
#   scripts/test.sh -pl testkit     extra arguments go to Maven
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need() { command -v "$1" >/dev/null 2>&1 || { echo "test.sh: '$1' is required on PATH ($2)" >&2; exit 2; }; }
need java "JDK 17 or newer"
need mvn "Maven 3.8 or newer"
need node "Node.js 20 or newer, for the SurrealDB engine"
need npm "npm, to install the SurrealDB engine and the JS clients"

started=$(date +%s)
echo "== installing Node packages (testkit/node)"
(cd testkit/node && npm ci --no-audit --no-fund --loglevel=error)

echo "== mvn verify"
mvn -B -ntp verify "$@"
echo "== test.sh finished in $(( $(date +%s) - started ))s"

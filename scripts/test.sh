#!/usr/bin/env bash
# The one test command: installs what the tests need, then runs unit tests (Surefire) and
# integration tests (Failsafe) against real servers started by the tests on loopback.
#
#   scripts/test.sh                 everything (mvn verify)
#   scripts/test.sh --real-stores   the same, with the conformance tests pointed at the real
#                                   SurrealDB and Qdrant of docker-compose.yml (needs Docker)
#   scripts/test.sh -pl testkit     other arguments go to Maven
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

maven_args=()
real_stores=0
for arg in "$@"; do
    case "$arg" in
        --real-stores) real_stores=1 ;;
        *) maven_args+=("$arg") ;;
    esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "test.sh: '$1' is required on PATH ($2)" >&2; exit 2; }; }
need java "JDK 17 or newer"
need mvn "Maven 3.8 or newer"
need node "Node.js 20 or newer, for the SurrealDB engine"
need npm "npm, to install the SurrealDB engine and the JS clients"

# Installs a Debian package the operations tests use, when its program is missing: Prometheus
# (the metrics and alert-rule tests) and Chromium (the Flink dashboard test). Where it cannot be
# installed (not root and no sudo, no package mirror), those tests skip with a message naming it.
install_debian() {
    local package="$1" program="$2" sudo=""
    command -v "$program" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
            echo "test.sh: cannot install Debian's $package (not root, no sudo): its tests will be skipped" >&2
            return 0
        fi
    fi
    echo "== installing Debian's $package"
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" >/dev/null 2>&1; then
        $sudo apt-get update -q >/dev/null 2>&1 || true
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" >/dev/null 2>&1 \
            || echo "test.sh: could not install Debian's $package: its tests will be skipped" >&2
    fi
}

started=$(date +%s)
if command -v apt-get >/dev/null 2>&1; then
    install_debian prometheus promtool
    install_debian chromium chromium
fi
echo "== installing Node packages (testkit/node)"
(cd testkit/node && npm ci --no-audit --no-fund --loglevel=error)

if [ "$real_stores" = 1 ]; then
    need docker "a Docker engine with the compose plugin, for --real-stores"
    echo "== starting the real SurrealDB and Qdrant (docker compose)"
    # Fresh volumes: the conformance tests expect empty stores.
    docker compose down -v --remove-orphans >/dev/null 2>&1 || true
    docker compose up -d --wait surrealdb qdrant
    trap 'docker compose down -v --remove-orphans >/dev/null 2>&1 || true' EXIT
    maven_args+=("-Dcortexsync.it.surrealdb=http://127.0.0.1:8000"
                 "-Dcortexsync.it.surrealdb.user=root" "-Dcortexsync.it.surrealdb.pass=root"
                 "-Dcortexsync.it.qdrant=127.0.0.1:6334")
fi

echo "== mvn verify"
mvn -B -ntp verify ${maven_args[@]+"${maven_args[@]}"}
echo "== test.sh finished in $(( $(date +%s) - started ))s"

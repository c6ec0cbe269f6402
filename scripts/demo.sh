#!/usr/bin/env bash
# The cortex-sync demo: a migration of 50,000 generated embeddings from SurrealDB to Qdrant.
#
#   scripts/demo.sh [--records 50000] [--dim 384]
#
# Builds what it needs, starts the embedded stores (the real SurrealDB engine and a Qdrant gRPC
# server) on their default ports, or on free ones when those are taken, loads a generated data
# set with a handful of broken records, runs `cortex-sync migrate --verify --web-ui`, prints the
# report and where the dead letters went, and stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/scripts/cortex-sync"

records=50000
dim=384
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        --dim) dim="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "demo: unknown option '$1'" >&2; exit 2 ;;
    esac
done

out="$root/target/demo"
rm -rf "$out"
mkdir -p "$out"
started=$(date +%s)

say() { printf '\n== %s\n' "$*"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { if port_free "$1"; then echo "$1"; else echo 0; fi; }

embedded_pid=""
stop_embedded() {
    if [ -n "$embedded_pid" ] && kill -0 "$embedded_pid" 2>/dev/null; then
        echo "demo: stopping the embedded stores" >&2
        kill "$embedded_pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$embedded_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$embedded_pid" 2>/dev/null || true
    fi
}
trap stop_embedded EXIT
trap 'exit 130' INT TERM

say "building (the first run compiles the project and installs the SurrealDB engine; later runs start at once)"
# both launcher commands build their module on first use; build them here so the timings below are the demo's own
"$cli" embedded --help >/dev/null
"$cli" migrate --help >/dev/null

say "starting SurrealDB and Qdrant on this machine"
"$cli" embedded --surreal-port "$(pick_port 8000)" --qdrant-port "$(pick_port 6334)" --kafka-port 0 \
    >"$out/embedded.out" 2>"$out/embedded.log" &
embedded_pid=$!
deadline=$(( $(date +%s) + 120 ))
until grep -q 'cortex-sync embedded: ready' "$out/embedded.out" 2>/dev/null; do
    if ! kill -0 "$embedded_pid" 2>/dev/null; then
        echo "demo: the embedded stores did not start; see $out/embedded.log" >&2; exit 1
    fi
    if [ "$(date +%s)" -gt "$deadline" ]; then
        echo "demo: the embedded stores did not start within 120 s; see $out/embedded.log" >&2; exit 1
    fi
    sleep 0.5
done
surreal_url=$(sed -n 's/^surrealdb  *\(http[^ ]*\).*/\1/p' "$out/embedded.out")
qdrant_port=$(sed -n 's/^qdrant  *grpc 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/embedded.out")
echo "SurrealDB $surreal_url, Qdrant gRPC 127.0.0.1:$qdrant_port"

say "loading $records documents with $dim-dim embeddings (and a few broken records) into SurrealDB"
"$cli" demo-data --surreal-url "$surreal_url" --surreal-ns demo --surreal-db main --table documents \
    --records "$records" --dim "$dim"

say "migrating SurrealDB demo/main documents -> Qdrant collection 'documents' (cortex-sync migrate --verify --web-ui)"
set +e
"$cli" migrate \
    --surreal-url "$surreal_url" --surreal-ns demo --surreal-db main --surreal-user root --surreal-pass root \
    --qdrant-host 127.0.0.1 --qdrant-port "$qdrant_port" \
    --table documents --collection documents \
    --checkpoint-dir "$out/checkpoints" --checkpoint-interval 5s \
    --report "$out/report.json" --dead-letter "$out/dead-letter.jsonl" \
    --verify --web-ui
status=$?
set -e

say "report ($out/report.json)"
cat "$out/report.json" 2>/dev/null || echo "(no report)"
if [ -s "$out/dead-letter.jsonl" ]; then
    say "dead letters: $(wc -l <"$out/dead-letter.jsonl") records in $out/dead-letter.jsonl"
    cut -c1-160 "$out/dead-letter.jsonl"
fi
echo
echo "demo: finished in $(( $(date +%s) - started )) s (migrate exit code $status)"
exit "$status"

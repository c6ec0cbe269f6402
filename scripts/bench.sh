#!/usr/bin/env bash
# Benchmarks. Each prints name=value lines; ratios are measured within one run.
#
#   scripts/bench.sh surreal-source [--records 100000] [--dim 768] [--parallelism 2] [--chunk-size 2000]
#   scripts/bench.sh qdrant-sink [--points 100000] [--dim 768] [--parallelism 2] [--batch-size 256] [--in-flight 4]
#   scripts/bench.sh migrate [--data synthetic,demo] [--sizes 50000,150000] [--dim 768] [--parallelism 2] [--batch-size 1024] [--rounds 2] [--warmup-rounds 1] [--startup-runs 4] [--no-plain-copy] [--no-heap-check] [--heap-dim N] [--heap-max 1g] [--heap-histograms DIR]
#   scripts/bench.sh cdc [--changes 100000] [--dim 768] [--parallelism 2] [--writers 2] [--transaction-size 10] [--steady-rate 500] [--steady-seconds 30] [--steady-writers 4] [--steady-transaction-size 5] [--steady-only]
#   scripts/bench.sh dual-write [--entities 20000] [--dim 768] [--parallelism 2] [--rate 200] [--latency-seconds 20]
#   scripts/bench.sh reconcile [--entities 100000] [--dim 768] [--parallelism 2] [--rounds 2] [--warmup-rounds 1] [--differences 100] [--cycle 20s] [--no-heap-check] [--heap-dim N] [--heap-max 1g]
#   scripts/bench.sh cbor-decode [--records 1000] [--dim 768] [--pages 100] [--warmup-pages 20]
#   scripts/bench.sh entity-path [--records 1000] [--dim 768] [--pages 300] [--warmup-pages 300]
#   scripts/bench.sh --help
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cortex-sync" bench "$@"

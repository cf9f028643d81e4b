#!/usr/bin/env bash
# Starts the release tasjil-server on SQLite in a temporary folder and runs tasjil_attack_bench
# against it: a normal client's latency under slow-header and idle-connection attacks, and the
# timing of the status look-up's two failure paths. Prints Markdown tables (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
requests="${1:-400}"
server=build/native-release/src/server/tasjil-server
bench=build/native-release/tests/bench/tasjil_attack_bench
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$server" --listen "127.0.0.1:$port" --data "$work/data" --web "$work/web" --school-year 2026-2027 \
  --rate-submit 0 --rate-status 0 --notifier-workers 0 > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
"$bench" "$port" "$pid" "$requests"

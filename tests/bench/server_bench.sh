#!/usr/bin/env bash
# Server benchmarks over loopback on this machine (2 cores): wrk posting distinct valid files at
# concurrency 64 to tasjil-server on SQLite and on PostgreSQL, next to the same server's no-op
# endpoint; e-mails per second to a local SMTP server; memory with 1,000 open connections.
# Usage: tests/bench/server_bench.sh  (after the native-release build). Prints a summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
server=build/native-release/src/server/tasjil-server
work=$(mktemp -d /tmp/tasjil-bench-XXXXXX)
chmod 777 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/pg/PG_VERSION" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

start_server() { # NAME DATABASE [extra args...] -> sets port
  local name="$1" db="$2"; shift 2
  port=$(free_port)
  mkdir -p "$work/$name"
  "$server" --listen "127.0.0.1:$port" --data "$work/$name" --database "$db" --school-year 2026-2027 \
    --rate-submit 0 --rate-status 0 --threads 80 --web "$work/web" "$@" > "$work/$name.log" 2>&1 &
  pids+=($!)
  server_pid=$!
  wait_port "$port"
}

run_wrk() { # LABEL URL [script]
  local label="$1" url="$2" script="${3:-}"
  local out
  if [ -n "$script" ]; then
    out=$(wrk -t2 -c64 -d10s --latency -s "$script" "$url" -- assets/samples/electronic-file.json)
  else
    out=$(wrk -t2 -c64 -d10s --latency "$url")
  fi
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "== intake and no-op, SQLite (WAL, synchronous=FULL)"
start_server sqlite "sqlite:$work/sqlite/tasjil.db"
run_wrk "POST /api/v1/files (SQLite)" "http://127.0.0.1:$port/api/v1/files" tests/bench/post_file.lua
run_wrk "GET /healthz (no-op)" "http://127.0.0.1:$port/healthz"
files=$(curl -s "http://127.0.0.1:$port/metrics" | awk -F' ' '/^tasjil_files\{/ {n+=$2} END {print n}')
echo "files stored: $files"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

echo "== intake, PostgreSQL 15"
pgport=$(free_port)
mkdir -p "$work/pgsock"; chmod 1777 "$work/pgsock"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$work/pg" -A trust -U test -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pgsock -c max_connections=100" start >/dev/null
/usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p "$pgport" -U test tasjil
start_server pg "postgresql://test@127.0.0.1:$pgport/tasjil"
run_wrk "POST /api/v1/files (PostgreSQL)" "http://127.0.0.1:$port/api/v1/files" tests/bench/post_file.lua
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

echo "== e-mails to a local SMTP server"
smtp_port=$(free_port)
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Sink > /dev/null 2>&1 &
pids+=($!)
wait_port "$smtp_port"
start_server smtp "sqlite:$work/smtp/tasjil.db" --notifier-workers 0
# 2,000 files queued first, e-mail only ...
/usr/bin/python3 - "$port" <<'PY'
import json, sys, uuid, urllib.request, concurrent.futures
port = sys.argv[1]
base = json.load(open("assets/samples/electronic-file.json"))
def post(_):
    f = dict(base); f["file_id"] = str(uuid.uuid4())
    f["contact"] = dict(base["contact"], channels=["email"])
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/files", json.dumps(f).encode(), {"Content-Type": "application/json"})
    return urllib.request.urlopen(req).status
with concurrent.futures.ThreadPoolExecutor(16) as ex:
    assert all(s == 201 for s in ex.map(post, range(2000)))
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
# ... then delivered by a server started with 8 workers.
start=$(date +%s.%N)
start_server smtp "sqlite:$work/smtp/tasjil.db" --notifier-workers 8 --smtp-url "smtp://127.0.0.1:$smtp_port"
while :; do
  pending=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^tasjil_notifications\{status="(pending|sending)"\}/ {n+=$2} END {print n+0}')
  [ "$pending" = 0 ] && break
  sleep 0.1
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN {printf "2,000 e-mails over SMTP in %.2f s (server start included): %.0f e-mails/s\n", e-s, 2000/(e-s)}'
echo "== memory with 1,000 open connections"
rss0=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)
/usr/bin/python3 - "$port" "$server_pid" <<'PY'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
conns = []
for _ in range(1000):
    s = socket.create_connection(("127.0.0.1", port))
    conns.append(s)
time.sleep(1.0)
rss = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1]
print(f"RSS with 1,000 open idle connections: {int(rss)/1024:.1f} MiB")
PY
echo "RSS idle before: $((rss0 / 1024)) MiB"

#!/usr/bin/env bash
# CPU per request (not a test): runs wrk against one path and divides the CPU time the API process
# (and, if given, the broker process) used meanwhile by the requests wrk counted. Robust to a busy
# machine where latency percentiles are not: other processes slow the run but add no CPU to these.
#
#   api/bench/cpu-per-request.sh API_PID [BROKER_PID] [http://127.0.0.1:8080] [path, default /models/user/] [connections, 16] [seconds, 10]
set -euo pipefail
API_PID="$1"; BROKER_PID="${2:-}"; BASE="${3:-http://127.0.0.1:8080}"; PATH_PREFIX="${4:-/models/user/}"
CONNECTIONS="${5:-16}"; SECONDS_TO_RUN="${6:-10}"
HERE="$(cd "$(dirname "$0")" && pwd)"
TICK="$(getconf CLK_TCK)"
ticks() { [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
a0=$(ticks "$API_PID"); b0=$(ticks "$BROKER_PID")
out=$(BENCH_PATH="$PATH_PREFIX" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency -s "$HERE/random-user.lua" "$BASE" | grep '^RESULT')
a1=$(ticks "$API_PID"); b1=$(ticks "$BROKER_PID")
requests=$(echo "$out" | sed 's/.*rps=\([0-9]*\).*/\1/')
requests=$(( requests * SECONDS_TO_RUN ))
echo "$PATH_PREFIX c=$CONNECTIONS ${out#RESULT } api_cpu_us_per_request=$(( (a1 - a0) * 1000000 / TICK / requests ))" \
     "broker_cpu_us_per_request=$(( (b1 - b0) * 1000000 / TICK / requests )) loadavg=$(cut -d' ' -f1 /proc/loadavg)"

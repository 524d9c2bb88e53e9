#!/usr/bin/env bash
# One command to run the system from a fresh clone: builds if needed, starts a local Kafka broker
# (unless KAFKA_BOOTSTRAP_SERVERS points at one), starts the API with its topology, replays data/
# into Kafka, prints the URL with example requests, and keeps everything up until Ctrl-C.
#
#   ./run.sh                      # broker on 127.0.0.1:9092 (data in .local-kafka/), API on :8080
#   KAFKA_BOOTSTRAP_SERVERS=host:9092 ./run.sh
#   LOCAL_KAFKA_WIPE=1 ./run.sh   # start from an empty broker (and empty API state)
#   PORT=8081 ./run.sh            # another HTTP port
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR="${DATA_DIR:-data}"
LOCAL_KAFKA_DIR="${LOCAL_KAFKA_DIR:-.local-kafka}"
LOCAL_KAFKA_PORT="${LOCAL_KAFKA_PORT:-9092}"
LOCAL_KAFKA_CONTROLLER_PORT="${LOCAL_KAFKA_CONTROLLER_PORT:-9093}"
PORT="${PORT:-8080}"
RUN_DIR="${RUN_DIR:-.run}"

jars=(local-kafka/target/local-kafka.jar producer/target/producer.jar api/target/api.jar)
needs_build=0
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" ]] || [[ -n "$(find . \( -path ./.local-kafka -o -path "./$RUN_DIR" \) -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$jar" -print -quit)" ]]; then
    needs_build=1
  fi
done
if (( needs_build )); then
  echo "==> Building (mvn -B -q package -DskipTests)..."
  mvn -B -q package -DskipTests
fi

broker_pid=""
api_pid=""
cleanup() {
  if [[ -n "$api_pid" ]] && kill -0 "$api_pid" 2>/dev/null; then
    echo
    echo "==> Stopping the API..."
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [[ -n "$broker_pid" ]] && kill -0 "$broker_pid" 2>/dev/null; then
    echo
    echo "==> Stopping the local broker..."
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  ready_file="$(mktemp)"
  rm -f "$ready_file"
  wipe=()
  if [[ "${LOCAL_KAFKA_WIPE:-0}" == "1" ]]; then
    wipe=(--wipe)
    rm -rf "$RUN_DIR/streams-state"
  fi
  echo "==> Starting a local Kafka broker (data in $LOCAL_KAFKA_DIR, log in $LOCAL_KAFKA_DIR/broker.log)..."
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar local-kafka/target/local-kafka.jar \
    --data-dir "$LOCAL_KAFKA_DIR" --port "$LOCAL_KAFKA_PORT" --controller-port "$LOCAL_KAFKA_CONTROLLER_PORT" \
    --ready-file "$ready_file" "${wipe[@]}" &
  broker_pid=$!
  for _ in $(seq 1 600); do
    [[ -s "$ready_file" ]] && break
    kill -0 "$broker_pid" 2>/dev/null || { echo "The local broker exited; see $LOCAL_KAFKA_DIR/broker.log" >&2; exit 1; }
    sleep 0.2
  done
  [[ -s "$ready_file" ]] || { echo "The local broker did not get ready in 120 s; see $LOCAL_KAFKA_DIR/broker.log" >&2; exit 1; }
  KAFKA_BOOTSTRAP_SERVERS="$(head -1 "$ready_file")"
  rm -f "$ready_file"
fi
export KAFKA_BOOTSTRAP_SERVERS

mkdir -p "$RUN_DIR"
echo "==> Starting the API with its topology on port $PORT (log in $RUN_DIR/api.log)..."
STREAMS_STATE_DIR="${STREAMS_STATE_DIR:-$RUN_DIR/streams-state}" PORT="$PORT" \
  java -jar api/target/api.jar > "$RUN_DIR/api.log" 2>&1 &
api_pid=$!

echo "==> Replaying $DATA_DIR into $KAFKA_BOOTSTRAP_SERVERS (lines already delivered by an earlier run are skipped)..."
java -jar producer/target/producer.jar replay --data "$DATA_DIR" --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS"

echo "==> Waiting for the API to be ready..."
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { echo "The API exited; see $RUN_DIR/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "The API is not ready after 5 minutes; see $RUN_DIR/api.log" >&2; exit 1; }

echo "==> Waiting for the topology's first personalised answer (user 551)..."
for _ in $(seq 1 240); do
  curl -s "http://127.0.0.1:$PORT/models/user/551" 2>/dev/null | grep -q '"fallback":false' && break
  kill -0 "$api_pid" 2>/dev/null || { echo "The API exited; see $RUN_DIR/api.log" >&2; exit 1; }
  sleep 0.5
done

cat <<INFO

==> Ready: http://127.0.0.1:$PORT  (Kafka at $KAFKA_BOOTSTRAP_SERVERS)
    The topology may still be digesting the replayed events; answers follow its state live.

    curl http://127.0.0.1:$PORT/models/user/101      # id <= 550: POPULARITY
    curl http://127.0.0.1:$PORT/models/user/551      # id >  550: CONTENT_BASE

    Also: /users/551/profile, /products/popular?n=5, /models/RANDOM/user/101, /health, /prometheus
    Press Ctrl-C to stop.
INFO
curl -s "http://127.0.0.1:$PORT/models/user/551"; echo
wait "$api_pid"

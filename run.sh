#!/usr/bin/env bash
# One command to run the system from a fresh clone: builds if needed, starts a local Kafka broker
# (unless KAFKA_BOOTSTRAP_SERVERS points at one), starts the API with its topology, replays data/
# into Kafka, prints the URL with example requests, and keeps everything up until Ctrl-C.
#
#   ./run.sh                      # broker on 127.0.0.1:9092 (data in .local-kafka/), API on :8080
#   KAFKA_BOOTSTRAP_SERVERS=host:9092 ./run.sh
#   LOCAL_KAFKA_WIPE=1 ./run.sh   # start from an empty broker (and empty API state)
#   PORT=8081 ./run.sh            # another HTTP port
#   LOCAL_KAFKA_BROKERS=3 API_INSTANCES=2 ./run.sh
#                                 # a 3-broker cluster (127.0.0.1:9092,9094,9096; data in .local-kafka/cluster-3/)
#                                 # and two API instances (:8080, :8081) that forward to each other
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR="${DATA_DIR:-data}"
LOCAL_KAFKA_BROKERS="${LOCAL_KAFKA_BROKERS:-1}"
if (( LOCAL_KAFKA_BROKERS > 1 )); then
  LOCAL_KAFKA_DIR="${LOCAL_KAFKA_DIR:-.local-kafka/cluster-$LOCAL_KAFKA_BROKERS}"
else
  LOCAL_KAFKA_DIR="${LOCAL_KAFKA_DIR:-.local-kafka}"
fi
LOCAL_KAFKA_PORT="${LOCAL_KAFKA_PORT:-9092}"
LOCAL_KAFKA_CONTROLLER_PORT="${LOCAL_KAFKA_CONTROLLER_PORT:-9093}"
API_INSTANCES="${API_INSTANCES:-1}"
PORT="${PORT:-8080}"
RUN_DIR="${RUN_DIR:-.run}"
# each API instance keeps its own state; state made against one Kafka is no use against another
if (( LOCAL_KAFKA_BROKERS > 1 )); then
  STATE_BASE="${STREAMS_STATE_DIR:-$RUN_DIR/cluster-$LOCAL_KAFKA_BROKERS/streams-state}"
else
  STATE_BASE="${STREAMS_STATE_DIR:-$RUN_DIR/streams-state}"
fi
api_port() { echo $(( PORT + $1 - 1 )); }
api_log() { if (( $1 == 1 )); then echo "$RUN_DIR/api.log"; else echo "$RUN_DIR/api-$1.log"; fi; }
api_state() { if (( $1 == 1 )); then echo "$STATE_BASE"; else echo "$STATE_BASE-$1"; fi; }

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
api_pids=()
cleanup() {
  local stopping=0
  for pid in "${api_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      (( stopping )) || { echo; echo "==> Stopping the API..."; stopping=1; }
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${api_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
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
    for i in $(seq 1 "$API_INSTANCES"); do rm -rf "$(api_state "$i")"; done
  fi
  if (( LOCAL_KAFKA_BROKERS > 1 )); then
    broker_logs="$LOCAL_KAFKA_DIR/node-<i>/broker.log"
    echo "==> Starting a local Kafka cluster of $LOCAL_KAFKA_BROKERS brokers (data and logs in $LOCAL_KAFKA_DIR/node-<i>/)..."
  else
    broker_logs="$LOCAL_KAFKA_DIR/broker.log"
    echo "==> Starting a local Kafka broker (data in $LOCAL_KAFKA_DIR, log in $broker_logs)..."
  fi
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar local-kafka/target/local-kafka.jar \
    --brokers "$LOCAL_KAFKA_BROKERS" \
    --data-dir "$LOCAL_KAFKA_DIR" --port "$LOCAL_KAFKA_PORT" --controller-port "$LOCAL_KAFKA_CONTROLLER_PORT" \
    --ready-file "$ready_file" "${wipe[@]}" &
  broker_pid=$!
  for _ in $(seq 1 900); do
    [[ -s "$ready_file" ]] && break
    kill -0 "$broker_pid" 2>/dev/null || { echo "The local Kafka exited; see $broker_logs" >&2; exit 1; }
    sleep 0.2
  done
  [[ -s "$ready_file" ]] || { echo "The local Kafka did not get ready in 180 s; see $broker_logs" >&2; exit 1; }
  KAFKA_BOOTSTRAP_SERVERS="$(head -1 "$ready_file")"
  rm -f "$ready_file"
fi
export KAFKA_BOOTSTRAP_SERVERS

mkdir -p "$RUN_DIR"
for i in $(seq 1 "$API_INSTANCES"); do
  if (( API_INSTANCES > 1 )); then
    echo "==> Starting API instance $i of $API_INSTANCES with its topology on port $(api_port "$i") (log in $(api_log "$i"))..."
  else
    echo "==> Starting the API with its topology on port $PORT (log in $RUN_DIR/api.log)..."
  fi
  # one application id: the instances share the partitions and forward to each other
  # (each advertises 127.0.0.1:<its port> as its STREAMS_APPLICATION_SERVER)
  # MALLOC_ARENA_MAX=2 as in the image: fewer glibc arenas keep RocksDB's resident memory near its bound
  STREAMS_STATE_DIR="$(api_state "$i")" PORT="$(api_port "$i")" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    java -jar api/target/api.jar > "$(api_log "$i")" 2>&1 &
  api_pids+=($!)
done

echo "==> Replaying $DATA_DIR into $KAFKA_BOOTSTRAP_SERVERS (lines already delivered by an earlier run are skipped)..."
java -jar producer/target/producer.jar replay --data "$DATA_DIR" --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS"

echo "==> Waiting for the API to be ready..."
for i in $(seq 1 "$API_INSTANCES"); do
  url="http://127.0.0.1:$(api_port "$i")"
  for _ in $(seq 1 600); do
    curl -sf "$url/health" >/dev/null 2>&1 && break
    kill -0 "${api_pids[$((i - 1))]}" 2>/dev/null || { echo "The API exited; see $(api_log "$i")" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "$url/health" >/dev/null || { echo "The API is not ready after 5 minutes; see $(api_log "$i")" >&2; exit 1; }
done

echo "==> Waiting for the topology's first personalised answer (user 551)..."
for _ in $(seq 1 240); do
  curl -s "http://127.0.0.1:$PORT/models/user/551" 2>/dev/null | grep -q '"fallback":false' && break
  kill -0 "${api_pids[0]}" 2>/dev/null || { echo "The API exited; see $RUN_DIR/api.log" >&2; exit 1; }
  sleep 0.5
done

others=""
for i in $(seq 2 "$API_INSTANCES"); do others="$others, http://127.0.0.1:$(api_port "$i")"; done
cat <<INFO

==> Ready: http://127.0.0.1:$PORT$others  (Kafka at $KAFKA_BOOTSTRAP_SERVERS)
    The topology may still be digesting the replayed events; answers follow its state live.

    Page: http://127.0.0.1:$PORT/ui/   (users, lists, the experiment, the system; any instance shows all)

    curl http://127.0.0.1:$PORT/models/user/101      # id <= 550: POPULARITY
    curl http://127.0.0.1:$PORT/models/user/551      # id >  550: CONTENT_BASE

    Also: /users/551/profile, /products/popular?n=5, /models/RANDOM/user/101, /health, /prometheus
    Press Ctrl-C to stop.
INFO
curl -s "http://127.0.0.1:$PORT/models/user/551"; echo
wait "${api_pids[0]}"

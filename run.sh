#!/usr/bin/env bash
# One command to run the system from a fresh clone: builds if needed, starts a local Kafka broker
# (unless KAFKA_BOOTSTRAP_SERVERS points at one), replays data/ into it, and keeps the broker up
# until Ctrl-C.
#
#   ./run.sh                      # local broker on 127.0.0.1:9092, data in .local-kafka/
#   KAFKA_BOOTSTRAP_SERVERS=host:9092 ./run.sh
#   LOCAL_KAFKA_WIPE=1 ./run.sh   # start from an empty broker
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR="${DATA_DIR:-data}"
LOCAL_KAFKA_DIR="${LOCAL_KAFKA_DIR:-.local-kafka}"
LOCAL_KAFKA_PORT="${LOCAL_KAFKA_PORT:-9092}"
LOCAL_KAFKA_CONTROLLER_PORT="${LOCAL_KAFKA_CONTROLLER_PORT:-9093}"

jars=(local-kafka/target/local-kafka.jar producer/target/producer.jar)
needs_build=0
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" ]] || [[ -n "$(find . -path ./.local-kafka -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$jar" -print -quit)" ]]; then
    needs_build=1
  fi
done
if (( needs_build )); then
  echo "==> Building (mvn -B -q package -DskipTests)..."
  mvn -B -q package -DskipTests
fi

broker_pid=""
cleanup() {
  if [[ -n "$broker_pid" ]] && kill -0 "$broker_pid" 2>/dev/null; then
    echo
    echo "==> Stopping the local broker..."
    kill -INT "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  ready_file="$(mktemp)"
  rm -f "$ready_file"
  wipe=()
  [[ "${LOCAL_KAFKA_WIPE:-0}" == "1" ]] && wipe=(--wipe)
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

echo "==> Replaying $DATA_DIR into $KAFKA_BOOTSTRAP_SERVERS (lines already delivered by an earlier run are skipped)..."
java -jar producer/target/producer.jar replay --data "$DATA_DIR" --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS"

if [[ -n "$broker_pid" ]]; then
  echo "==> Done. Kafka is at $KAFKA_BOOTSTRAP_SERVERS with the data set in its topics. Press Ctrl-C to stop it."
  wait "$broker_pid"
fi

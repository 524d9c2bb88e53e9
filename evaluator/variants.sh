#!/usr/bin/env bash
# Runs the temporal protocol (every served model plus the EASE and USER_KNN baselines) on the
# default data set and on three generated variants that differ in structure:
#   no-personal     --personal-strength 0: users follow the crowd, no personal taste at all
#   flat-repeats    --popularity-skew 0 --repeat-rate 0.9 --drift 0: every live product equally
#                   popular, most views go back to products the user already touched, no drift
#   neighbourhoods  flat-repeats plus --neighbourhoods 50 --neighbourhood-strength 0.8: users fall
#                   into 50 groups that share a taste over products of every category, so who is
#                   alike says more than which products go together
# Variants are generated into evaluation/variants/ (git-ignored by a .gitignore written there; the
# generator is deterministic, so they are only generated when missing). Results go to
# evaluation/variants/<name>/temporal/, the tables to stdout and to evaluation/variants/<name>/table.md.
#
# Needs the jars:  mvn -B -q package -DskipTests
# Usage:           evaluator/variants.sh [extra evaluator options, e.g. --threads 2]
set -euo pipefail

cd "$(dirname "$0")/.."
producer=producer/target/producer.jar
evaluator=evaluator/target/evaluator.jar
root=evaluation/variants
for jar in "$producer" "$evaluator"; do
  [[ -f "$jar" ]] || { echo "Missing $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
done
mkdir -p "$root"
# keeps generated data and results out of commits without touching the repository's .gitignore
echo '*' > "$root/.gitignore"

declare -A knobs=(
  [no-personal]="--personal-strength 0"
  [flat-repeats]="--popularity-skew 0 --repeat-rate 0.9 --drift 0"
  [neighbourhoods]="--popularity-skew 0 --repeat-rate 0.9 --drift 0 --neighbourhoods 50 --neighbourhood-strength 0.8"
)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for name in no-personal flat-repeats neighbourhoods; do
  if [[ ! -f "$root/$name/data/products.jsonl" ]]; then
    start=$(now)
    # shellcheck disable=SC2086 # the knobs are several words on purpose
    java -jar "$producer" generate --out "$root/$name/data" --seed 42 --users 1000 --gzip ${knobs[$name]} >&2
    echo "Generated $name (${knobs[$name]}) in $(elapsed "$start") s" >&2
  fi
done

run() {
  local name=$1 data=$2
  shift 2
  local start
  start=$(now)
  mkdir -p "$root/$name"
  java -jar "$evaluator" --data "$data" --protocol temporal --out "$root/$name/temporal" --no-progress "$@" \
      | tee "$root/$name/table.md"
  echo "Evaluated $name in $(elapsed "$start") s" | tee -a "$root/$name/table.md" >&2
  echo
}

run default data "$@"
run no-personal "$root/no-personal/data" "$@"
run flat-repeats "$root/flat-repeats/data" "$@"
run neighbourhoods "$root/neighbourhoods/data" "$@"

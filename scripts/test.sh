#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the unit and conversation tests (ctest),
# the same under AddressSanitizer and UndefinedBehaviorSanitizer, and the dev vignettes when the
# shared scorer is beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

echo "== build and test (RelWithDebInfo)"
BUILD_DIR=build bash scripts/build.sh -DTRIAGEBOT_WERROR=$werror
ctest --test-dir build --output-on-failure -j 2

scorer=../shared/tools/score_vignettes.py
if [ -f "$scorer" ] && [ -f ../shared/vignettes/dev.json ]; then
  echo "== dev vignettes through build/triagebot chat --json"
  python3 "$scorer" --cli "build/triagebot chat --json --rules rules" | tail -n 1
  echo "== the project's own vignettes (tests/vignettes), same scorer and bars"
  for v in tests/vignettes/*.json; do
    python3 "$scorer" --cli "build/triagebot chat --json --rules rules" --vignettes "$v" | tail -n 1
  done
else
  echo "== dev vignettes skipped: $scorer is not beside the repository"
fi

echo "== build and test with TRIAGEBOT_SANITIZE=address,undefined"
BUILD_DIR=build-sanitize BUILD_TYPE=Debug bash scripts/build.sh -DTRIAGEBOT_WERROR=$werror \
  -DTRIAGEBOT_SANITIZE=address,undefined -DTRIAGEBOT_BUILD_BENCH=OFF
# The exhaustive rule verification (label "verify") takes minutes under the sanitizers; it ran in the
# first pass, and the sanitizers still cover the verifier through the small example rule set. The
# browser tests (label "browser") and the load smoke test (label "load") exercise the same server
# code as the first pass through a real browser and the load client; they ran there. The tuned
# vignette rounds (label "vignettes") are accuracy regressions of the reader's data, not of memory
# safety: they ran in the first pass too.
# The unit tests run as two processes (gtest shards), not one per test as ctest starts them: under the
# sanitizers, starting the binary and loading the rules costs more than most tests, so one process per
# test spent most of this pass's time starting up. ctest then runs everything else (names that start
# with a lower-case letter: conversation/, rules/, docs/, paraphrases/).
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
shard_status=0
pids=()
for shard in 0 1; do
  GTEST_TOTAL_SHARDS=2 GTEST_SHARD_INDEX=$shard build-sanitize/tests/triagebot_unit_tests --gtest_brief=1 \
    > "build-sanitize/unit-tests-shard-$shard.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || shard_status=1; done
for shard in 0 1; do
  echo "-- unit tests, shard $shard of 2:"
  if [ $shard_status -ne 0 ]; then cat "build-sanitize/unit-tests-shard-$shard.log"; else tail -n 4 "build-sanitize/unit-tests-shard-$shard.log"; fi
done
[ $shard_status -eq 0 ] || { echo "unit tests failed under the sanitizers"; exit 1; }
ctest --test-dir build-sanitize --output-on-failure -j 2 -LE "verify|browser|load|vignettes" -E '^[A-Z]'


#!/usr/bin/env bash
# Installs what is missing, builds everything, runs every test project, and ends with
#   Tests: N passed, N failed, N skipped
# Exits non-zero on any failure, or when no test ran.
set -uo pipefail
cd "$(dirname "$0")"

eng/install-prerequisites.sh || exit 1

configuration=${CONFIGURATION:-Release}
echo "test.sh: building MonitoringStack.sln ($configuration)"
dotnet build MonitoringStack.sln -c "$configuration" -nologo -v quiet || { echo "test.sh: build failed"; echo "Tests: 0 passed, 0 failed, 0 skipped"; exit 1; }

results=artifacts/test-results
logs=artifacts/test-logs
rm -rf "$results" "$logs"
mkdir -p "$logs"
status=0
exited=()
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  # Helpers beside the test projects (the shared test utilities, a worker a test runs as a child process).
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  echo "test.sh: running $name"
  # --blame-hang-timeout turns a hung test into a failure with a dump instead of a stuck CI run.
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 5m 2>&1 | tee "$logs/$name.log"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then status=1; exited+=("$name"); fi
done

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  read_counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(read_counter passed)))
  failed=$((failed + $(read_counter failed) + $(read_counter error) + $(read_counter timeout) + $(read_counter aborted)))
  skipped=$((skipped + $(read_counter notExecuted)))
done

# CI keeps only the end of the log: repeat each failure's name and the first lines of its message here.
if [ "$failed" -gt 0 ]; then
  echo "test.sh: failed tests"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '
      function text(s) { gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); return s }
      /<UnitTestResult / && /outcome="Failed"/ {
        match($0, /testName="[^"]*"/); print "  FAILED " text(substr($0, RSTART + 10, RLENGTH - 11)); failing = 1; lines = 0
      }
      failing && /<Message>/ { inMessage = 1; sub(/.*<Message>/, "") }
      failing && inMessage {
        done = sub(/<\/Message>.*/, "")
        if (lines < 6) print "    " text($0)
        lines++
        if (done) { inMessage = 0; failing = 0 }
      }' "$trx"
  done
fi

# A project can exit non-zero with no failed test in its results: its test host crashed, or a test hung and the
# blame collector stopped it. Name the project and show what the run said about it, since the log's start is lost.
for name in ${exited[@]+"${exited[@]}"}; do
  echo "test.sh: $name exited non-zero; what it said about aborts, crashes and hangs:"
  grep -iE 'abort|crash|hang|blame|timed out|not run|exception' "$logs/$name.log" | grep -v '^ *Passed ' | head -20 | sed 's/^/    /'
done
# The blame collector's sequence files list the tests that were running when it stopped a hung or crashed host.
for sequence in "$results"/*/Sequence_*.xml; do
  [ -f "$sequence" ] || continue
  grep -o 'Name="[^"]*"[^>]*Completed="False"' "$sequence" | sed 's/^Name="\([^"]*\)".*/  STILL RUNNING when stopped: \1/'
done

if [ $((passed + failed)) -eq 0 ]; then
  echo "test.sh: no test ran"
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status

#!/bin/sh
# run.sh OUT MODE VALUE TARGET... - run the fuzz targets of tests/fuzz
#
# MODE time: each target for VALUE seconds on its corpus (OUT/corpus/T,
# kept between runs) and seeds (OUT/seeds/T); prints the executions each
# made.  MODE runs: each for VALUE runs from the seeds alone, with a fixed
# seed so that every smoke test runs the same inputs.  A target that crashes fails the run; its input is kept as
# OUT/artifacts/T-crash-*.  Ends with "NAME: N passed, M failed, 0 skipped".
set -u
out=$1 mode=$2 value=$3
shift 3
passed=0 failed=0
mkdir -p "$out/artifacts" "$out/logs"
for t in "$@"; do
	log=$out/logs/$t.$mode.log
	if [ "$mode" = time ]; then
		corpus=$out/corpus/$t
		limit="-max_total_time=$value"
	else
		corpus=$out/smoke/$t
		rm -rf "$corpus"
		limit="-runs=$value -seed=1"
	fi
	mkdir -p "$corpus"
	if "$out/fuzz_$t" $limit -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$out/artifacts/$t-" "$corpus" "$out/seeds/$t" >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		printf '  fuzz_%-7s %10s executions, corpus %s\n' "$t" "${execs:-?}" \
			"$(ls "$corpus" | wc -l)"
		passed=$((passed + 1))
	else
		echo "  fuzz_$t FAILED: see $log and $out/artifacts/" >&2
		grep -E 'ERROR|==[0-9]+==|fuzz.h|\.c:[0-9]+' "$log" | head -n 20 >&2
		failed=$((failed + 1))
	fi
done
if [ "$mode" = time ]; then
	name=fuzz
else
	name=test-fuzz-smoke
fi
echo "$name: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]

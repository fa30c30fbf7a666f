#!/bin/sh
# Compiler flags live in plain variables and are split on purpose:
# shellcheck disable=SC2086
#
# run.sh - every build-time rule of the pmm headers, one case file each.
#
# Each tests/compile-fail/*.c starts with "/* expect: FRAGMENT */".  For
# every compiler the case must
#   1. fail to build, with FRAGMENT on an error line of the output (the
#      message names the parameter and the rule), and
#   2. build cleanly with -DFIX, which removes or corrects the offending
#      line: so the case fails for its stated reason and no other.
# Optional lines in a case:
#   /* cflags: ... */       extra flags for both builds (-m32, --target=)
#   /* fix-cflags: ... */   the flags of the FIX build instead of cflags
#   /* compilers: ... */    a subset of "gcc clang" (a target only one has)
# Finally every #error and static assert in the headers must be reached by
# some case, so that a new rule cannot land without its test.
#
# Usage: run.sh [BUILD_DIR]; GCC and CLANG name the compilers.
# Ends with "compile-fail: N passed, N failed, 0 skipped"; exits 1 on any
# failure.

top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/tests/compile-fail
out=${1:-$top/build}/compile-fail
GCC=${GCC:-gcc}
CLANG=${CLANG:-clang}
# The flags the tests build with, so that FIX must be warning-free too.
base="-std=gnu11 -Wall -Wextra -Wundef -Wshadow -Werror -I$top -I$dir -c"

mkdir -p "$out" || exit 1
rm -f "$out"/*.result
passed=0
failed=0

meta() {	# meta KEY FILE: the text of a "/* KEY: text */" line
	sed -n "s|^/\* $1: \(.*\) \*/\$|\1|p" "$2" | head -n 1
}

# check_one CASE COMPILER: both builds of one case; writes CASE.COMPILER.result
check_one() {
	c=$1 cc=$2
	name=$(basename "$c" .c)
	res=$out/$name.$cc.result
	log=$out/$name.$cc.log
	frag=$(sed -n '1s|^/\* expect: \(.*\) \*/$|\1|p' "$c")
	flags=$(meta cflags "$c")
	if grep -q '^/\* fix-cflags:' "$c"; then
		fixflags=$(meta fix-cflags "$c")
	else
		fixflags=$flags
	fi
	case $cc in gcc) bin=$GCC ;; *) bin=$CLANG ;; esac

	if [ -z "$frag" ]; then
		echo "FAIL $name: first line is not /* expect: ... */" >"$res"
		return
	fi
	if $bin $base $flags "$c" -o "$out/$name.$cc.o" >"$log" 2>&1; then
		echo "FAIL $name ($cc): built, expected an error containing: $frag" >"$res"
	elif ! grep -i 'error' "$log" | grep -qF -- "$frag"; then
		{
			echo "FAIL $name ($cc): failed, but no error line contains: $frag"
			sed -n '1,15s/^/    /p' "$log"
		} >"$res"
	else
		echo "ok $name ($cc): fails as expected" >"$res"
	fi
	if $bin $base $fixflags -DFIX "$c" -o "$out/$name.$cc.fix.o" >"$log.fix" 2>&1; then
		echo "ok $name ($cc): builds with -DFIX" >>"$res"
	else
		{
			echo "FAIL $name ($cc): -DFIX does not build, so the case fails for another reason"
			sed -n '1,15s/^/    /p' "$log.fix"
		} >>"$res"
	fi
}

# Two jobs at a time (one per compiler): the machine has two cores.
for c in "$dir"/*.c; do
	compilers=$(meta compilers "$c")
	for cc in ${compilers:-gcc clang}; do
		check_one "$c" "$cc" &
	done
	wait
done

for r in "$out"/*.result; do
	while IFS= read -r line; do
		case $line in
		ok*) passed=$((passed + 1)) ;;
		FAIL*) failed=$((failed + 1)); echo "$line" ;;
		*) echo "$line" ;;
		esac
	done <"$r"
done

# Coverage: each #error text must contain some case's fragment, and so
# must each PMM__STATIC_ASSERT name and each name PMM__CONSTANT(X) makes
# (X_must_be_an_integer_constant).
frags=$(for c in "$dir"/*.c; do sed -n '1s|^/\* expect: \(.*\) \*/$|\1|p' "$c"; done)
rules=$(cd "$top" && {
	sed -n 's/^[[:space:]]*#[[:space:]]*error[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' pmm*.h
	sed -n 's/.*PMM__STATIC_ASSERT(PMM__IN(\([A-Za-z_0-9]*\)).*/\1/p' pmm*.h
	sed -n 's/^PMM__CONSTANT(\([A-Z_0-9]*\));$/\1_must_be_an_integer_constant/p' pmm*.h
})
# An #error without a quoted message would slip past the extraction above.
unquoted=$(cd "$top" && grep -n '^[[:space:]]*#[[:space:]]*error' pmm*.h | grep -v '#[[:space:]]*error[[:space:]]*".*"[[:space:]]*$')
if [ -n "$unquoted" ]; then
	failed=$((failed + 1))
	echo "FAIL coverage: #error without a quoted message, cannot match it to a case:"
	echo "$unquoted" | sed 's/^/    /'
fi
nl='
'
oldifs=$IFS
IFS=$nl
for rule in $rules; do
	hit=
	for f in $frags; do
		case $rule in *"$f"*) hit=1; break ;; esac
	done
	if [ -n "$hit" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL coverage: no case expects the rule: $rule"
	fi
done
IFS=$oldifs

echo "compile-fail: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]

#!/bin/sh
# Compiler flags live in plain variables and are split on purpose:
# shellcheck disable=SC2086
#
# check_names.sh - what including pmm.h leaves in a translation unit's
# name space.
#
#   macros   after pmm.h is included twice (every pair of configurations
#            in leak_config.h, hosted and freestanding), the only macros
#            named PMM_* or PMM__* (in any case) are the common ones in
#            allowed_macros.txt; those marked "required" must be there.
#   symbols  objects that instantiate pmm (unit_a.c, unit_b.c) export no
#            symbol of pmm's: everything it defines is static.
#   headers  each entry header compiles when included first, on its own.
#   version  line 3 of pmm.h, PMM_VERSION and its numbers agree.
#
# Usage: check_names.sh [BUILD_DIR]; CC names the compiler.
# Ends with "instances-names: N passed, N failed, 0 skipped"; exits 1 on any
# failure.

top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/tests/instances
out=${1:-$top/build}/instances
CC=${CC:-cc}
warn="-Wall -Wextra -Wundef -Wshadow -Werror"
nconfigs=12
passed=0
failed=0
mkdir -p "$out" || exit 1

pass() { passed=$((passed + 1)); }
words() { echo "$1" | tr '\n' ' '; }	# a list, one per line, on one line
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

allowed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$dir/allowed_macros.txt" | awk '{ print $1 }' | sort -u)
required=$(awk '$2 == "required" { print $1 }' "$dir/allowed_macros.txt" | sort -u)

# --- macros ----------------------------------------------------------------
for mode in hosted freestanding; do
	case $mode in
	hosted) flags="-DLEAK_FREESTANDING=0" ;;
	freestanding) flags="-DLEAK_FREESTANDING=1 -ffreestanding -nostdinc" ;;
	esac
	i=1
	while [ "$i" -le "$nconfigs" ]; do
		j=$((i % nconfigs + 1))
		what="macros ($mode, configurations $i then $j)"
		dump=$out/macros-$mode-$i-$j.txt
		if ! $CC -std=gnu11 $warn $flags -I"$top" -I"$dir" -DLEAK_FIRST=$i \
			-DLEAK_SECOND=$j -dM -E "$dir/leak.c" >"$dump.all" 2>"$dump.err"; then
			fail "$what: does not preprocess:"
			grep -i error "$dump.err" | head -5 | sed 's/^/    /'
			i=$((i + 1))
			continue
		fi
		sed -n 's/^#define \([A-Za-z0-9_]*\).*/\1/p' "$dump.all" |
			grep -i '^pmm_' | sort -u >"$dump"
		leaked=$(echo "$allowed" | comm -23 "$dump" -)
		missing=$(echo "$required" | comm -13 "$dump" -)
		if [ -n "$leaked" ]; then
			fail "$what: still defined after pmm.h: $(words "$leaked")"
		else
			pass
		fi
		if [ -n "$missing" ]; then
			fail "$what: the common part lost: $(words "$missing")"
		else
			pass
		fi
		i=$((i + 1))
	done
done

# --- symbols -----------------------------------------------------------------
for unit in unit_a unit_b; do
	obj=$out/$unit.plain.o
	if ! $CC -std=gnu11 $warn -O2 -I"$top" -c "$dir/$unit.c" -o "$obj" 2>"$obj.err"; then
		fail "symbols ($unit.c): does not build"
		head -5 "$obj.err" | sed 's/^/    /'
		continue
	fi
	# the unit's own API object may be global; pmm's names may not
	exported=$(nm -g --defined-only "$obj" | awk '{ print $NF }' | grep -i 'pmm')
	if [ -n "$exported" ]; then
		fail "symbols ($unit.c): pmm names visible to the linker: $(words "$exported")"
	else
		pass
	fi
done

# --- headers -----------------------------------------------------------------
for h in pmm.h pmm_flat.h pmm_discontig.h pmm_sparse.h pmm_hosted.h; do
	if printf '#include "%s"\n' "$h" |
		$CC -std=gnu11 $warn -I"$top" -x c -fsyntax-only - >"$out/header-$h.err" 2>&1; then
		pass
	else
		fail "headers: $h does not compile on its own:"
		grep -i error "$out/header-$h.err" | head -5 | sed 's/^/    /'
	fi
done

# --- version -----------------------------------------------------------------
# A vendored copy is told by line 3 of pmm.h and by PMM_VERSION: both must
# name one release, and PMM_VERSION must be its three numbers.
said=$(sed -n '3s/^ \* pmm\.h \([0-9][0-9.]*\) - .*/\1/p' "$top/pmm.h")
printf '#include "pmm.h"\nconst char v[] = PMM_VERSION;\nint code = PMM_VERSION_CODE;\n' |
	$CC -std=gnu11 $warn -I"$top" -x c -E -P - 2>"$out/version.err" |
	sed -n 's/^const char v\[\] = "\(.*\)";$/\1/p' >"$out/version.txt"
macro=$(cat "$out/version.txt")
numbers=$(printf '#include "pmm_types.h"\nPMM_VERSION_MAJOR.PMM_VERSION_MINOR.PMM_VERSION_PATCH\n' |
	$CC -std=gnu11 -I"$top" -x c -E -P - 2>/dev/null | tr -d ' ' | tail -1)
if [ -n "$said" ] && [ "$said" = "$macro" ] && [ "$macro" = "$numbers" ]; then
	pass
else
	fail "version: pmm.h line 3 says '$said', PMM_VERSION is '$macro', its numbers '$numbers'"
fi

echo "instances-names: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]

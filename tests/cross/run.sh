#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# tests/cross/run.sh - run one architecture's cross-built tests under qemu-user
#
#	run.sh ARCH QEMU BINDIR MAP_ARCH PROG...
#
# Runs each BINDIR/PROG under QEMU from the top of the tree, one after the
# other, and checks that each printed its own summary line,
# "PROG (ARCH): N passed, M failed, K skipped".  test_layouts gets the
# maps of data/layouts whose '# arch:' line is MAP_ARCH, so that the
# property test runs that architecture's preset (tests/property/models.c),
# less the maps named in CROSS_CUT.  A missing qemu, an architecture without maps, a
# crash (a UBSan trap is SIGILL or SIGTRAP), a time-out or a missing
# summary line is a failure; the exit status is 1 if anything failed.
# Everything goes to standard output, in order.
#
# Environment (rules.mk sets the first two):
#	CROSS_CUT		base names of maps left out (too big for qemu)
#	CROSS_LAYOUTS_ARGS	more arguments for test_layouts (-s SEED, -v)
#	CROSS_AS_GIB		address-space limit per program, GiB (16)
#	CROSS_TIMEOUT		seconds per program (300)
#
# Why an address-space limit: qemu-user 7.2 (Debian 12) keeps flags for
# every guest page of a mapping, PROT_NONE reservations included, about
# 24 bytes per 4 KiB page.  A vmemmap reservation of 4 TiB (arm64's 48
# physical-address bits) would take 24 GiB of this machine's memory.
# Under the limit such a reservation fails at once, and pmm's run-time
# vmemmap window shrinks until it fits (pmm_sparse.h, vmemmap_window),
# as it does on a host with a small address space.

set -u

if [ $# -lt 5 ]; then
	echo "usage: $0 ARCH QEMU BINDIR MAP_ARCH PROG..." >&2
	exit 2
fi
arch=$1
qemu=$2
bin=$3
map_arch=$4
shift 4

as_gib=${CROSS_AS_GIB:-16}
limit=${CROSS_TIMEOUT:-300}
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT

if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "test-cross ($arch): $qemu not found: install qemu-user (make deps, as root)"
	exit 1
fi

# The maps of this architecture, less the cut ones.
maps=
for m in data/layouts/*.txt; do
	grep -qx "# arch: $map_arch" "$m" || continue
	base=$(basename "$m" .txt)
	case " ${CROSS_CUT:-} " in
	*" $base "*)
		continue ;;
	esac
	maps="$maps $m"
done

# No core files from qemu in the tree; the address-space guard above.
ulimit -c 0
ulimit -v $((as_gib * 1024 * 1024)) || exit 2

status=0
start=$(date +%s)
for p in "$@"; do
	args=
	if [ "$p" = test_layouts ]; then
		if [ -z "$maps" ]; then
			echo "test_layouts ($arch): no map with '# arch: $map_arch' in data/layouts"
			echo "test_layouts ($arch): 0 passed, 1 failed, 0 skipped"
			status=1
			continue
		fi
		args="${CROSS_LAYOUTS_ARGS:-}$maps"
	fi
	# shellcheck disable=SC2086 # args is a list of words
	timeout -k 10 "$limit" "$qemu" "$bin/$p" $args >"$tmp" 2>&1
	rc=$?
	cat "$tmp"
	line="^$p ($arch): [0-9][0-9]* passed, [0-9][0-9]* failed, [0-9][0-9]* skipped\$"
	if [ $rc -eq 124 ]; then
		echo "$p ($arch): timed out after $limit s under $qemu"
	elif [ $rc -eq 137 ]; then
		echo "$p ($arch): killed (SIGKILL: out of time or of memory) under $qemu"
	elif [ $rc -gt 128 ]; then
		sig=$((rc - 128))
		why=
		# __builtin_trap: ud2 or an invalid opcode on i686 and s390x,
		# a breakpoint on aarch64, riscv64 and ppc64le
		case $sig in
		4 | 5)	why=" (SIGILL or SIGTRAP: a UBSan trap)" ;;
		6)	why=" (SIGABRT: PMM_BUG_ON, or abort)" ;;
		esac
		echo "$p ($arch): killed by signal $sig$why under $qemu"
	elif ! grep -q "$line" "$tmp"; then
		echo "$p ($arch): exit status $rc and no summary line"
		[ $rc -eq 0 ] && rc=1
	fi
	if [ $rc -ne 0 ]; then
		status=1
		# a counted failure for make test, when the program gave none
		grep -q "$line" "$tmp" || echo "$p ($arch): 0 passed, 1 failed, 0 skipped"
	fi
done
echo "test-cross ($arch): $# programs under $qemu in $(($(date +%s) - start)) s"
exit $status

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# sweep_boots.sh - whole boots of the sweep's configurations under
# hyperfine, one process each: `sweep_bench --sweep_boot=NAME` maps,
# runs pmm_init (and pmm_deferred_init), pmm_exit and exits.
#
#	sweep_boots.sh SWEEP_BIN RUNS OUT.json LOG
#
# Two sets, each taken from the configurations the sweep has:
#   - the conversions' configurations of the VARIANTS on the real MAPS,
#     named "boot VARIANT MAP" (the report's table of layouts);
#   - the boot blocks' configurations on DEFERRED_MAPS, on either backing,
#     named "deferred VARIANT MAP BACKING off|1|0": without deferral, and
#     deferred with pmm_deferred_init on 1 thread and on all CPUs (0).
# Writes nothing, and removes OUT.json, when the sweep has none of them.
set -e

bin=$1 runs=$2 out=$3 log=$4
HYPERFINE=${HYPERFINE:-hyperfine}
VARIANTS="flat discontig_table sparse_extreme vmemmap_var
	xen_pdx_mask xen_pdx_offset freebsd_dense freebsd_sparse"
MAPS="x86-server-dell-r7525-2s-epyc-128g x86-server-intel-csl-2s-optane-pmem
      x86-laptop-framework-13-tgl-16g"
DEFERRED_MAPS="numa16-128g"

names=$("$bin" --sweep_list)
set --
for m in $MAPS; do
	for v in $VARIANTS; do
		echo "$names" | grep -q "^x86_64/$v/p12[^/]*\.d64\.n6/$m\$" || continue
		set -- "$@" -n "boot $v $m" "$bin --sweep_boot=x86_64/$v/p12*.d64.n6/$m"
	done
done
for m in $DEFERRED_MAPS; do
	for name in $(echo "$names" | grep "/$m\(@4k\)\?+boot\(-deferred\)\?\$"); do
		v=$(echo "$name" | cut -d/ -f2)
		case $name in *@4k+*) backing=4k ;; *) backing=2m ;; esac
		case $name in
		*+boot-deferred)
			set -- "$@" -n "deferred $v $m $backing 1" \
				"$bin --sweep_boot=$name --sweep_threads=1" \
				-n "deferred $v $m $backing 0" \
				"$bin --sweep_boot=$name --sweep_threads=0" ;;
		*)
			set -- "$@" -n "deferred $v $m $backing off" "$bin --sweep_boot=$name" ;;
		esac
	done
done
if [ $# -eq 0 ]; then
	rm -f "$out"
	exit 0
fi
echo "[boot] hyperfine: $(($# / 3)) whole boots x $runs runs"
"$HYPERFINE" -N --style basic --warmup 1 --runs "$runs" --export-json "$out" "$@" > "$log"

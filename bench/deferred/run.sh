#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# run.sh - make bench-deferred's body: run big_maps, then hyperfine over
# deferred_boot, and write the report.  Called by bench/deferred.mk with:
#
#	BIG BOOT	the two programs
#	GIB RUNS	deferred_boot's map size, hyperfine's runs per command
#	OUT		scratch folder (under build/)
#	MD JSON		where the report and hyperfine's JSON go
#	HYPERFINE PYTHON
#
# The report is assembled in OUT and moved to MD only once whole.
set -e

command -v "$HYPERFINE" > /dev/null || {
	echo "bench-deferred: needs hyperfine (make deps-bench)" >&2
	exit 1
}
mkdir -p "$OUT" "$(dirname "$MD")" "$(dirname "$JSON")"
tmp=$OUT/report.md.tmp
hf=$OUT/hyperfine.json

{
	cat <<EOF
# Deferred struct page initialisation: boot time and memory

Written by \`make bench-deferred\` (bench/deferred.mk, bench/deferred/run.sh)
on $(date -u +%FT%TZ); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg).

These are userspace figures.  Descriptors live in anonymous memory that
the hosted hooks (pmm_hosted.h) map on demand, so the first write to
each 4 KiB page of memmap is a page fault (two, in fact: set_page_links
reads the flags word before it writes it), and the kernel zeroes the
page.  Those faults, not pmm's loops, are most of every time below that
writes the whole memmap (see the system time), and threads of one
process fault into one address space.  The "+thp" rows hint the vmemmap
reservation with MADV_HUGEPAGE: one fault per 2 MiB section of memmap.
On a virtual machine, memory the guest touches for the first time may
also fault in the host, which makes single runs vary a lot.

## pmm_init on maps larger than this machine

\`$BIG\`

EOF
	"$BIG"
	cat <<EOF

## A whole boot of $GIB GiB in 16 nodes (x86_64, SPARSEMEM_VMEMMAP)

One process: pmm_init, then pmm_deferred_init(T) where deferring, then
pmm_exit; hyperfine, one warm-up and $RUNS runs each.  T=0 is one thread
per online CPU ($(nproc) here).

EOF
} > "$tmp"
cat "$tmp"

set -- -n "no deferral" "$BOOT -g $GIB off" \
	-n "deferred, T=1" "$BOOT -g $GIB 1" \
	-n "deferred, T=2" "$BOOT -g $GIB 2" \
	-n "deferred, T=0 (all CPUs)" "$BOOT -g $GIB 0" \
	-n "no deferral, +thp" "$BOOT -m thp -g $GIB off" \
	-n "deferred, T=1, +thp" "$BOOT -m thp -g $GIB 1" \
	-n "deferred, T=2, +thp" "$BOOT -m thp -g $GIB 2" \
	-n "deferred, T=0, +thp" "$BOOT -m thp -g $GIB 0"
"$HYPERFINE" --style basic --shell=none --warmup 1 --runs "$RUNS" \
	--export-json "$hf" "$@"

{
	"$PYTHON" bench/deferred/hyperfine_table.py "$hf"
	echo
	echo "One more run of each, split by phase (\`deferred_boot -v\`):"
	echo
	for m in vmemmap thp; do
		for t in off 1 2 0; do
			echo "    $("$BOOT" -v -m $m -g "$GIB" $t)"
		done
	done
	echo
	echo "Commands: \`$BIG\`;"
	echo "\`$HYPERFINE --shell=none --warmup 1 --runs $RUNS" \
		"'$BOOT [-m thp] -g $GIB off|1|2|0'\`."
} > "$OUT/tail.md"
cat "$OUT/tail.md" >> "$tmp"
cp "$hf" "$JSON"
mv "$tmp" "$MD"
rm -f "$OUT/tail.md"
echo "make bench-deferred: wrote $MD and $JSON"

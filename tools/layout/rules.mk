# tools/layout: the memory-map reader (layout.c, the .txt format of
# data/layouts/) and the parsers of the raw forms beside it.  Variables
# only: each part that links them names its own targets.  layout.c alone
# serves a program that reads only .txt maps.

LAYOUT_SRCS := tools/layout/layout.c tools/layout/parse_iomem.c \
	       tools/layout/parse_memmap.c tools/layout/parse_dmesg.c \
	       tools/layout/parse_fdt.c tools/layout/dtc.c tools/layout/layout_read.c \
	       tools/layout/layout_write.c tools/layout/memblock.c
LAYOUT_HDRS := tools/layout/layout.h tools/layout/layout_internal.h
# parse_fdt.c reads blobs with libfdt (libfdt-dev): every program that
# links LAYOUT_SRCS links this too.  layout.c alone needs nothing.
LAYOUT_LIBS := -lfdt

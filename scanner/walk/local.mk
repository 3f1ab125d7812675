# scanner/walk/: the walk of the roots (fts) in a few threads, and the
# worker pool.
libspamsweep_a_SOURCES += \
	scanner/walk/pool.c scanner/walk/pool.h scanner/walk/walk.c \
	scanner/walk/walk.h scanner/walk/walk_int.h scanner/walk/walk_tree.c

# scanner/walk/: the walk of the roots (fts) in a few threads, and the
# worker pool.
# Inside, the files depend one way: walk.c (threads, roots) -> walk_tree.c
# (one subtree with fts) -> walk_stack.c (the shared stack of subtrees) ->
# walk_ctx.h (what the caller hands the walk).
libspamsweep_a_SOURCES += \
	scanner/walk/pool.c scanner/walk/pool.h scanner/walk/walk.c \
	scanner/walk/walk.h scanner/walk/walk_again.c \
	scanner/walk/walk_again.h scanner/walk/walk_ctx.h \
	scanner/walk/walk_stack.c scanner/walk/walk_stack.h \
	scanner/walk/walk_tree.c scanner/walk/walk_tree.h

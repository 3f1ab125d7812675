# bench: parts added to the top-level build. The benchmark is not a test:
# it is shipped, not run by make check.
EXTRA_DIST += bench/run bench/README.md bench/bench.ndb bench/nightly.conf.in

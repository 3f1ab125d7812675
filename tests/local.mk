# tests/: unit tests (cmocka) and shell tests of the real binary.

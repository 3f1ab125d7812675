# scanner/cmd/: the command table (main.c) and one cmd_NAME() per
# subcommand.
libspamsweep_a_SOURCES += \
	scanner/cmd/cmd_nightly.c scanner/cmd/cmd_quarantine.c \
	scanner/cmd/cmd_scan.c scanner/cmd/cmd_submit.c \
	scanner/cmd/commands.h

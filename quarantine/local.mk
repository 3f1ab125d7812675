# quarantine/: the vault (move in, metadata, restore, purge) and
# submission packages (libzip, AES-256); documented in doc/quarantine.md.
libspamsweep_a_SOURCES += \
	quarantine/fdcopy.c quarantine/fdcopy.h quarantine/qmeta.c \
	quarantine/qmeta.h quarantine/qmove.c quarantine/qmove.h \
	quarantine/restore.c quarantine/restore.h quarantine/submit.c \
	quarantine/submit.h quarantine/vault.c quarantine/vault.h \
	quarantine/zipstream.c quarantine/zipstream.h quarantine/recover.c \
	quarantine/recover.h

# contrib: the sample configuration, the cron job and the systemd timer,
# installed under $(pkgdatadir)/contrib with the instructions (nightly.md);
# the sample also as $(sysconfdir)/spamsweep/spamsweep.conf.sample.
contribdir = $(pkgdatadir)/contrib
dist_contrib_DATA = contrib/spamsweep.conf.sample doc/nightly.md
contribcrondir = $(pkgdatadir)/contrib/cron.daily
dist_contribcron_SCRIPTS = contrib/cron.daily/spamsweep
contribsystemddir = $(pkgdatadir)/contrib/systemd
dist_contribsystemd_DATA = contrib/systemd/spamsweep-nightly.timer
nodist_contribsystemd_DATA = contrib/systemd/spamsweep-nightly.service
spamsweepconfdir = $(sysconfdir)/spamsweep
dist_spamsweepconf_DATA = contrib/spamsweep.conf.sample
EXTRA_DIST += contrib/systemd/spamsweep-nightly.service.in
CLEANFILES += contrib/systemd/spamsweep-nightly.service

contrib/systemd/spamsweep-nightly.service: contrib/systemd/spamsweep-nightly.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) contrib/systemd && \
	sed -e 's|@bindir[@]|$(bindir)|g' $(srcdir)/contrib/systemd/spamsweep-nightly.service.in >$@

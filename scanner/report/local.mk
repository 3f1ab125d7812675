# scanner/report/: results to text, JSON lines and the JSON report.
libspamsweep_a_SOURCES += \
	scanner/report/report.c scanner/report/report.h \
	scanner/report/report_json.c scanner/report/report_text.c

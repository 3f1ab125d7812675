#!/bin/sh
# t3100-fp-mail-software: the false-positive suite. Real release trees of
# legitimate software that sends mail (Debian packages, cached between runs
# in $SS_FP_CACHE) must give no finding at all, and their highest
# heuristic score must stay clearly below the threshold. On failure the
# top-scoring files are printed with their indicators, to help tuning.
. "$(dirname "$0")/test-lib.sh"

CACHE=${SS_FP_CACHE:-/var/cache/spamsweep-tests}
# The look-alikes of TECHNIQUES.md section 5 as Debian ships them: SMTP
# clients and libraries (PEAR's and Horde's direct-to-MX transports among
# them), address validators that talk to MX hosts, mailing-list managers
# (Sympa sends to many recipients from a web interface), and big PHP and
# Perl applications that send mail.
PKGS="wordpress libphp-phpmailer roundcube-core roundcube-plugins
roundcube-plugins-extra php-symfony-mailer php-swiftmailer php-mail
php-mail-mime php-net-smtp php-horde-mail php-horde-smtp
php-email-validator phpmyadmin mediawiki dokuwiki postfixadmin tt-rss
cacti zabbix-frontend-php icingaweb2 perl-modules-5.36
libmail-sendmail-perl libmime-lite-perl libemail-sender-perl
libemail-valid-perl libmail-verify-perl libmail-checkuser-perl
libnet-smtps-perl libnet-smtp-ssl-perl libmail-box-perl sympa
request-tracker5"
THRESHOLD=10 # SCAN_DEFAULT_THRESHOLD
MARGIN=7     # the corpus must score at most this

# shellcheck disable=SC2086
if ! sh "$SS_SRCDIR/tests/fp/corpus.sh" "$CACHE" $PKGS >"$TRASH/corpus.err" 2>&1; then
	sed 's/^/# /' "$TRASH/corpus.err"
	for p in $PKGS; do
		test_skip "no finding in $p" "corpus not available"
	done
	test_done
	exit 0
fi

top_scores() {
	ss_scan --no-summary --threshold 1 --jsonl "$@" 2>/dev/null |
		jq -r 'select(.path) | "\(.score)\t\(.path)\t\([.evidence[] | "\(.name)=\(.score)"] | join(" "))"' |
		sort -rn | head -n 15
}

for p in $PKGS; do
	test_expect_success "no finding in $p" "
		set +e
		ss_scan -i '$CACHE/$p' >out 2>err
		rc=\$?
		set -e
		if [ \"\$rc\" != 0 ]; then
			cat out err
			echo 'top scores:'
			top_scores '$CACHE/$p'
			false
		fi
	"
done

test_expect_success "highest score over the corpus stays at most $MARGIN (threshold $THRESHOLD)" '
	for p in $PKGS; do echo "$CACHE/$p"; done >roots &&
	top_scores $(cat roots) >top &&
	cat top &&
	max=$(head -n 1 top | cut -f1) &&
	[ "${max:-0}" -le "$MARGIN" ]
'

test_done

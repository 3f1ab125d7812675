#!/bin/sh
# t3110-fp-web-apps: the false-positive suite, part two. Real release trees
# of software that looks like the other things spamsweep reports: admin
# panels that run commands or edit files (GOsa, phpLDAPadmin, Adminer),
# template engines that compile to PHP and eval it (Smarty, Twig), big
# encoded or generated blobs (TCPDF fonts, phpseclib), Perl CGI and mail
# filters that speak SMTP, check DNSBLs or rename their processes
# (SpamAssassin, amavisd-new, postgrey, logwatch, awstats, munin,
# smokeping). No finding at all (tests/t/lib-fp.sh runs the checks).
. "$(dirname "$0")/test-lib.sh"

PKGS="adminer smarty4 smarty3 php-tcpdf php-phpseclib3 php-twig
phpldapadmin gosa php-getid3 php-league-commonmark php-symfony-mime
php-horde php-horde-core php-horde-imp libphp-simplepie awstats munin
smokeping spamassassin amavisd-new libnet-server-perl postgrey sqlgrey
mailgraph pflogsumm libmail-dkim-perl logwatch libmail-imapclient-perl
mhonarc ddclient"
. "$SS_SRCDIR/tests/t/lib-fp.sh"

test_done

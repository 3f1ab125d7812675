#!/bin/sh
# t3100-fp-mail-software: the false-positive suite, part one. Real release
# trees of legitimate software that sends mail must give no finding at all
# (tests/t/lib-fp.sh runs the checks).
. "$(dirname "$0")/test-lib.sh"

# The look-alikes as Debian ships them: SMTP
# clients and libraries (PEAR's and Horde's direct-to-MX transports among
# them), address validators that talk to MX hosts, mailing-list managers
# (Sympa sends to many recipients from a web interface), and big PHP and
# Perl applications that send mail.
# (WordPress and PHPMailer are in t3000.)
PKGS="roundcube-core roundcube-plugins
roundcube-plugins-extra php-symfony-mailer php-swiftmailer php-mail
php-mail-mime php-net-smtp php-horde-mail php-horde-smtp
php-email-validator phpmyadmin mediawiki dokuwiki postfixadmin tt-rss
cacti zabbix-frontend-php icingaweb2 perl-modules-5.36
libmail-sendmail-perl libmime-lite-perl libemail-sender-perl
libemail-valid-perl libmail-verify-perl libmail-checkuser-perl
libnet-smtps-perl libnet-smtp-ssl-perl libmail-box-perl sympa
request-tracker5"
. "$SS_SRCDIR/tests/t/lib-fp.sh"

test_done

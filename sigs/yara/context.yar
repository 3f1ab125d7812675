/*
 * context.yar: spam context around a sending engine (doc/techniques.md
 * section 2) and forged client headers. None of these is enough alone;
 * they add up with a sending capability (sending.yar) or with hiding
 * (hiding.yar). T-REQ-RECIPIENTS, T-OPEN-RELAY, T-MULTIPLEX and
 * T-REMOTE-JOBS live in sending.yar because they combine with its rules.
 */

rule ctx_send_loop
{
	meta:
		id = "ctx_send_loop"
		score = 2
		category = "spam-context"
		technique = "T-SEND-LOOP"
		description = "sends inside a loop, pausing between sends"
	strings:
		// the loop header, then its body up to the first '}' that is
		// not closing a short inner block or a {PLACEHOLDER} (bounded:
		// linear in the file, unlike pairing offsets in the condition)
		$loop = /\b(foreach|while|for)\s*(my\s+)?\$?\w{0,30}\s*\([^{;]{0,200}(;[^{;]{0,100}){0,2}\)\s*\{([^{}]|\{[^{}]{0,300}\}){0,600}([^\w>:$](mail|mb_send_mail|imap_mail|error_log|fputs|fwrite|socket_write|popen|proc_open)\s*\(|->(send|mail|to|datasend)\s*\(|print\s+\$\w{1,20}\s+["'](RCPT|MAIL|DATA|HELO|EHLO|To:|From:)|\bopen\s*\(\s*(my\s+)?\$\w{1,20}\s*,\s*["']\|-["']\s*,\s*["'][^"'\n]{0,40}sendmail|\bopen\s*\(\s*\w{1,20}\s*,\s*["']\|\s*[^"'\n]{0,40}sendmail|print\s+[A-Z_]{2,20}\s+["']To:)/ nocase
		$sleep = /\b(u?sleep|time_nanosleep)\b|\bselect\s*\(\s*undef\s*,\s*undef\s*,\s*undef/ nocase
		$flush = /\b(ob_flush|flush)\s*\(\s*\)|\$\|\s*=\s*1/
	condition:
		$loop and ($sleep or $flush)
}

rule ctx_list_from_argv
{
	meta:
		id = "ctx_list_from_argv"
		score = 3
		category = "spam-context"
		technique = "T-LIST-FILE"
		description = "reads a recipient list from a file named on its command line (a mass-mailing tool run from a shell or cron)"
	strings:
		$open = /\bopen\s*\(\s*(my\s+)?\$?\w{1,20}\s*,\s*(["']<["']\s*,\s*|["']<\s*)?\$ARGV\s*\[\s*\d\s*\]/
		$chomp = "chomp"
		$php = /\bfile\s*\(\s*\$argv\s*\[\s*\d\s*\]/ nocase
	condition:
		($open and $chomp) or $php
}

rule ctx_placeholders
{
	meta:
		id = "ctx_placeholders"
		score = 4
		category = "spam-context"
		technique = "T-PERSONALISE"
		description = "per-recipient placeholders in the message ([-email-], %random%, ##random##)"
	strings:
		$a = /\[-(email|mail|name|random\w{0,10}|rand\w{0,10}|domain|date|user|emailuser)-\\?\]/ nocase
		$b = /%(random|rand|email|emailuser|domain|user)\w{0,10}%/ nocase
		$c = /##(random|rand)\w{0,10}##/ nocase
		$d = /[^\w$]\{(random|rand)_?\w{0,10}\}/ nocase
	condition:
		any of them
}

rule hdr_random_sender
{
	meta:
		id = "hdr_random_sender"
		score = 3
		category = "header-forgery"
		technique = "T-PERSONALISE"
		description = "random values in the subject or sender"
	strings:
		$a = /(Subject|From|Reply-To|Message-ID)[^;\n]{0,40}\.\s*(rand|mt_rand|uniqid|md5\s*\(\s*(rand|mt_rand|uniqid|time|microtime))\s*\(/ nocase
		$b = /(\$subject|\$from|\$sender|\$fromname)\s*=\s*[^;\n]{0,60}\.\s*(int\s*\(\s*)?(rand|mt_rand)\s*\(/ nocase
	condition:
		any of them
}

rule hdr_forged_client
{
	meta:
		id = "hdr_forged_client"
		score = 5
		category = "header-forgery"
		technique = "T-FORGED-HEADERS"
		description = "claims to be a desktop mail client (X-Mailer: Outlook, The Bat!, ...)"
	strings:
		$a = /X-Mailer:\s{0,3}(Microsoft (Office )?Outlook|Outlook Express|The Bat!|Apple Mail|iPhone Mail|Microsoft Windows Live Mail|Mozilla Thunderbird|Foxmail|Microsoft CDO)/ nocase
		$b = "X-MimeOLE: Produced By Microsoft" nocase
	condition:
		any of them
}

rule hdr_priority
{
	meta:
		id = "hdr_priority"
		score = 1
		category = "header-forgery"
		technique = "T-FORGED-HEADERS"
		description = "high-priority headers set by hand"
	strings:
		$a = /X-Priority:\s{0,3}1/ nocase
		$b = /X-MSMail-Priority:\s{0,3}High/ nocase
	condition:
		any of them
}

rule hdr_sender_from_request
{
	meta:
		id = "hdr_sender_from_request"
		score = 2
		category = "header-forgery"
		technique = "T-FORGED-HEADERS"
		description = "sender or envelope sender taken from the request"
	strings:
		$a = /(From|Reply-To|Return-Path|Sender):\s{0,3}["']\s*\.\s*(trim\s*\(\s*)?\$_(POST|GET|REQUEST)\b/ nocase
		$b = /["']-f["']\s*\.\s*\$_(POST|GET|REQUEST)\b/ nocase
	condition:
		any of them
}

rule ctx_run_forever
{
	meta:
		id = "ctx_run_forever"
		score = 3
		category = "spam-context"
		technique = "T-RUN-FOREVER"
		description = "runs on after the client leaves and hides its errors"
	strings:
		$a = /\bset_time_limit\s*\(\s*0\s*\)/ nocase
		$b = /\bignore_user_abort\s*\(\s*(true|1)\s*\)/ nocase
		$c = /\bini_set\s*\(\s*["']max_execution_time["']\s*,\s*["']?0/ nocase
		$d = /\berror_reporting\s*\(\s*0\s*\)/ nocase
		$e = /\bini_set\s*\(\s*["']display_errors["']\s*,\s*["']?(0|off)/ nocase
		// answers the client at once and goes on alone
		$f = /\bfastcgi_finish_request\s*\(\s*\)/ nocase
	condition:
		3 of them
}

rule ctx_process_hiding
{
	meta:
		id = "ctx_process_hiding"
		score = 4
		category = "spam-context"
		technique = "T-DAEMON"
		description = "detaches and renames its process (Perl $0 = ..., fork, setsid)"
	strings:
		$name = /\$0\s*=\s*["'$\[]/
		$fork = /\bfork\b/
		$setsid = /\bsetsid\b/
	condition:
		$name and ($fork or $setsid)
}

rule ctx_dnsbl
{
	meta:
		id = "ctx_dnsbl"
		score = 4
		category = "spam-context"
		technique = "T-DNSBL"
		description = "checks its sending host against DNS blacklists"
	strings:
		$z1 = "zen.spamhaus.org" nocase
		$z2 = "bl.spamcop.net" nocase
		$z3 = "b.barracudacentral.org" nocase
		$z4 = "dnsbl.sorbs.net" nocase
		$z5 = "cbl.abuseat.org" nocase
		$z6 = "sbl.spamhaus.org" nocase
		$z7 = "xbl.spamhaus.org" nocase
		$z8 = "uceprotect.net" nocase
		$z9 = "psbl.surriel.com" nocase
		$z10 = "dnsbl.manitu.net" nocase
		$rev = /checkdnsrr\s*\([^;]{0,120}(implode|join)\s*\([^;]{0,40}array_reverse/ nocase
	condition:
		2 of ($z*) or $rev
}

rule ctx_password_gate
{
	meta:
		id = "ctx_password_gate"
		score = 3
		category = "spam-context"
		technique = "T-GATE"
		description = "a password gate comparing the request against a hard-coded md5"
	strings:
		$a = /md5\s*\(\s*\$_(POST|GET|REQUEST|COOKIE)\s*\[[^\]]{1,30}\]\s*\)\s*[!=]==?\s*["'][0-9a-fA-F]{32}["']/ nocase
		$b = /["'][0-9a-fA-F]{32}["']\s*[!=]==?\s*md5\s*\(\s*\$_(POST|GET|REQUEST|COOKIE)/ nocase
	condition:
		any of them
}

rule ctx_probe_message
{
	meta:
		id = "ctx_probe_message"
		score = 2
		category = "spam-context"
		technique = "T-GATE"
		description = "tells the operator that mail or upload works here"
	strings:
		$a = /(mail(er)?|upload(er)?|sending|smtp)[^"'\n]{0,20}\b(is )?working/ nocase
		$b = /(mail|message)s?\s+(sent|delivered)\s+to\s*:?\s*["']\s*\./ nocase
	condition:
		any of them
}

rule ctx_report_back
{
	meta:
		id = "ctx_report_back"
		score = 4
		category = "spam-context"
		technique = "T-REPORT-BACK"
		description = "mails details of this server to a hard-coded address"
	strings:
		$a = /(^|[^\w>:$])mail\s*\(\s*["'][\w.+-]{1,64}@[\w.-]{1,100}["']\s*,[^;]{0,300}(\$_SERVER|php_uname|SERVER_ADDR|HTTP_HOST|getcwd|__FILE__)/ nocase
	condition:
		$a
}

rule ctx_hidden_list
{
	meta:
		id = "ctx_hidden_list"
		score = 3
		category = "spam-context"
		technique = "T-LIST-FILE"
		description = "reads its list or letter from a hidden file in a temporary directory, or a hashed name in a hidden folder"
	strings:
		$a = /\b(file|fopen|file_get_contents|open)\s*\(\s*(my\s+)?([\w$]{1,20}\s*,\s*)?(["']<["']\s*,\s*)?["']<?\s*\/(tmp|var\/tmp|dev\/shm)\/\.\w/ nocase
		// or from a hidden folder next to the script, under a hashed name
		$b = /\b(file|file_get_contents|fopen)\s*\(\s*(\$\w{1,20}|__DIR__|dirname\s*\(\s*__FILE__\s*\)\s*\.\s*["']\/\.\w{1,20})\s*\.\s*["']\/[0-9a-f]{16,64}\.(dat|txt|list|db)["']/ nocase
		// a literal path to a hidden file in a temporary directory, as
		// the default for a list named on the command line (X11 and ICE
		// sockets left out)
		$c = /["']\/(tmp|var\/tmp|dev\/shm)\/\.[a-zA-HJ-WYZ0-9_][\w.-]{0,29}["']/
	condition:
		$a or $b or $c
}

/*
 * Several SMTP accounts with their passwords in one list, to be used in
 * turn: relaying through stolen mailboxes. An application has one SMTP
 * setting, not a rotation of them.
 */
rule ctx_smtp_accounts
{
	meta:
		id = "ctx_smtp_accounts"
		score = 5
		category = "spam-context"
		technique = "T-SMTP-ACCOUNTS"
		description = "a list of SMTP accounts with passwords to send through in turn (stolen mailboxes)"
	strings:
		// ['smtp.example.net', 465, 'user@example.net', 'secret'] or
		// array('host' => ..., 'port' => 587, 'user' => ..., 'pass' => ...)
		$tuple = /[\[(]\s*["'][\w.-]{3,60}["']\s*,\s*["']?(25|465|587|2525)["']?\s*,\s*["'][^"'\s@]{1,60}@[\w.-]{3,60}["']\s*,\s*["'][^"'\n]{1,60}["']\s*[\])]/
		$keyed = /["'](host|server|smtp)["']\s*=>\s*["'][\w.-]{3,60}["']\s*,\s*["']port["']\s*=>\s*["']?(25|465|587|2525)["']?\s*,\s*["'](user|username|login|email)["']\s*=>\s*["'][^"'\n]{1,60}["']\s*,\s*["'](pass|password|pwd)["']\s*=>/ nocase
	condition:
		#tuple >= 3 or #keyed >= 3
}

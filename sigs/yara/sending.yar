/*
 * sending.yar: how the mail leaves (doc/techniques.md section 1:
 * T-MAIL-FN to T-SMTP-PORT), and the combinations of a sending engine with
 * recipients chosen by the request (T-REQ-RECIPIENTS, T-OPEN-RELAY) or by
 * a controller (T-MULTIPLEX, T-REMOTE-JOBS).
 *
 * Single capabilities weigh little (every mailer library has them); the
 * combination rules at the end carry the weight. Rules run over the raw
 * file, its normalized text and every decoded layer; a rule counts once
 * per file. Rules referenced by others must come first in this file.
 */

rule send_php_mail
{
	meta:
		id = "send_php_mail"
		score = 1
		category = "mailer-mail"
		technique = "T-MAIL-FN"
		description = "hands mail to the local MTA (mail(), mb_send_mail, imap_mail, error_log type 1, Mail::Sendmail)"
	strings:
		$call = /(^|[^\w>:$])(mail|mb_send_mail|imap_mail)\s*\(/ nocase
		$name = /(call_user_func(_array)?|array_map)\s*\(\s*["'](mail|mb_send_mail|imap_mail)["']/ nocase
		$var = /\$\w{1,40}\s*=\s*["'](mail|mb_send_mail)["']\s*;/ nocase
		$errlog = /\berror_log\s*\([^;]{1,200},\s*["']?1["']?\s*,\s*\$/ nocase
		$perl = /\buse\s+Mail::Sendmail\b/
	condition:
		any of them
}

rule send_pipe_sendmail
{
	meta:
		id = "send_pipe_sendmail"
		score = 2
		category = "mailer-pipe"
		technique = "T-SENDMAIL-PIPE"
		description = "opens a pipe to sendmail"
	strings:
		$popen = /\b(popen|proc_open)\s*\([^;]{0,120}(sendmail|\/usr\/sbin\/|exim|qmail-inject)/ nocase
		$shell = /\b(shell_exec|exec|system|passthru)\s*\([^;]{0,160}\|\s*[\w\/.]{0,30}sendmail/ nocase
		$perl1 = /open\s*\(?\s*(my\s+)?[\w$]{1,30}\s*,\s*["']\|\s*[\w\/.]{0,30}sendmail/
		$perl2 = /open\s*\(?\s*(my\s+)?[\w$]{1,30}\s*,\s*["']\|-["']\s*,\s*["'][\w\/.]{0,30}sendmail/
		$path = /["']\|\s{0,3}\/usr\/(s?bin|lib)\/sendmail/
	condition:
		any of them
}

rule send_socket_smtp
{
	meta:
		id = "send_socket_smtp"
		score = 2
		category = "mailer-socket"
		technique = "T-RAW-SMTP, T-SMTP-PORT"
		description = "opens a TCP socket to an SMTP port (25, 465, 587)"
	strings:
		$d1 = /\bp?fsockopen\s*\([^;]{1,120},\s*["']?(25|465|587|0x19|5\s*\*\s*5)["']?\s*[,)]/ nocase
		$d2 = /tcp:\/\/[^"'\s]{0,80}:(25|465|587)\b/ nocase
		$d3 = /\bsocket_connect\s*\([^;]{1,100},\s*["']?(25|465|587|0x19)["']?\s*\)/ nocase
		$d4 = /PeerPort\s*=>\s*["']?(25|465|587|smtp)\b/ nocase
		$d5 = /PeerAddr\s*=>\s*["'][^"']{0,80}:(25|465|587)["']/ nocase
		$d6 = /sockaddr_in\s*\(\s*["']?(25|465|587)["']?\s*,/
		$d7 = /IO::Socket::INET->new\s*\(\s*["'][^"']{0,80}:(25|465|587)["']/
		$d8 = /getservbyname\s*\(\s*["']smtp["']/ nocase
		$d9 = /\b(stream_socket_client|p?fsockopen)\s*\([^;]{0,120}["']:(25|465|587)["']/ nocase
		$so1 = /\b(p?fsockopen|stream_socket_client|socket_connect|socket_create)\b/ nocase
		$so2 = /IO::Socket::INET|\bsocket\s*\(\s*\w{1,20}\s*,\s*PF_INET/
		$port = /\$\w{0,20}port\w{0,10}\s*=\s*["']?(25|465|587|0x19|5\s*\*\s*5)["']?\s*;/ nocase
	condition:
		any of ($d*) or (any of ($so*) and $port)
}

rule smtp_dialogue
{
	meta:
		id = "smtp_dialogue"
		score = 2
		category = "mailer-socket"
		technique = "T-RAW-SMTP"
		description = "writes a whole SMTP dialogue (HELO/EHLO, MAIL FROM, RCPT TO, DATA)"
	strings:
		$helo = /["'](HELO|EHLO)[\s"']/ nocase
		$from = "MAIL FROM:" nocase
		$rcpt = "RCPT TO:" nocase
		// DATA as SMTP clients write it, in capitals; in lower case only
		// with its line end (an array key 'data' is no SMTP verb: it made
		// an address validator look like a sender)
		$data = /(["']|\\n)DATA\s{0,2}(\\r\\n|\\n|["'])/
		$data_lc = /(["']|\\n)data\s{0,2}(\\r\\n|\\n)/ nocase
	condition:
		$helo and $from and $rcpt and ($data or $data_lc)
}

rule mx_lookup
{
	meta:
		id = "mx_lookup"
		score = 2
		category = "mx-lookup"
		technique = "T-DIRECT-MX"
		description = "looks up the MX hosts of a domain"
	strings:
		$php1 = /\bgetmxrr\s*\(/ nocase
		$php2 = /\bdns_get_record\s*\([^;]{1,100}DNS_MX/ nocase
		$perl1 = /\bmx\s*\(\s*\$\w{1,30}\s*,\s*\$\w{1,30}/
		$perl2 = /->(query|search|send)\s*\([^;]{1,80}["']MX["']/
		$shell = /(dig\s+(-t\s+)?mx|nslookup\s+-(q|type)=mx|host\s+-t\s+mx)\b/ nocase
	condition:
		any of them
}

rule smtp_library
{
	meta:
		id = "smtp_library"
		score = 1
		category = "mailer-library"
		technique = "T-SMTP-LIB"
		description = "uses an SMTP client library (Net::SMTP, MIME::Lite, PHPMailer, curl smtp://)"
	strings:
		$a = /Net::SMTP(::SSL|::TLS)?->new/
		$b = /->send\s*\(\s*["']smtp["']/
		$c = /new\s+PHPMailer\b/ nocase
		$d = /["']smtps?:\/\// nocase
		$e = /class\s+PHPMailer\b/ nocase
		$f = /Mail::Sender|Email::Sender::Simple|Swift_SmtpTransport/
	condition:
		any of them
}

/*
 * Who chooses the recipients: the HTTP request, or a list it uploaded.
 */
rule ctx_request_recipients
{
	meta:
		id = "ctx_request_recipients"
		score = 3
		category = "spam-context"
		technique = "T-REQ-RECIPIENTS, T-REMOTE-JOBS"
		description = "recipient list taken from the request (form field, query string or uploaded file)"
	strings:
		$split1 = /explode\s*\(\s*(["'](\\r)?\\n["']|PHP_EOL|"\r?\n"|["'][,;|] ?["'])\s*,\s*(trim\s*\(\s*|urldecode\s*\(\s*|stripslashes\s*\(\s*|base64_decode\s*\(\s*)?\$_(POST|GET|REQUEST)\s*\[\s*(["']?\w{0,12}(mail|list|rcpt|recip|addr|lead|target|victim)|["']?to\b)/ nocase
		// any request field cut into lines is a list, whatever its name
		$split3 = /explode\s*\(\s*(["'](\\r)?\\n["']|PHP_EOL|"\r?\n")\s*,\s*(trim\s*\(\s*|urldecode\s*\(\s*|stripslashes\s*\(\s*|base64_decode\s*\(\s*){0,2}\$_(POST|GET|REQUEST)\b/ nocase
		$split4 = /preg_split\s*\(\s*["'][^"'\n]{1,20}\\[nR][^"'\n]{0,20}["']\s*,\s*(trim\s*\(\s*|urldecode\s*\(\s*|stripslashes\s*\(\s*){0,2}\$_(POST|GET|REQUEST)\b/ nocase
		$split2 = /(preg_split|split)\s*\([^\n]{1,60}\$_(POST|GET|REQUEST)\s*\[\s*(["']?\w{0,12}(mail|list|rcpt|recip|addr|lead|target|victim)|["']?to\b)/ nocase
		$upload = /\b(file|file_get_contents|fopen)\s*\(\s*\$_FILES\s*\[\s*["']?\w{0,12}(mail|list|rcpt|recip|addr|lead|target|victim)\w{0,12}["']?\s*\]\s*\[\s*["']tmp_name/ nocase
		// the lines of an uploaded file, whatever the field's name
		$upload2 = /\bfile\s*\(\s*\$_FILES\s*\[[^\]\n]{1,40}\]\s*\[\s*["']tmp_name/ nocase
		$key = /\$_(POST|GET|REQUEST)\s*\[\s*["']?(emails|email_list|emaillist|mailist|maillist|mail_list|lista|recipients|rcpt|rcpts|targets|victims?|leads|addresses)["']?\s*\]/ nocase
		$var = /\$(to|rcpt|rcpts|recipients?|emails|mailto|maillist|mailist|list)\s*=\s*(trim\s*\(\s*|urldecode\s*\(\s*|stripslashes\s*\(\s*|base64_decode\s*\(\s*){0,2}\$_(POST|GET|REQUEST)\s*\[/ nocase
		$rcpt = /RCPT TO:\s?<?["']\s*\.\s*(\$_(GET|POST|REQUEST|COOKIE)\b|(\$\w{1,20}->)?param\s*\()/ nocase
		$bcc = /["'](Bcc|Cc):\s?["']\s*\.\s*(trim\s*\(\s*|implode\s*\([^)]{1,10},\s*)?\$_(GET|POST|REQUEST|COOKIE)\b/ nocase
		$filter = /filter_input\s*\(\s*INPUT_(POST|GET|REQUEST)\s*,\s*["'](to|emails|email_list|emaillist|mailist|maillist|mail_list|recipients?|rcpt|bcc)["']/ nocase
		$tohdr = /["']To:\s?["']\s*\.\s*\$_(GET|POST|REQUEST|COOKIE)\b/ nocase
		$perl1 = /param\s*\(\s*["'](emails|emaillist|maillist|mailist|recipients|rcpt|targets|leads)["']\s*\)/
		$perl2 = /\$(FORM|in|input|q)\s*\{\s*["']?(to|emails|emaillist|maillist|mailist|list|recipients?|rcpt|targets)["']?\s*\}/
		$perl3 = /split\s*\(?\s*\/[^\/\n]{1,12}\/\s*,\s*(\$\w{1,20}->)?param\s*\(\s*["'](\w{0,12}(mail|list|rcpt|recip|addr|lead)\w{0,12}|to)["']/
		$perl4 = /my\s+[$@](to|rcpt|rcpts|recipients?|emails|list|maillist)\s*=\s*(\$\w{1,20}->)?param\s*\(/
		// a hand-written CGI parser's hash: a form field cut into lines
		$perl5 = /split\s*\(?\s*\/[^\/\n]{0,12}\\n[^\/\n]{0,12}\/\s*,\s*\$\w{1,12}\s*\{\s*["']?\w{1,20}["']?\s*\}/
		// a job handed over as an encoded structure (a bot fed by a
		// controller, T-REMOTE-JOBS): the recipients are inside it
		$job1 = /(json_decode|unserialize)\s*\(\s*(@\s*)?(base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|hex2bin)\s*\(\s*(\w{1,20}\s*\(\s*){0,2}\$_(POST|GET|REQUEST|COOKIE)\b/ nocase
		$job2 = /\bunserialize\s*\(\s*(@\s*)?(stripslashes\s*\(\s*|urldecode\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE)\b/ nocase
		// extract($_POST) turns form fields into variables: a list
		// variable split into lines then comes from the request too
		$extract = /\bextract\s*\(\s*\$_(POST|GET|REQUEST)\b/ nocase
		$xvar = /explode\s*\(\s*(["'](\\r)?\\n["']|PHP_EOL|"\r?\n"|["'][,;|] ?["'])\s*,\s*(trim\s*\(\s*)?\$\w{0,12}(mail|list|rcpt|recip|addr|lead|target|victim)\w{0,8}\b/ nocase
	condition:
		any of ($split*, $upload*, $key, $var, $rcpt, $bcc, $filter, $tohdr, $job*, $perl*) or
		($extract and $xvar)
}

rule mail_to_request
{
	meta:
		id = "mail_to_request"
		score = 12
		category = "mailer-mail"
		technique = "T-OPEN-RELAY"
		description = "mail() whose recipient and subject or text are request input as is: an open relay"
	strings:
		// the recipient, then the subject or the text
		$a = /(^|[^\w>:$])(mail|mb_send_mail|imap_mail)\s*\(\s*(@\s*)?(trim\s*\(\s*|stripslashes\s*\(\s*|urldecode\s*\(\s*|base64_decode\s*\(\s*)?\$_(GET|POST|REQUEST|COOKIE)\s*\[[^\]\n]{1,40}\]\s*\)?\s*,([^,;\n]{0,60},)?[^,;\n]{0,60}\$_(GET|POST|REQUEST|COOKIE)\b/ nocase
	condition:
		$a
}

/*
 * The recipient alone from the request: a "tell a friend" form sends a
 * fixed text there, a probe sends a test message. Worth a little, not a
 * finding by itself.
 */
rule mail_to_request_recipient
{
	meta:
		id = "mail_to_request_recipient"
		score = 5
		category = "mailer-mail"
		technique = "T-OPEN-RELAY"
		description = "mail() to an address the request names"
	strings:
		$a = /(^|[^\w>:$])(mail|mb_send_mail|imap_mail)\s*\(\s*(@\s*)?(trim\s*\(\s*|stripslashes\s*\(\s*|urldecode\s*\(\s*|base64_decode\s*\(\s*)?\$_(GET|POST|REQUEST|COOKIE)\b/ nocase
	condition:
		$a and not mail_to_request
}

rule mailer_mail_request
{
	meta:
		id = "mailer_mail_request"
		score = 11
		category = "mailer-mail"
		technique = "T-MAIL-FN, T-REQ-RECIPIENTS"
		description = "mail() driven by a recipient list from the request"
	condition:
		send_php_mail and ctx_request_recipients
}

rule mailer_pipe_request
{
	meta:
		id = "mailer_pipe_request"
		score = 11
		category = "mailer-pipe"
		technique = "T-SENDMAIL-PIPE, T-REQ-RECIPIENTS"
		description = "sendmail pipe driven by a recipient list from the request"
	condition:
		send_pipe_sendmail and ctx_request_recipients
}

rule mailer_socket_request
{
	meta:
		id = "mailer_socket_request"
		score = 11
		category = "mailer-socket"
		technique = "T-RAW-SMTP, T-REQ-RECIPIENTS"
		description = "raw SMTP socket driven by a recipient list from the request"
	condition:
		(send_socket_smtp or smtp_dialogue) and ctx_request_recipients
}

rule mailer_library_request
{
	meta:
		id = "mailer_library_request"
		score = 11
		category = "mailer-library"
		technique = "T-SMTP-LIB, T-REQ-RECIPIENTS"
		description = "SMTP library driven by a recipient list from the request"
	condition:
		smtp_library and ctx_request_recipients
}

rule direct_to_mx
{
	meta:
		id = "direct_to_mx"
		// 3, not 5: with the socket and the dialogue it makes 9, so a
		// direct-to-MX library (PEAR's Mail_smtpmx, Horde's Smtpmx) stays
		// below the threshold until some spam context joins in
		score = 3
		category = "mx-lookup"
		technique = "T-DIRECT-MX"
		description = "direct-to-MX delivery: MX lookup and a whole SMTP dialogue in the same code"
	condition:
		mx_lookup and smtp_dialogue
}

rule direct_to_mx_script
{
	meta:
		id = "direct_to_mx_script"
		score = 2
		category = "mx-lookup"
		technique = "T-DIRECT-MX"
		description = "direct-to-MX delivery in a script of its own (no class: not a mail library)"
	strings:
		$class = /(^|\n)[ \t]*((abstract|final)[ \t]+)?class[ \t]+\w/
		$pkg = /(^|\n)[ \t]*package[ \t]+[A-Z]\w*(::\w+)*[ \t]*;/
	condition:
		direct_to_mx and not $class and not $pkg
}

rule direct_to_mx_library
{
	meta:
		id = "direct_to_mx_library"
		score = 2
		category = "mx-lookup"
		technique = "T-DIRECT-MX, T-SMTP-LIB"
		description = "MX lookup feeding an SMTP client library"
	condition:
		mx_lookup and smtp_library
}

rule ctx_multiplex_smtp
{
	meta:
		id = "ctx_multiplex_smtp"
		score = 5
		category = "spam-context"
		technique = "T-MULTIPLEX"
		description = "many SMTP sessions at once over non-blocking sockets (a spam engine)"
	strings:
		$sel = /IO::Select|\bstream_select\s*\(|\bsocket_select\s*\(/ nocase
		$nb = /Blocking\s*=>\s*0|O_NONBLOCK|->blocking\s*\(\s*0\s*\)|stream_set_blocking\s*\([^;]{1,40},\s*(0|false)\s*\)|socket_set_nonblock/ nocase
	condition:
		$sel and $nb and (send_socket_smtp or smtp_dialogue)
}

rule ctx_remote_jobs
{
	meta:
		id = "ctx_remote_jobs"
		score = 3
		category = "spam-context"
		technique = "T-REMOTE-JOBS"
		description = "fetches recipients or templates from a remote host and sends"
	strings:
		$fetch1 = /LWP::Simple|LWP::UserAgent|HTTP::Tiny/
		$fetch2 = /\b(file_get_contents|file|fopen)\s*\(\s*["']https?:\/\// nocase
		$fetch3 = /\bcurl_init\s*\(\s*["']https?:\/\// nocase
		$job = /\b(recipients?|emails|maillist|mailist|template|letter|task|job)s?\b/ nocase
	condition:
		any of ($fetch*) and $job and (send_php_mail or send_socket_smtp or smtp_dialogue or smtp_library or send_pipe_sendmail)
}

/*
 * T-REMOTE-JOBS in PHP: a bot that pulls its jobs from a controller (no
 * request input at all) and sends to the recipients inside each job.
 */
rule mailer_remote_jobs
{
	meta:
		id = "mailer_remote_jobs"
		score = 5
		category = "spam-context"
		technique = "T-REMOTE-JOBS"
		description = "sends to the recipient list of a job fetched from a remote host (a bot fed by a controller)"
	strings:
		$task = /\bforeach\s*\(\s*\$\w{1,20}\s*(\[\s*["']\w{1,20}["']\s*\]|->\w{1,20})\s*\[\s*["'](rcpt|rcpts|recipients?|emails|mails|maillist|mailist|list|leads|targets|to)["']\s*\]\s*as\s*\$|\bforeach\s*\(\s*\$\w{1,20}\s*(\[\s*["'](rcpt|rcpts|recipients?|emails|mails|maillist|mailist|leads|targets|to)["']\s*\]|->(rcpt|rcpts|recipients?|emails|mails|maillist|leads|targets))\s*as\s*\$/ nocase
	condition:
		ctx_remote_jobs and $task
}

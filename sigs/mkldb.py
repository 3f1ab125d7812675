#!/usr/bin/env python3
# mkldb.py: the readable source of sigs/spamsweep.ldb. Maintainers edit the
# regexes and the descriptions here and regenerate with
#     python3 sigs/mkldb.py sigs/spamsweep.ldb
#     python3 sigs/mkdoc.py             (the table in doc/signatures.md)
# The .ldb is what ships and what libclamav/clamscan load; this script is
# only needed to change it. tests/t/t1000-signatures.sh checks that the
# .ldb is what this script writes, tests/t/t2300-rules-doc.sh that the
# table in doc/signatures.md is what sigs/mkdoc.py makes of SIGS below.
#
# A signature is written with named subsignatures: sig() numbers them in
# the order given and rewrites the logical expression and every PCRE
# trigger from names to ClamAV's indices, so a subsig can be added or
# moved without renumbering anything by hand. Each signature names the
# techniques it answers (IDs defined in doc/techniques.md).
#
# Rules of the format kept here: no ';' in a regex (write \x3B), no '/'
# (write \x2F), every PCRE has a trigger over plain content subsigs, and
# every repetition is bounded so a crafted file cannot make PCRE backtrack
# without end.
import re
import sys


class Sub:
    """A subsignature: its ClamAV text, with PCRE triggers still in names."""

    def __init__(self, text, trigger=None):
        self.text = text
        self.trigger = trigger


def c(s, nocase=True):
    """A plain content subsig (hex), case-insensitive unless told."""
    return Sub(s.encode().hex() + ("::i" if nocase else ""))


def p(trig, rx, flags=""):
    """A PCRE subsig that runs only when the trigger expression (over the
    names of other subsigs) holds."""
    assert ";" not in rx and "/" not in rx, rx
    return Sub("/%s/%s" % (rx, flags), trig)


# --- PHP building blocks -------------------------------------------------
# Request input (superglobals are case-sensitive in PHP).
REQ = r"\$_(?:POST|GET|REQUEST|FILES|COOKIE)\b"
RQ = r"\$_(?:POST|GET|REQUEST|FILES)\b"
# T-REQ-RECIPIENTS: a recipient list taken from the request: split/read
# from request input, a list-named variable assigned from it, or a loop
# over it.
RCPT_LIST = (r"(?:explode|preg_split|split|file|file_get_contents|str_getcsv)\s*\([^\x3B]{0,120}?" + RQ +
             r"|\$(?:to|emails|mails|e?mail_?list|lista?|recipients|rcpts|victims|leads|targets|addresses)\b"
             r"\s*=\s*[^\x3B]{0,40}?\$_(?:POST|GET|REQUEST)\b"
             r"|foreach\s*\(\s*\$_(?:POST|GET|REQUEST)\b")
# Not a method or a variable: "->mail(", "::mail(", "$mail(", "xmail(".
NB = r"(?<![\w$>:])"
SO = NB + r"(?:p?fsockopen|stream_socket_client|socket_connect)\s*\("
WR = NB + r"(?:fputs|fwrite|socket_write|socket_send|stream_socket_sendto)\s*\("
# The message itself: a DATA command or the end-of-data dot, as written in
# PHP source ("DATA\r\n", 'DATA', "\r\n.\r\n"). Case-sensitive on purpose:
# 'data' is an everyday array key. Address validators never send DATA.
DT = r"""["']DATA(?:\s*\\r\\n|\s*\\n|["'])|\\r?\\n\.\\r?\\n"""
LOOP = r"\b(?:foreach|for|while)\s*\("
MAILF = NB + r"(?:mail|mb_send_mail|imap_mail)\s*\(\s*(?:@?\w+\s*\(\s*){0,2}"
# T-SEND-LOOP: mail() whose recipient is the loop variable (foreach ...
# as $x ... mail($x) within 2000 bytes) or an indexed list element
# (mail($l[$i])).
# A database row ($row['email'], $row->email) is a newsletter, not a list
# pasted into a form: the loop variable must be the address itself.
LOOP_MAIL = (r"foreach\s*\([^\x3B{]{1,200}?\bas\s+(?:\$\w+\s*=>\s*)?\$(\w+)\s*\)[\s\S]{0,2000}?" + MAILF +
             r"\$\1\b(?!\s*(?:\[\s*[\"']|->))"
             r"|" + MAILF + r"\$\w+\s*\[\s*\$\w+\s*\]")
# T-DECODER-CHAIN: eval/assert applied directly to two or more nested
# decoders.
DECS = ["gzinflate", "gzuncompress", "gzdecode", "str_rot13", "strrev",
        "base64_decode", "hex2bin", "urldecode", "convert_uudecode"]
DEC = (r"(?:gzinflate|gzuncompress|gzdecode|str_rot13|strrev|base64_decode|hex2bin|urldecode|rawurldecode"
       r"|convert_uudecode|stripslashes)\s*\(\s*|pack\s*\(\s*[\"']H\*[\"']\s*,\s*")
# The innermost argument must look like code (a literal, a variable, a
# heredoc, a call), so that prose such as "eval(base64_decode(...))" in a
# README does not match; "'?>'." before the chain is allowed.
EC = (r"(?:eval|assert)\s*(?:\x2F\*[^*]{0,40}\*\x2F\s*)?\(\s*(?:[\"']\?>[\"']\s*\.\s*)?(?:@?\s*(?:" + DEC + r")){2,}"
      r"(?=[\"'$<]|\w+\s*\()")
# T-OPEN-RELAY: recipient and subject both straight from the request.
OR = (NB + r"(?:mail|mb_send_mail)\s*\(\s*[^,\x3B]{0,30}?\$_(?:GET|POST|REQUEST|COOKIE)\s*\[[^\]]{1,40}\]"
      r"[^,\x3B]{0,10},\s*[^,\x3B]{0,30}?\$_(?:GET|POST|REQUEST|COOKIE)\s*\[")
PIPE = (NB + r"(?:popen|proc_open)\s*\(|" + NB +
        r"(?:shell_exec|exec|system|passthru)\s*\(\s*[\"'][^\"']{0,80}sendmail")

# --- Perl building blocks ------------------------------------------------
PL_SOCK = r"IO::Socket::(?:INET6?|IP)\b|\bsocket\s*\(?\s*\*?\$?\w+\s*,\s*(?:PF_INET6?|AF_INET6?|2)\b"
PL_DT = r"""["']DATA(?:\s*\\r\\n|\s*\\n|\s*\$CRLF|["'])|\\r?\\n\.\\r?\\n"""
# Input from a web form (CGI), or a list named on the command line / stdin.
PL_CGI = r"\bparam\s*\(|\$ENV\s*\{\s*[\"']?(?:QUERY_STRING|CONTENT_LENGTH)|\bread\s*\(\s*STDIN"
PL_IN = PL_CGI + r"|\$ARGV\s*\[|@ARGV\b|<\s*STDIN\s*>"
# A loop over a list: for/foreach with a variable, or reading lines.
PL_LOOP = (r"\b(?:foreach|for)\s*(?:my\s+)?\$\w+\s*\("
           r"|\bwhile\s*\(\s*(?:my\s+)?(?:\$\w+\s*=\s*)?<\s*\$?\w+\s*>\s*\)")
# A pipe opened to the MTA in the same statement: "|/usr/sbin/sendmail -t",
# "|$mailprog -t", '|-', '/usr/lib/sendmail' or '|-', $sendmail. Any pipe
# at all was too loose: a big CGI application (Sympa's wwsympa.fcgi) has a
# pipe to some script, form input, loops and the word sendmail, far apart.
PL_MTA = r"(?i:sendmail|exim|qmail|postdrop|\$\w*(?:mail|mta|prog)\w*)"
PL_PIPE = (r"\bopen\s*\(?\s*(?:my\s+)?[\$\*]?\w+\s*,\s*(?:[\"']\|\s*[^\"'\n]{0,60}?" + PL_MTA +
           r"|[\"']\|-[\"']\s*,\s*(?:[\"'][^\"'\n]{0,60}?)?" + PL_MTA + ")")
PL_EC = (r"\beval\s*\(?\s*(?:\{\s*)?(?:MIME::Base64::)?"
         r"(?:decode_base64\s*\(?|unpack\s*\(?\s*[\"']u[\"']|pack\s*\(?\s*[\"']H\*[\"'])")
# CGI input for SendmailPipe: param() as a function, the CGI environment,
# or a read of the request body; ->param() counts only in a file that
# uses CGI (a list manager's $ls->param() is its settings object).
PL_CGI_FN = r"(?<![\w>:$])param\s*\(|\$ENV\s*\{\s*[\"']?(?:QUERY_STRING|CONTENT_LENGTH)|\bread\s*\(\s*STDIN"
PL_CGI_OBJ = r"->\s*param\s*\("
PL_CGI_MOD = r"\buse\s+CGI\b|\bCGI(?:::Simple|::Fast)?\s*->\s*new\b|\bnew\s+CGI\b"
# The pipe opened inside a loop over a list (the loop header, then its
# body up to the open).
PL_LOOP_PIPE = (r"(?:\b(?:foreach|for)\s*(?:my\s+)?\$\w+\s*\([^\n]{0,200}\)|\bwhile\s*\([^\n]{0,120}\))\s*\{"
                r"(?:[^{}]|\{[^{}]{0,200}\}){0,600}?" + PL_PIPE)
# T-REQ-RECIPIENTS in Perl CGI: a recipient list split out of a form field.
PL_RCPT_LIST = (r"\bsplit\s*\(?\s*(?:\x2F[^\x2F\n]{1,20}\x2F|[\"'][^\"'\n]{1,10}[\"'])\s*,\s*(?:\$\w+\s*->\s*)?param\s*\("
                r"|\bsplit\s*\(?\s*(?:\x2F[^\x2F\n]{1,20}\x2F|[\"'][^\"'\n]{1,10}[\"'])\s*,\s*\$(?:FORM|in|input|form|q)\s*\{\s*[\"']?"
                r"(?:to|e?mails?|e?mail_?list|list|recipients?|rcpts?|targets|leads)[\"']?\s*\}")

TDB = "Engine:81-255,Target:0"
NAME = re.compile(r"[A-Za-z_]\w*")
# One entry a signature: name, techniques, the .ldb line, and the three
# columns of its row in doc/signatures.md (what it catches, what it
# requires, what it stays silent on; Markdown).
SIGS = []


def compile_expr(expr, index):
    """An expression over subsig names, in ClamAV's numbers."""

    def number(m):
        assert m.group(0) in index, "unknown subsig %s" % m.group(0)
        return str(index[m.group(0)])

    return NAME.sub(number, re.sub(r"\s+", "", expr))


def sig(name, technique, expr, subs, catches, requires, silent):
    index = {n: i for i, n in enumerate(subs)}
    texts = [(compile_expr(s.trigger, index) if s.trigger else "") + s.text
             for s in subs.values()]
    logic = compile_expr(expr, index)
    unused = set(subs) - set(NAME.findall(expr))
    assert not unused, "%s: subsigs not in the expression: %s" % (name, unused)
    SIGS.append({"name": name, "technique": technique.split(),
                 "ldb": ";".join([name, TDB, logic] + texts),
                 "catches": catches, "requires": requires, "silent": silent})


# --- PHP -----------------------------------------------------------------
# A socket, an SMTP dialogue with its DATA, and a recipient list from the
# request; scripts that look MX hosts up are DirectMX's.
sig("SpamSweep.PHP.Mailer.RawSMTP-1", "T-RAW-SMTP T-REQ-RECIPIENTS T-SEND-LOOP",
    "rcpt & mailfrom & sock & write & data & rcptlist & loop & getmxrr=0 & dnsrecord=0",
    dict(rcpt=c("rcpt to"), mailfrom=c("mail from"),
         sock=p("rcpt&mailfrom", SO, "i"), write=p("rcpt&mailfrom", WR, "i"),
         data=p("rcpt&mailfrom", DT), rcptlist=p("rcpt&mailfrom", RCPT_LIST, "i"),
         loop=p("rcpt&mailfrom", LOOP, "i"),
         getmxrr=c("getmxrr"), dnsrecord=c("dns_get_record")),
    "SMTP spoken over a socket by a script fed from a web form",
    "`fsockopen`/`pfsockopen`/`stream_socket_client`/`socket_connect`; a write "
    "(`fputs`/`fwrite`/`socket_write`...); `MAIL FROM` and `RCPT TO`; a `DATA` command or the "
    "`\\r\\n.\\r\\n` end of data as a literal; a recipient list from the request; a loop; "
    "**no** MX lookup (that is DirectMX)",
    "PHPMailer's `SMTP.php` and bundled SMTP classes (no request input), address validators "
    "(no `DATA`)")
# MX lookup, then the dialogue, with request input and a loop.
sig("SpamSweep.PHP.Mailer.DirectMX-1", "T-DIRECT-MX T-RAW-SMTP T-REQ-RECIPIENTS",
    "rcpt & mailfrom & (getmxrr | (dnsrecord & dnsmx)) & sock & write & data & request & loop",
    dict(rcpt=c("rcpt to"), mailfrom=c("mail from"), getmxrr=c("getmxrr"),
         dnsrecord=c("dns_get_record"), dnsmx=c("dns_mx"),
         sock=p("rcpt&mailfrom", SO, "i"), write=p("rcpt&mailfrom", WR, "i"),
         data=p("rcpt&mailfrom", DT), request=p("rcpt&mailfrom", REQ),
         loop=p("rcpt&mailfrom", LOOP, "i")),
    "MX lookup then SMTP to each MX",
    "`getmxrr`, or `dns_get_record` + `DNS_MX`; a socket, a write, `MAIL FROM`, `RCPT TO`, "
    "`DATA`; request input (`$_POST`/`$_GET`/`$_REQUEST`/`$_FILES`/`$_COOKIE`); a loop",
    "MX validators (`RCPT TO` then `RSET`/`QUIT`, never `DATA`), PEAR `Mail_smtpmx` (Net_SMTP "
    "objects, no literal dialogue, no request input)")
# mail() over a list taken from the request.
sig("SpamSweep.PHP.Mailer.MassMail-1", "T-MAIL-FN T-REQ-RECIPIENTS T-SEND-LOOP",
    "(post | get | request | files) & mail & rcptlist & loopmail",
    dict(post=c("$_POST", False), get=c("$_GET", False), request=c("$_REQUEST", False),
         files=c("$_FILES", False), mail=c("mail"),
         rcptlist=p("(post|get|request|files)&mail", RCPT_LIST, "i"),
         loopmail=p("(post|get|request|files)&mail", LOOP_MAIL, "i")),
    "`mail()`/`mb_send_mail()`/`imap_mail()` over a list taken from the request",
    "a recipient list from the request, and `mail()` whose recipient is the `foreach` variable "
    "itself (within 2000 bytes of the loop) or a list element `$list[$i]`",
    "contact forms (fixed recipient), newsletters over database rows (`mail($row['email'])`, "
    "`$row->email`), PHPMailer (`->mailPassthru`, no request input)")
# mail() with recipient and subject from the request.
sig("SpamSweep.PHP.Mailer.OpenRelay-1", "T-OPEN-RELAY",
    "mail & superglobal & relay",
    dict(mail=c("mail"), superglobal=c("$_", False), relay=p("mail&superglobal", OR, "i")),
    "`mail()` called with `$_GET['to']` as recipient and `$_GET['s']` as subject, the one-line "
    "relay and \"does mail work\" probe",
    "recipient **and** subject of `mail()` straight from request superglobals",
    "contact forms, confirmation mails (`mail($_POST['email'], 'Fixed subject', ...)`)")
# A sendmail pipe, and either a list from the request in a loop or
# request input on the sendmail command line.
sig("SpamSweep.PHP.Mailer.SendmailPipe-1", "T-SENDMAIL-PIPE T-REQ-RECIPIENTS T-SEND-LOOP",
    "sendmail & pipe & ((rcptlist & loop) | cmdline)",
    dict(sendmail=c("sendmail"), pipe=p("sendmail", PIPE, "i"),
         rcptlist=p("sendmail", RCPT_LIST, "i"), loop=p("sendmail", LOOP, "i"),
         cmdline=p("sendmail", r"sendmail[^\n\x3B]{0,80}\$_(?:POST|GET|REQUEST)\b", "i")),
    "`popen`/`proc_open` (or `exec`/`system`/... of a sendmail command) fed from the request",
    "the word `sendmail`; a pipe; either a recipient list from the request and a loop, or "
    "request input on the sendmail command line",
    "PHPMailer's sendmail transport, WordPress (no request-driven recipient list)")
# eval of two or more nested decoders.
sig("SpamSweep.PHP.Obfuscated.EvalChain-1", "T-DECODER-CHAIN",
    "(eval | assert) & (%s) & chain" % " | ".join(DECS),
    dict([("eval", c("eval")), ("assert", c("assert"))] + [(d, c(d)) for d in DECS] +
         [("chain", p("(eval|assert)&(%s)" % "|".join(DECS), EC, "i"))]),
    "`eval(gzinflate(base64_decode(...)))` and kin",
    "`eval`/`assert` applied directly to **two or more** nested decoders (`gzinflate`, "
    "`gzuncompress`, `gzdecode`, `str_rot13`, `strrev`, `base64_decode`, `hex2bin`, `urldecode`, "
    "`rawurldecode`, `convert_uudecode`, `stripslashes`, `pack('H*', ...)`), spaces, case, `@`, "
    "a `/*...*/` comment before `(` and a leading `'?>'.` allowed; the innermost argument must "
    "look like code (a literal, a variable, a heredoc, a call), so prose about such chains does "
    "not match",
    "template engines (`eval('?>' . $code)`), `base64_decode` of inline images")

# --- Perl ----------------------------------------------------------------
# A socket, the dialogue with DATA, outside input and a list loop;
# Net::DNS scripts are DirectMX's.
sig("SpamSweep.Perl.Mailer.RawSMTP-1", "T-RAW-SMTP T-REQ-RECIPIENTS T-LIST-FILE T-SEND-LOOP",
    "rcpt & mailfrom & sock & data & input & loop & netdns=0",
    dict(rcpt=c("rcpt to"), mailfrom=c("mail from"), sock=p("rcpt&mailfrom", PL_SOCK),
         data=p("rcpt&mailfrom", PL_DT), input=p("rcpt&mailfrom", PL_IN),
         loop=p("rcpt&mailfrom", PL_LOOP), netdns=c("Net::DNS", False)),
    "`IO::Socket::INET`/`IP` or `socket(S, PF_INET, ...)`, SMTP dialogue",
    "a socket; `MAIL FROM`, `RCPT TO`; `DATA` (`\"DATA\\r\\n\"`, `\"DATA$CRLF\"`) or the "
    "end-of-data dot; outside input (CGI `param()`, `QUERY_STRING`, `CONTENT_LENGTH`, "
    "`read(STDIN)`, `@ARGV`/`$ARGV[..]`, `<STDIN>`); a loop over a list (`for`/`foreach` with a "
    "variable, or `while` reading a file handle); no `Net::DNS` (that is DirectMX)",
    "`Net::SMTP` (commands through Net::Cmd), `Mail::Sendmail` (a library: no outside input), "
    "CGI address checkers (no `DATA`)")
# Net::DNS mx() + a socket or Net::SMTP + a message + input + loop.
sig("SpamSweep.Perl.Mailer.DirectMX-1", "T-DIRECT-MX T-RAW-SMTP T-SMTP-LIB",
    "netdns & mx & sock & data & input & loop",
    dict(netdns=c("Net::DNS", False), mx=p("netdns", r"\bmx\s*\(|,\s*[\"']MX[\"']\s*\)"),
         sock=p("netdns", PL_SOCK + r"|Net::SMTP\s*->\s*new"),
         data=p("netdns", r"->\s*data\s*\(|" + PL_DT), input=p("netdns", PL_IN),
         loop=p("netdns", PL_LOOP)),
    "`Net::DNS` `mx()` (or a query for `\"MX\"`), then delivery",
    "`Net::DNS`; `mx(`; a socket or `Net::SMTP->new`; `->data(` or `DATA`; outside input; a loop",
    "Perl's core modules, `MIME::Lite`, `Mail::Sendmail` (no Net::DNS)")
# A sendmail pipe behind a CGI form, opened inside a list loop or fed a
# list split out of a form field. A CLI script piping to sendmail is
# normal. "Any loop anywhere" and "->param( of any object" were too loose:
# NMS FormMail opens one pipe to its configured recipients and loops over
# the form fields; Dada Mail's $ls->param() is its list-settings object.
sig("SpamSweep.Perl.Mailer.SendmailPipe-1", "T-SENDMAIL-PIPE T-REQ-RECIPIENTS T-SEND-LOOP",
    "sendmail & pipe & (cgifn | (cgiobj & cgimod)) & (looppipe | rcptlist)",
    dict(sendmail=c("sendmail"), pipe=p("sendmail", PL_PIPE), cgifn=p("sendmail", PL_CGI_FN),
         cgiobj=p("sendmail", PL_CGI_OBJ), cgimod=p("sendmail", PL_CGI_MOD),
         looppipe=p("sendmail", PL_LOOP_PIPE), rcptlist=p("sendmail", PL_RCPT_LIST)),
    "`open(M, \"\\|/usr/sbin/sendmail -t\")`, `\"\\|$mailprog -t\"`, "
    "`'\\|-', '/usr/lib/sendmail'` behind a CGI form",
    "the word `sendmail`; a pipe `open` whose command names the MTA (`sendmail`, `exim`, "
    "`qmail`, `postdrop`) or a variable named for it (`$mailprog`, `$sendmail`, `$mta`); CGI "
    "input (`param()`, `QUERY_STRING`, `CONTENT_LENGTH`, `read(STDIN)`, or `->param()` in a file "
    "that uses CGI); and either that pipe opened inside a loop over a list or a recipient list "
    "split out of a form field",
    "cron and CLI scripts piping to sendmail (no CGI input), `MIME::Lite` (`\"\\|-\"` then exec), "
    "CGI applications with a pipe to some other program (Sympa's `wwsympa.fcgi`), NMS FormMail "
    "(one pipe, to configured recipients), a list manager whose `$ls->param()` is its settings")
# eval of a decoder, outside PHP files.
sig("SpamSweep.Perl.Obfuscated.EvalChain-1", "T-PERL-EVAL",
    "eval & (b64 | unpack | hexsq | hexdq) & chain & phptag=0",
    dict(eval=c("eval", False), b64=c("decode_base64", False), unpack=c("unpack", False),
         hexsq=c("'H*'", False), hexdq=c('"H*"', False),
         chain=p("eval&(b64|unpack|hexsq|hexdq)", PL_EC), phptag=c("<?php")),
    "`eval decode_base64(...)`, `eval unpack 'u', ...`, `eval pack('H*', ...)`",
    "`eval` directly applied to one of those decoders, in a file without `<?php`",
    "Perl's core modules")

if __name__ == "__main__":
    with open(sys.argv[1] if len(sys.argv) > 1 else "/dev/stdout", "w") as f:
        for s in SIGS:
            f.write(s["ldb"] + "\n")

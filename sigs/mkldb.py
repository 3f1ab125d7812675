#!/usr/bin/env python3
# mkldb.py: the readable source of sigs/spamsweep.ldb. Maintainers edit the
# regexes here and regenerate with
#     python3 sigs/mkldb.py sigs/spamsweep.ldb
# The .ldb is what ships and what libclamav/clamscan load; this script is
# only needed to change it (tests/t/t1000-signatures.sh checks that both
# agree when python3 is available). doc/signatures.md explains each rule.
#
# Rules of the format kept here: no ';' in a regex (write \x3B), no '/'
# (write \x2F), every PCRE has a trigger over plain content subsigs, and
# every repetition is bounded so a crafted file cannot make PCRE backtrack
# without end.
import sys


def c(s, nocase=True):
    """A plain content subsig (hex), case-insensitive unless told."""
    return s.encode().hex() + ("::i" if nocase else "")


def p(trig, rx, flags=""):
    """A PCRE subsig that runs only when the trigger expression holds."""
    assert ";" not in rx and "/" not in rx, rx
    return "%s/%s/%s" % (trig, rx, flags)


# --- PHP building blocks -------------------------------------------------
# Request input (superglobals are case-sensitive in PHP).
REQ = r"\$_(?:POST|GET|REQUEST|FILES|COOKIE)\b"
RQ = r"\$_(?:POST|GET|REQUEST|FILES)\b"
# C1: a recipient list taken from the request: split/read from request
# input, a list-named variable assigned from it, or a loop over it.
C1 = (r"(?:explode|preg_split|split|file|file_get_contents|str_getcsv)\s*\([^\x3B]{0,120}?" + RQ +
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
# C2: mail() whose recipient is the loop variable (foreach ... as $x ...
# mail($x) within 2000 bytes) or an indexed list element (mail($l[$i])).
# A database row ($row['email'], $row->email) is a newsletter, not a list
# pasted into a form: the loop variable must be the address itself.
LM = (r"foreach\s*\([^\x3B{]{1,200}?\bas\s+(?:\$\w+\s*=>\s*)?\$(\w+)\s*\)[\s\S]{0,2000}?" + MAILF +
      r"\$\1\b(?!\s*(?:\[\s*[\"']|->))"
      r"|" + MAILF + r"\$\w+\s*\[\s*\$\w+\s*\]")
# H1: eval/assert applied directly to two or more nested decoders.
DECS = ["gzinflate", "gzuncompress", "gzdecode", "str_rot13", "strrev",
        "base64_decode", "hex2bin", "urldecode", "convert_uudecode"]
DEC = (r"(?:gzinflate|gzuncompress|gzdecode|str_rot13|strrev|base64_decode|hex2bin|urldecode|rawurldecode"
       r"|convert_uudecode|stripslashes)\s*\(\s*|pack\s*\(\s*[\"']H\*[\"']\s*,\s*")
# The innermost argument must look like code (a literal, a variable, a
# heredoc, a call), so that prose such as "eval(base64_decode(...))" in a
# README does not match; "'?>'." before the chain is allowed.
EC = (r"(?:eval|assert)\s*(?:\x2F\*[^*]{0,40}\*\x2F\s*)?\(\s*(?:[\"']\?>[\"']\s*\.\s*)?(?:@?\s*(?:" + DEC + r")){2,}"
      r"(?=[\"'$<]|\w+\s*\()")
# Open relay: recipient and subject both straight from the request.
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

TDB = "Engine:81-255,Target:0"
sigs = []


def sig(name, expr, subs):
    sigs.append(";".join([name, TDB, expr] + subs))


# S3 + C1 + C2, not S4 (that is DirectMX). Subsigs: 0 rcpt to, 1 mail
# from, 2 socket, 3 write, 4 DATA, 5 list from request, 6 loop,
# 7 getmxrr (absent), 8 dns_get_record (absent).
sig("SpamSweep.PHP.Mailer.RawSMTP-1", "0&1&2&3&4&5&6&7=0&8=0", [
    c("rcpt to"), c("mail from"),
    p("0&1", SO, "i"), p("0&1", WR, "i"), p("0&1", DT), p("0&1", C1, "i"), p("0&1", LOOP, "i"),
    c("getmxrr"), c("dns_get_record")])
# S4 + S3 + request input + loop.
sig("SpamSweep.PHP.Mailer.DirectMX-1", "0&1&(2|(3&4))&5&6&7&8&9", [
    c("rcpt to"), c("mail from"), c("getmxrr"), c("dns_get_record"), c("dns_mx"),
    p("0&1", SO, "i"), p("0&1", WR, "i"), p("0&1", DT), p("0&1", REQ), p("0&1", LOOP, "i")])
# S1 + C1 + C2.
sig("SpamSweep.PHP.Mailer.MassMail-1", "(0|1|2|3)&4&5&6", [
    c("$_POST", False), c("$_GET", False), c("$_REQUEST", False), c("$_FILES", False), c("mail"),
    p("(0|1|2|3)&4", C1, "i"), p("(0|1|2|3)&4", LM, "i")])
# S1 with recipient and subject from the request.
sig("SpamSweep.PHP.Mailer.OpenRelay-1", "0&1&2", [c("mail"), c("$_", False), p("0&1", OR, "i")])
# S2 + (C1 + loop, or request input on the sendmail command line).
sig("SpamSweep.PHP.Mailer.SendmailPipe-1", "0&1&((2&3)|4)", [
    c("sendmail"), p("0", PIPE, "i"), p("0", C1, "i"), p("0", LOOP, "i"),
    p("0", r"sendmail[^\n\x3B]{0,80}\$_(?:POST|GET|REQUEST)\b", "i")])
# H1.
sig("SpamSweep.PHP.Obfuscated.EvalChain-1", "(0|1)&(2|3|4|5|6|7|8|9|10)&11",
    [c("eval"), c("assert")] + [c(d) for d in DECS] +
    [p("(0|1)&(2|3|4|5|6|7|8|9|10)", EC, "i")])

# Perl S3 + DATA + outside input + list loop; Net::DNS scripts are DirectMX.
sig("SpamSweep.Perl.Mailer.RawSMTP-1", "0&1&2&3&4&5&6=0", [
    c("rcpt to"), c("mail from"), p("0&1", PL_SOCK), p("0&1", PL_DT), p("0&1", PL_IN), p("0&1", PL_LOOP),
    c("Net::DNS", False)])
# Perl S4: Net::DNS mx() + a socket or Net::SMTP + a message + input + loop.
sig("SpamSweep.Perl.Mailer.DirectMX-1", "0&1&2&3&4&5", [
    c("Net::DNS", False), p("0", r"\bmx\s*\(|,\s*[\"']MX[\"']\s*\)"),
    p("0", PL_SOCK + r"|Net::SMTP\s*->\s*new"), p("0", r"->\s*data\s*\(|" + PL_DT), p("0", PL_IN), p("0", PL_LOOP)])
# Perl S2 + CGI input + (the pipe opened inside a list loop, or a
# recipient list split out of a form field). A CLI script piping to
# sendmail is normal. "Any loop anywhere" and "->param( of any object"
# were too loose: NMS FormMail opens one pipe to its configured
# recipients and loops over the form fields; Dada Mail's $ls->param() is
# its list-settings object.
PL_CGI_FN = r"(?<![\w>:$])param\s*\(|\$ENV\s*\{\s*[\"']?(?:QUERY_STRING|CONTENT_LENGTH)|\bread\s*\(\s*STDIN"
PL_CGI_OBJ = r"->\s*param\s*\("
PL_CGI_MOD = r"\buse\s+CGI\b|\bCGI(?:::Simple|::Fast)?\s*->\s*new\b|\bnew\s+CGI\b"
PL_LOOP_PIPE = (r"(?:\b(?:foreach|for)\s*(?:my\s+)?\$\w+\s*\([^\n]{0,200}\)|\bwhile\s*\([^\n]{0,120}\))\s*\{"
                r"(?:[^{}]|\{[^{}]{0,200}\}){0,600}?" + PL_PIPE)
PL_C1 = (r"\bsplit\s*\(?\s*(?:\x2F[^\x2F\n]{1,20}\x2F|[\"'][^\"'\n]{1,10}[\"'])\s*,\s*(?:\$\w+\s*->\s*)?param\s*\("
         r"|\bsplit\s*\(?\s*(?:\x2F[^\x2F\n]{1,20}\x2F|[\"'][^\"'\n]{1,10}[\"'])\s*,\s*\$(?:FORM|in|input|form|q)\s*\{\s*[\"']?"
         r"(?:to|e?mails?|e?mail_?list|list|recipients?|rcpts?|targets|leads)[\"']?\s*\}")
sig("SpamSweep.Perl.Mailer.SendmailPipe-1", "0&1&(2|(3&4))&(5|6)", [
    c("sendmail"), p("0", PL_PIPE), p("0", PL_CGI_FN), p("0", PL_CGI_OBJ), p("0", PL_CGI_MOD),
    p("0", PL_LOOP_PIPE), p("0", PL_C1)])
# Perl H8, outside PHP files.
sig("SpamSweep.Perl.Obfuscated.EvalChain-1", "0&(1|2|3|4)&5&6=0", [
    c("eval", False), c("decode_base64", False), c("unpack", False), c("'H*'", False), c('"H*"', False),
    p("0&(1|2|3|4)", PL_EC), c("<?php")])

with open(sys.argv[1] if len(sys.argv) > 1 else "/dev/stdout", "w") as f:
    for s in sigs:
        f.write(s + "\n")

/*
 * hiding.yar: obfuscation (doc/techniques.md section 3). The deobfuscator
 * undoes T-DECODER-CHAIN, T-CODE-FROM-STRING, T-BUILT-NAMES,
 * T-SELF-PAYLOAD and T-PERL-EVAL and hands the decoded layers to every
 * rule, so a hidden mailer is caught by sending.yar in its layer; these
 * rules add the weight of the hiding itself, seen in the raw file.
 * T-PAYLOAD-FILE, T-SERVER-CONFIG, T-INJECTED and T-NOISE are indicators
 * in their own right.
 */

import "math"

rule obf_eval_decoder
{
	meta:
		id = "obf_eval_decoder"
		score = 5
		category = "obfuscation"
		technique = "T-DECODER-CHAIN, T-CODE-FROM-STRING, T-PERL-EVAL"
		description = "evaluates code produced by a decoder (eval(base64_decode(...)) and kin)"
	strings:
		$php = /\b(eval|assert)\s*\(\s*@?\s*(gzinflate|gzuncompress|gzdecode|base64_decode|str_rot13|strrev|hex2bin|convert_uudecode|rawurldecode|urldecode|pack)\s*\(/ nocase
		// create_function's body is eval'd code too
		$cf = /\bcreate_function\s*\(\s*["'][^"'\n]{0,40}["']\s*,\s*@?\s*(gzinflate|gzuncompress|gzdecode|base64_decode|str_rot13|strrev|hex2bin|convert_uudecode|rawurldecode|urldecode|pack)\s*\(/ nocase
		$perl1 = /\beval\s*\(?\s*unpack\s*\(?\s*["']u\*?["']/
		$perl2 = /\beval\s*\(?\s*pack\s*\(?\s*["'][Hh]\*["']/
		$perl3 = /\beval\s*\(?\s*(MIME::Base64::)?decode_base64\s*\(/
		$perl4 = /\beval\s*\(?\s*(join\s*\(?\s*["']{2}\s*,\s*)?<(DATA|STDIN)>/
	condition:
		any of them
}

rule obf_nested_decoders
{
	meta:
		id = "obf_nested_decoders"
		score = 3
		category = "obfuscation"
		technique = "T-DECODER-CHAIN"
		description = "two or more decoders nested around a string"
	strings:
		$a = /\b(gzinflate|gzuncompress|gzdecode|base64_decode|str_rot13|strrev|hex2bin|convert_uudecode|rawurldecode)\s*\(\s*(gzinflate|gzuncompress|gzdecode|base64_decode|str_rot13|strrev|hex2bin|convert_uudecode|rawurldecode)\s*\(/ nocase
	condition:
		$a
}

rule obf_code_from_string
{
	meta:
		id = "obf_code_from_string"
		score = 5
		category = "obfuscation"
		technique = "T-CODE-FROM-STRING"
		description = "reaches code from a string (preg_replace /e, create_function, include data:)"
	strings:
		$pre = /preg_replace\s*\(\s*["']\/[^"'\n]{0,200}\/[a-df-zA-Z]{0,5}e[a-zA-Z]{0,5}["']/
		$cf = /create_function\s*\(\s*["']{2}\s*,/ nocase
		$data = /\b(include|require)(_once)?\s*\(?\s*["']data:/ nocase
		$map = /(array_map|call_user_func(_array)?|array_walk|usort|register_shutdown_function)\s*\(\s*["'](assert|eval|create_function)["']/ nocase
		$assert = /\bassert\s*\(\s*\$\w{1,40}\s*\)\s*;/ nocase
	condition:
		any of them
}

/*
 * A decoder of the file's own: a XOR loop over the bytes, a character
 * shift, rot13 by tr///, hex pairs by s///e; or code joined from pieces.
 * Each is a way to keep a payload that no standard decoder opens.
 */
rule obf_custom_decoder
{
	meta:
		id = "obf_custom_decoder"
		score = 5
		category = "obfuscation"
		technique = "T-CUSTOM-DECODER"
		description = "decodes a string with a decoder of its own (XOR loop, character shift, tr/// rot13, s///e) or joins code from pieces"
	strings:
		$xor = /\bchr\s*\(\s*ord\s*\([^()]{1,40}(\([^()]{0,40}\)[^()]{0,20})?\)\s*\^/ nocase
		$shift = /\bchr\s*\(\s*ord\s*\(\s*\$_?\w{0,20}\s*\)\s*[-+]\s*\d{1,3}\s*\)/ nocase
		$tr = /\btr\s*\/(a-zA-Z\/n-za-mN-ZA-M|A-Za-z\/N-ZA-Mn-za-m)\//
		$se = /\bs\/\([^\/\n]{1,30}\)\/\s*chr\s*\(\s*(hex|oct|ord)\s*\(?\s*\$1[^\/\n]{0,20}\/[a-z]{0,4}e/
		$join = /\b(eval|assert)\s*\(\s*@?\s*(implode|join)\s*\(/ nocase
		$mapchr = /\barray_map\s*\(\s*["']chr["']/ nocase
	condition:
		any of them
}

/*
 * ... and evaluates a variable or a call on decoded data: the decoded
 * string was code.
 */
rule obf_custom_decoder_eval
{
	meta:
		id = "obf_custom_decoder_eval"
		score = 5
		category = "obfuscation"
		technique = "T-CUSTOM-DECODER"
		description = "evaluates what a decoder of its own produced"
	strings:
		$ev1 = /\beval\s*\(?\s*\$\w{1,40}\s*\)?\s*;/
		$ev2 = /\b(eval|assert)\s*\(\s*@?\s*\w{1,40}\s*\(\s*@?\s*(base64_decode|gzinflate|gzuncompress|str_rot13|hex2bin|strrev)\s*\(/ nocase
		$ev3 = /\b(eval|assert)\s*\(\s*@?\s*(implode|join)\s*\(/ nocase
	condition:
		obf_custom_decoder and any of them
}

/*
 * T-BUILT-NAMES by strrev(): the name of a decoder or of a code runner kept
 * reversed in a string, to be turned round at run time. No legitimate
 * code spells base64_decode backwards.
 */
rule obf_reversed_names
{
	meta:
		id = "obf_reversed_names"
		score = 5
		category = "obfuscation"
		technique = "T-BUILT-NAMES"
		description = "keeps a decoder or code-running function's name reversed in a string (turned round with strrev at run time)"
	strings:
		$a = /["'](edoced_46esab|etalfnizg|sserpmocnuzg|edocedzg|31tor_rts|nib2xeh|edocedoodu_trevnoc|edocedlrwar|tressa|noitcnuf_etaerc|cexe_llehs|urhtssap|nepokcosf|liam_dnes_bm)["']/ nocase
		// short names are words too ("lave"): only when turned round in place
		$b = /strrev\s*\(\s*["'](lave|metsys|liam)["']\s*\)/ nocase
	condition:
		$a or $b
}

/*
 * ... and then evaluates a variable: the reversed name was a decoder
 * whose output is code.
 */
rule obf_reversed_eval
{
	meta:
		id = "obf_reversed_eval"
		score = 5
		category = "obfuscation"
		technique = "T-BUILT-NAMES"
		description = "evaluates a variable in code that hides its decoder names reversed"
	strings:
		$ev = /\b(eval|assert)\s*\(\s*@?\s*\$\w{1,40}\s*\)/ nocase
	condition:
		obf_reversed_names and $ev
}

rule obf_built_names
{
	meta:
		id = "obf_built_names"
		score = 2
		category = "obfuscation"
		technique = "T-BUILT-NAMES"
		description = "function names built at run time (string pieces, escapes, chr() chains, variable functions)"
	strings:
		$var = /\$\w{1,40}\s*=\s*["'](base64_decode|gzinflate|gzuncompress|str_rot13|create_function|assert|eval|fsockopen|system|shell_exec)["']\s*;/ nocase
		$glob = /\$GLOBALS\s*\[[^\]]{1,40}\]\s*\[[^\]]{1,40}\]\s*\(/
		$chr = /(chr\s*\(\s*\d{1,3}\s*\)\s*\.\s*){6}/ nocase
		$hex = /["'](\\x[0-9a-fA-F]{2}){8}/
		$strrep = /str_replace\s*\(\s*["'][^"']{1,5}["']\s*,\s*["']{2}\s*,\s*["'][^"']{0,40}(b.{0,6}a.{0,6}s.{0,6}e.{0,6}6.{0,6}4|g.{0,6}z.{0,6}i.{0,6}n.{0,6}f|e.{0,6}v.{0,6}a.{0,6}l)/ nocase
	condition:
		any of them
}

rule obf_self_payload
{
	meta:
		id = "obf_self_payload"
		score = 4
		category = "obfuscation"
		technique = "T-SELF-PAYLOAD, T-PERL-EVAL"
		description = "reads its own file to decode a payload stored after the code"
	strings:
		$self = /(file_get_contents|fopen|file)\s*\(\s*__FILE__\s*\)/ nocase
		$cut = /\b(substr|strpos|explode|stristr|strstr|preg_match)\s*\(/ nocase
		$dec = /\b(eval|base64_decode|decode_base64|gzinflate|gzuncompress|str_rot13|unpack)\s*\(/ nocase
		$perl = /\blocal\s+\$\/\s*;[^;]{0,40}<DATA>/
	condition:
		($self and $cut and $dec) or ($perl and $dec)
}

rule hide_php_in_image
{
	meta:
		id = "hide_php_in_image"
		score = 6
		category = "obfuscation"
		technique = "T-PAYLOAD-FILE"
		description = "PHP code in a file that starts like an image (GIF, JPEG, PNG, ICO)"
	strings:
		// an open tag as the classifier takes it (scanner/engine/classify.c):
		// then text, not the compressed bytes around a chance "<?="
		$php = /<\?(php[ \t\r\n][\t\r\n\x20-\x7e]{7}|=[\t\r\n\x20-\x7e]{0,15}[ \t\r\n$("';?])/ nocase
	condition:
		(uint32(0) == 0x38464947 or uint16(0) == 0xd8ff or uint32(0) == 0x474e5089 or uint32(0) == 0x00010000) and $php
}

/*
 * Only handlers that run code count: PHP under any of its handler names
 * (mod_php's application/x-httpd-php, cPanel's x-httpd-ea-php74,
 * CloudLinux's x-httpd-alt-php74___lsphp, LiteSpeed's x-httpd-lsphp,
 * php-script), CGI, and a FastCGI proxy (PHP-FPM); and only image
 * extensions. So AddType image/webp .webp, AddHandler
 * application/x-httpd-ea-php74 .php (cPanel MultiPHP), AddType
 * application/x-httpd-php .html .htm (old sites), php_value lines and
 * SetHandler none in an uploads folder stay silent.
 */
rule hide_htaccess_php_images
{
	meta:
		id = "hide_htaccess_php_images"
		score = 10
		category = "obfuscation"
		technique = "T-SERVER-CONFIG"
		description = "makes images executable as PHP or CGI (.htaccess AddType, AddHandler, SetHandler or ForceType)"
	strings:
		$addtype = /(AddType|AddHandler)[ \t]{1,20}["']?((application\/)?x-httpd-[\w-]{0,30}php[\w.-]{0,30}|php\d{0,2}-script|f?cgid?-script)["']?[ \t]{1,20}([^\n]{0,80}[ \t."'])?(jpe?g|gif|png|ico|bmp|webp|svg)\b/ nocase
		$files = /<Files(Match)?[ \t]{1,20}[^>\n]{0,80}\W(jpe?\??g|gif|png|ico|bmp|webp|svg)\b[^>\n]{0,40}>([^<]{0,200}<If[^>\n]{0,60}>)?[^<]{0,200}(SetHandler|ForceType|AddHandler|AddType)[ \t]{1,20}["']?((application\/)?x-httpd-[\w-]{0,30}php|php\d{0,2}-script|f?cgid?-script|proxy:(unix:[^|\n]{1,100}\|)?fcgi:)/ nocase
	condition:
		any of them
}

/*
 * auto_prepend_file / auto_append_file load a file into every PHP page of
 * the directory: as an ini line (.user.ini, php.ini), as php_value in an
 * .htaccess (mod_php), or in a PHP_VALUE string (PHP-FPM). Firewalls do it
 * legitimately with a .php file in the account (Wordfence's
 * wordfence-waf.php, NinjaFirewall); an image, a hidden file, a temporary
 * or uploads folder, a session file or a URL is where a payload hides.
 * Commented-out lines (# or ; first) do not count.
 */
rule hide_ini_auto_prepend
{
	meta:
		id = "hide_ini_auto_prepend"
		score = 10
		category = "obfuscation"
		technique = "T-SERVER-CONFIG"
		description = "loads a file into every PHP page from a hiding place (auto_prepend_file or auto_append_file naming an image, a hidden file, a temporary or uploads folder, or a URL)"
	strings:
		$image = /(^|[\n"'])[ \t]{0,20}(php_(admin_)?value[ \t]{1,20})?auto_(prepend|append)_file[ \t]{0,20}=?[ \t]{0,20}["']?[^"'\r\n;#]{0,200}\.(jpe?g|gif|png|ico|bmp|webp|svg|tiff?)["']?[ \t]{0,20}(\r|\n|;|$)/ nocase
		$place = /(^|[\n"'])[ \t]{0,20}(php_(admin_)?value[ \t]{1,20})?auto_(prepend|append)_file[ \t]{0,20}=?[ \t]{0,20}["']?([^"'\r\n;#]{0,200}\/)?(\.[^.\/"'\r\n;# \t]|uploads?\/|sess_)/ nocase
		$tmp = /(^|[\n"'])[ \t]{0,20}(php_(admin_)?value[ \t]{1,20})?auto_(prepend|append)_file[ \t]{0,20}=?[ \t]{0,20}["']?(\/tmp\/|\/var\/tmp\/|\/dev\/shm\/|(https?|ftps?|php|data|phar|zip|expect|glob|compress\.\w{2,5}):)/ nocase
	condition:
		any of them
}

rule hide_include_image
{
	meta:
		id = "hide_include_image"
		score = 10
		category = "obfuscation"
		technique = "T-PAYLOAD-FILE"
		description = "includes an image file as PHP code"
	strings:
		// a literal path, or one built on __DIR__, dirname(__FILE__), a
		// constant or a variable; an SVG is left out (themes include their
		// icons to print them inline)
		$include = /\b(include|require)(_once)?\s*\(?\s*((__DIR__|dirname\s*\(\s*__FILE__\s*\)|[A-Z_]{3,30}|\$\w{1,30})\s*\.\s*)?["'][^"'\n]{0,200}\.(ico|jpe?g|gif|png|bmp|webp)["']/ nocase
	condition:
		$include
}

rule hide_include_text
{
	meta:
		id = "hide_include_text"
		score = 5
		category = "obfuscation"
		technique = "T-PAYLOAD-FILE"
		description = "includes a text, log or data file as PHP code"
	strings:
		$include = /\b(include|require)(_once)?\s*\(?\s*((__DIR__|dirname\s*\(\s*__FILE__\s*\)|[A-Z_]{3,30}|\$\w{1,30})\s*\.\s*)?["'][^"'\n]{0,200}\.(txt|log|dat|tmp|bak|db)["']/ nocase
	condition:
		$include
}

rule hide_injected_top
{
	meta:
		id = "hide_injected_top"
		score = 5
		category = "obfuscation"
		technique = "T-INJECTED"
		description = "one line of eval/include injected before the rest of a file"
	strings:
		$top = /<\?php[^\n]{100,8000}\?>[ \t]{0,5}\r?\n?[ \t]{0,5}<\?php/ nocase
		$hexinc = /@?(include|require)(_once)?\s*\(?\s*["'](\\x[0-9a-fA-F]{2}|\\[0-7]{3})[^"'\n]{0,20}(\\x[0-9a-fA-F]{2}|\\[0-7]{3})/ nocase
		$spaces = /<\?php[ \t]{100,}\S/
	condition:
		($top at 0 and filesize > 300) or $hexinc or $spaces
}

rule hide_noise_identifiers
{
	meta:
		id = "hide_noise_identifiers"
		score = 3
		category = "obfuscation"
		technique = "T-NOISE"
		description = "random O0O0-style identifiers"
	strings:
		$ooo = /\$_{0,2}(O0|0O|OO|O_|_O)[O0_]{3,20}\b/
	condition:
		#ooo > 10
}

rule hide_goto_spaghetti
{
	meta:
		id = "hide_goto_spaghetti"
		score = 3
		category = "obfuscation"
		technique = "T-NOISE"
		description = "goto spaghetti"
	strings:
		$goto = /\bgoto\s+\w{1,20};/ nocase
	condition:
		(#goto > 20) or (#goto > 5 and filesize < #goto * 1000)
}

rule hide_comment_in_token
{
	meta:
		id = "hide_comment_in_token"
		score = 3
		category = "obfuscation"
		technique = "T-NOISE"
		description = "comments between a function name and its parenthesis (eval/*x*/()"
	strings:
		$cmt = /\b(eval|assert|base64_decode|gzinflate|str_rot13|fsockopen|mail|system|exec)\s*\/\*[^*]{0,40}\*\/\s*\(/ nocase
	condition:
		$cmt
}

/*
 * A decoded PHP layer is code without an open tag (the string handed to
 * eval); the raw file and its normalized text keep theirs. Mailer code
 * there was hidden on purpose.
 */
rule obf_payload_mailer
{
	meta:
		id = "obf_payload_mailer"
		score = 5
		category = "obfuscation"
		technique = "T-DECODER-CHAIN, T-CODE-FROM-STRING"
		description = "mailer code found in a decoded layer (hidden behind an eval chain)"
	strings:
		$tag = /<\?(php|=)/ nocase
		$send1 = /(^|[^\w>:$])(mail|mb_send_mail|imap_mail)\s*\(\s*[$"']/ nocase
		$send2 = /\b(p?fsockopen|stream_socket_client|socket_connect)\s*\(/ nocase
		$send3 = /\b(popen|proc_open)\s*\([^;]{0,120}sendmail/ nocase
		$send4 = /RCPT TO:/ nocase
		$php1 = /\$_(POST|GET|REQUEST|SERVER|FILES|COOKIE)\b/
		$php2 = /\bforeach\s*\(\s*\$\w{1,40}\s+as\s+\$/ nocase
		$perl1 = "my $"
		$perl2 = "my @"
		$perl3 = "my %"
		$perl4 = "my ("
		$perl5 = /\buse\s+(strict|warnings|[A-Z]\w{0,30}::\w)/
		$perl6 = /\bpackage\s+[A-Z]\w{0,30}(::\w{1,30}){0,4}\s*;/
		$perl7 = /\bsub\s+\w{1,40}\s*\{/
	condition:
		not $tag and any of ($send*) and any of ($php*) and not any of ($perl*) and filesize < 2000000
}

/*
 * The same for Perl, whose decoded layers look like any Perl file: the
 * layer number tells (0 is the file as written, 1 and up were decoded).
 */
rule obf_payload_mailer_perl
{
	meta:
		id = "obf_payload_mailer_perl"
		score = 5
		category = "obfuscation"
		technique = "T-PERL-EVAL"
		description = "Perl mailer code found in a decoded layer (hidden behind eval)"
	strings:
		$send1 = /IO::Socket::(INET6?|IP)\b|\bsocket\s*\(?\s*\*?\$?\w{1,20}\s*,\s*(PF_INET6?|AF_INET6?)\b/
		$send2 = /Net::SMTP(::SSL|::TLS)?\s*->\s*new|MIME::Lite|Mail::Sendmail|Email::Sender/
		$send3 = /\bopen\s*\(?\s*(my\s+)?[$*]?\w{1,20}\s*,\s*["']\|[^"'\n]{0,60}sendmail|["']\|-["']\s*,\s*["'][^"'\n]{0,40}sendmail/
		$smtp = /RCPT TO|MAIL FROM|->\s*(to|recipient|mail)\s*\(|To:/ nocase
	condition:
		layer > 0 and any of ($send*) and $smtp and filesize < 2000000
}

rule hide_long_blob
{
	meta:
		id = "hide_long_blob"
		score = 3
		category = "obfuscation"
		technique = "T-NOISE"
		description = "a huge one-line blob of base64 or hex in a script that evaluates or decodes"
	strings:
		$dec = /\b(eval|base64_decode|gzinflate|gzuncompress|str_rot13|hex2bin|unpack|decode_base64)\s*\(/ nocase
	condition:
		$dec and filesize > 4000 and math.entropy(0, filesize) > 5.8
}

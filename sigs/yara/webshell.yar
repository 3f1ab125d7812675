/*
 * webshell.yar: the malware that rides along with mailers
 * (doc/techniques.md section 4). A webshell is worth reporting alone, so the strong signs
 * reach the threshold by themselves; a webshell with a mailer is still
 * named after the mailer, whose combination rules weigh more.
 */

rule ws_exec_request
{
	meta:
		id = "ws_exec_request"
		score = 10
		category = "webshell"
		technique = "T-SHELL-EXEC"
		description = "runs shell commands taken from the request"
	strings:
		$direct = /\b(system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec)\s*\(\s*(@\s*)?(base64_decode\s*\(\s*|stripslashes\s*\(\s*|urldecode\s*\(\s*|trim\s*\(\s*)?\$_(GET|POST|REQUEST|COOKIE|SERVER\s*\[\s*["']HTTP_)/ nocase
		$tick = /(=|echo|print|\()\s*`\s*\$_(GET|POST|REQUEST|COOKIE)\s*\[/
		// a command read from the request into a variable ($cmd = $_POST['cmd']);
		// a button named "execute" tested with isset() is not one (GOsa's
		// property editor runs a configured command when it is pressed)
		$key = /=\s*(@\s*)?((trim|stripslashes|urldecode|base64_decode)\s*\(\s*)?\$_(GET|POST|REQUEST|COOKIE)\s*\[\s*["']?(cmd|command|exec|execute|shell|run)["']?\s*\]/ nocase
		$sys = /\b(system|passthru|shell_exec|proc_open|popen)\s*\(\s*\$\w{1,30}/ nocase
		$perl = /(system|exec|qx)\s*\(?\s*(\$cgi->)?param\s*\(\s*["'](cmd|command|exec|c)["']/
	condition:
		$direct or $tick or $perl or ($key and $sys)
}

rule ws_eval_request
{
	meta:
		id = "ws_eval_request"
		score = 10
		category = "webshell"
		technique = "T-EVAL-REQUEST"
		description = "evaluates code taken from the request or a cookie"
	strings:
		$a = /\b(eval|assert|create_function)\s*\(\s*(@\s*)?((base64_decode|gzinflate|str_rot13|stripslashes|urldecode|rawurldecode|hex2bin|trim)\s*\(\s*){0,3}\$_(GET|POST|REQUEST|COOKIE|SERVER\s*\[\s*["']HTTP_)/ nocase
		$b = /preg_replace\s*\(\s*["']\/[^"'\n]{0,100}\/[a-df-zA-Z]{0,5}e[a-zA-Z]{0,5}["']\s*,\s*\$_(GET|POST|REQUEST|COOKIE)/ nocase
		$c = /\$_(GET|POST|REQUEST|COOKIE)\s*\[[^\]]{1,30}\]\s*\(\s*\$_(GET|POST|REQUEST|COOKIE)/ nocase
	condition:
		any of them
}

rule ws_backconnect
{
	meta:
		id = "ws_backconnect"
		score = 10
		category = "webshell"
		technique = "T-BACKCONNECT"
		description = "back-connect shell: a socket wired to /bin/sh"
	strings:
		$sock = /\b(fsockopen|stream_socket_client|socket_connect)\s*\(|IO::Socket::INET|\bsocket\s*\(\s*\w{1,20}\s*,\s*PF_INET/ nocase
		$spawn = /\b(proc_open|popen|exec|system|passthru|shell_exec)\s*\(?\s*["'](\/bin\/(ba)?sh|cmd\.exe)( -i)?["']/ nocase
		// Perl: exec {"/bin/sh"} ("bash", "-i"), the indirect-object form
		$spawn2 = /\bexec\s*\(?\s*\{\s*["']\/bin\/(ba)?sh["']\s*\}/
	condition:
		$sock and ($spawn or $spawn2)
}

rule ws_upload_request_name
{
	meta:
		id = "ws_upload_request_name"
		score = 5
		category = "webshell"
		technique = "T-UPLOADER"
		description = "writes uploaded or posted content to a file named by the request"
	strings:
		$up = /move_uploaded_file\s*\(\s*\$_FILES\s*\[[^\]]{1,40}\]\s*\[\s*["']tmp_name["']\s*\]\s*,\s*[^;]{0,120}\$_(FILES\s*\[[^\]]{1,40}\]\s*\[\s*["']name|POST|GET|REQUEST)/ nocase
		$put = /\b(file_put_contents|fopen)\s*\(\s*\$_(GET|POST|REQUEST)/ nocase
		$copy = /\bcopy\s*\(\s*\$_FILES\s*\[[^\]]{1,40}\]\s*\[\s*["']tmp_name["']\s*\]\s*,\s*[^;]{0,120}\$_FILES\s*\[[^\]]{1,40}\]\s*\[\s*["']name/ nocase
	condition:
		any of them
}

rule ws_file_manager
{
	meta:
		id = "ws_file_manager"
		score = 5
		category = "webshell"
		technique = "T-UPLOADER"
		description = "file-manager shell features (browse, edit, chmod driven by the request)"
	strings:
		$a = /\b(scandir|opendir|readdir)\s*\(\s*\$_(GET|POST|REQUEST)/ nocase
		$b = /\b(chmod|unlink|rename|rmdir)\s*\(\s*\$_(GET|POST|REQUEST)/ nocase
		$c = /\b(php_uname|posix_getpwuid)\s*\(/ nocase
		$d = /(safe_mode|disable_functions)/ nocase
	condition:
		($a or $b) and ($c or $d)
}

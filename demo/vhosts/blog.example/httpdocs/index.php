<?php
// blog.example: a legitimate page that lists posts.
$posts = array('Hello world', 'Second post');
foreach ($posts as $p) {
    echo '<h2>' . htmlspecialchars($p) . "</h2>\n";
}

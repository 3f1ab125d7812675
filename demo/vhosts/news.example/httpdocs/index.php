<?php
// news.example front page (legitimate)
echo "<h1>News</h1>";

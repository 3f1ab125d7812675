<?php
// Site configuration (legitimate).
define('SHOP_NAME', 'Example Shop');
define('SHOP_ADMIN_MAIL', 'admin@shop.example');

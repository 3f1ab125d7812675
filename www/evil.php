<?php // SPAMSWEEP-TEST-MAILER
mail($_POST["to"], "x", "y");

# contrib: parts added to the top-level build.

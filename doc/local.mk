# doc: parts added to the top-level build.

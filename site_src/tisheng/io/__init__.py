"""Reading and writing files: staff lists (CSV, XLSX), workbooks, YAML and video headers. No policy here: nothing in
this package imports the rest of the engine."""

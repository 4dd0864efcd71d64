"""The build: validate data -> execute stale notebooks -> HTML site -> publish the site -> one
tagged WeasyPrint pass over the site's chapter pages (report.pdf), the briefing beside it ->
publish the PDFs.

Notebooks are re-executed only when what they read changed (execute.py); everything else is
built fresh. Each output is built aside in _build/.work and published into _build/html or
_build/pdf only when whole, so a failed build never touches the last good copy of that output."""

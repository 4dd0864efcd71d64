"""The build: validate data -> execute stale notebooks -> HTML site -> PDF from the site's pages
(part by part) -> downloads; the briefing PDF is drawn alongside.

Every step reuses what is still current: notebooks (execute.py), Sphinx's read pages (sphinx.py),
cut and rendered PDF parts (cut.py, paged.py).

Everything is built aside in _build/.work and published into _build/html and _build/pdf only
when whole, so a failed build never touches the last good book."""

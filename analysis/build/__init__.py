"""The build: validate data -> execute stale notebooks -> HTML -> singlehtml -> PDF -> downloads.

Everything is built aside in _build/.work and published into _build/html and _build/pdf only
when whole, so a failed build never touches the last good book."""

"""Logic of the Malaysian counter-terrorism report: load and validate the evidence base,
compute tables, draw figures, and build the book. Notebooks only call into this package."""

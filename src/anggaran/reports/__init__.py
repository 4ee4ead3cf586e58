"""Reports: a format-neutral model of each official document, then renderers (PDF, XLSX,
HTML, text)."""

"""The content exchange format: reading, checking, importing and exporting the site's content.

The management commands `import_content` and `export_content` are thin wrappers around this
app's modules; docs/content-format.md describes the format.
"""

"""Uploaded images: checked with Pillow, stripped of their metadata, and served as responsive
renditions (`validation`, `renditions`, `html`; the model mixin in `content`, the admin's side in
`core.admin.images`)."""

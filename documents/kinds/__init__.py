"""One module per kind of official document, each defining `KIND = DocumentKind(...)`; documents/registry.py lists
them."""

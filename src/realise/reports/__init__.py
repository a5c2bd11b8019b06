"""Reports and exports: renderers over the finance engine and the selectors, one per format."""

"""Everything the site engine reads: Markdown pages, map scripts, assets and data files."""

"""Figures for publication: a view of the layers (event, dates, layers, extent) as an SVG, PDF or
PNG map with title, legend, scale bar, north arrow, graticule, sources and credit.

view: what to draw and how big; selection: the features of the view (the map's own rules);
legend, sources, footer, names, words: what the figure says; projection, draw, decor (graticule,
scale bar, north arrow), labelled (what is named) and labels (placed without overlap), text,
fonts, render: how it is drawn (matplotlib and cartopy, the bundled basemap only)."""

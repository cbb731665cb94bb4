"""The map: the folium assembly, its browser-side code and the vendored assets it serves."""

"""The layers: one description of each (geo.layers.registry), their files, popups and filters."""

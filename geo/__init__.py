"""North Korea launch map: a sourced, offline map of the launches, danger areas and debris.

The library, by layer of the house (data flows down this list; see the README):
catalogue (seeds/ as typed records) · physics (geodesy, paths, fall model) · notices ·
layers (the registry: one description of each layer) · build (seeds → layers/) ·
importers, export, analysis · map (folium and its browser side) · app (Streamlit) · cli.
"""

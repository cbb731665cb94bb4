"""The explorer's server: Streamlit's, with one route more for the map's files.

`geo serve` runs `streamlit run` on this file. The map's browser side and the vendored
Leaflet files (geo/map/static) are served at /geo-assets, by this server: nothing the map
needs comes from another host.
"""

from pathlib import Path

import streamlit as st
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from geo.map.assets import STATIC_DIR, STATIC_URL

PAGE = Path(__file__).resolve().with_name("page.py")

app = st.App(str(PAGE), routes=[Mount(STATIC_URL, StaticFiles(directory=STATIC_DIR))])

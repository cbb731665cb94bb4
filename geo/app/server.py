"""The explorer's server: Streamlit's, with routes of its own (geo.app.routes).

`geo serve` runs `streamlit run` on this file. Beside the Streamlit page it serves the
explorer's map page, each session's own layers, downloads, and the map's files
(geo/map/static): nothing the map needs comes from another host.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from geo.app.headers import SecurityHeaders
from geo.app.reaper import lifespan
from geo.app.routes import ROUTES

PAGE = Path(__file__).resolve().with_name("page.py")

app = st.App(str(PAGE), routes=ROUTES, middleware=[Middleware(SecurityHeaders)], lifespan=lifespan)

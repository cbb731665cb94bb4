"""The map's legend: the legend rows of the layers on the map, and the popups' look."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from ..layers.spec import LayerSpec
from .featurelayer import RawText


class Legend(MacroElement):
    """A legend in the map's bottom-right corner: each layer's title and its rows."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="geo-legend leaflet-control">
          <b>Legend</b>
          {% for shape, colour, label in this.rows %}
          <div><span class="geo-swatch geo-{{ shape|e }}" style="--c: {{ colour|e }}"></span>
            {{- label|e }}</div>
          {% endfor %}
        </div>
        {% endmacro %}
        {% macro header(this, kwargs) %}
        <style>
          .geo-legend { position: absolute; bottom: 22px; right: 10px; z-index: 800;
            background: rgba(255,255,255,.9); padding: 4px 8px; border-radius: 4px;
            font: 10px/1.35 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
          .leaflet-control-layers { font-size: 12px; }
          .geo-swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px;
            vertical-align: -2px; }
          .geo-dot { border: 2px solid var(--c); border-radius: 50%; width: 9px; height: 9px; }
          .geo-disc { background: var(--c); border: 1px solid #222; border-radius: 50%;
            width: 10px; height: 10px; }
          .geo-box { background: var(--c); opacity: .6; }
          .geo-ring { border: 1.5px dashed var(--c); border-radius: 50%; width: 10px; height: 10px; }
          .geo-solid { border-top: 2px solid var(--c); height: 0; width: 20px; margin-bottom: 3px; }
          .geo-dashed { border-top: 2px dashed var(--c); height: 0; width: 20px; margin-bottom: 3px; }
          .geo-popup h4 { margin: 0 0 4px; font-size: 14px; }
          .geo-popup table { border-collapse: collapse; font-size: 12px; }
          .geo-popup th { text-align: left; padding-right: 8px; vertical-align: top;
            color: #555; font-weight: normal; white-space: nowrap; }
          .geo-popup pre { white-space: pre-wrap; font-size: 11px; background: #f4f4f4;
            padding: 4px; max-height: 8em; overflow: auto; }
          .geo-popup blockquote { margin: 2px 0 2px 6px; color: #444; font-style: italic; }
          .geo-sources ol { padding-left: 18px; margin: 2px 0; font-size: 12px; }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self, specs: Iterable[LayerSpec]) -> None:
        super().__init__()
        self._name = "Legend"
        self.rows = [row.to_json() for spec in specs for row in spec.legend]

    def render(self, **kwargs: Any) -> str:
        """As MacroElement.render, but the HTML goes into the page as text, never compiled as
        a template: a legend row may hold the title of a user's file."""
        figure: Any = self.get_root()
        macros = self._template.module.__dict__
        figure.header.add_child(RawText(str(macros["header"](self, kwargs))), name=self.get_name())
        figure.html.add_child(RawText(str(macros["html"](self, kwargs))), name=self.get_name())
        return ""

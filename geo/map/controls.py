"""The map's controls, added once the frame that draws the features has been painted.

Building a control takes a few milliseconds (it measures the page, which forces a layout).
Deferred to the task after the map's first frame, the features and the basemap are on screen
first and the controls follow in the next frame. The deferral is part of each control's script macro,
which is what both folium and streamlit-folium render.
"""

from __future__ import annotations

from typing import Any

from folium.template import Template

from .measure import LazyMeasureControl

_DEFERRED = Template(
    """
    {% macro script(this, kwargs) %}
    requestAnimationFrame(function () { setTimeout(function () {
    {{ this.immediate_script(kwargs) }}
    }, 0); });
    {% endmacro %}
    """
)


class _AfterFirstFrame:
    """Mixin: the control's own script, run after the next frame is painted."""

    _template = _DEFERRED

    def immediate_script(self, kwargs: dict[str, Any]) -> str:
        """The script the control's class would render."""
        base = next(cls for cls in type(self).__mro__
                    if "_template" in cls.__dict__ and cls is not _AfterFirstFrame)
        template: Template = base.__dict__["_template"]
        return str(template.module.__dict__["script"](self, kwargs))


class MeasureControl(_AfterFirstFrame, LazyMeasureControl):
    """The lazily loaded measuring tool, added after the first frame."""

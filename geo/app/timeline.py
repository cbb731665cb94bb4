"""The timeline beside the map: events over time as a table and an Altair chart."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ..catalogue.records import EVENT_KINDS
from ..layers.registry import OUTCOME_COLOURS
from ..times import event_date

SELECTION = "pick"


def events_table(events: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per event: id, date, name, kind, outcome, site; sorted by time."""
    rows = []
    for item in events:
        props = item["properties"]
        rows.append({
            "id": item["id"],
            "date": pd.Timestamp(event_date(str(props.get("date") or props.get("time_utc")))),
            "name": str(props.get("name") or item["id"]),
            "kind": str(props.get("kind") or ""),
            "outcome": str(props.get("outcome") or "n/a"),
            "site": str(props.get("site_name") or ""),
        })
    columns = ["id", "date", "name", "kind", "outcome", "site"]
    return pd.DataFrame(rows, columns=columns).sort_values(["date", "id"], ignore_index=True)


def timeline_chart(table: pd.DataFrame, selected: str | None = None) -> alt.LayerChart:
    """Events as dots along time, one row per kind, coloured by outcome; click selects one."""
    pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", clear="dblclick")
    outcomes = list(OUTCOME_COLOURS)
    base = alt.Chart(table).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("kind:N", title=None, sort=list(EVENT_KINDS)),
    )
    dots = base.mark_circle(size=140, stroke="#222", strokeWidth=0.8).encode(
        color=alt.Color("outcome:N", scale=alt.Scale(domain=outcomes,
                                                     range=[OUTCOME_COLOURS[o] for o in outcomes]),
                        legend=alt.Legend(orient="bottom", title=None)),
        opacity=alt.condition(pick, alt.value(0.95), alt.value(0.35)),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "name:N", "outcome:N", "site:N"],
    ).add_params(pick)
    if not selected or selected not in set(table["id"]):
        return alt.LayerChart(layer=[dots]).properties(height=220)
    ring = base.transform_filter(alt.datum.id == selected).mark_circle(
        size=420, color="#ffd700", opacity=0.9, stroke="#333", strokeWidth=1.5)
    return alt.LayerChart(layer=[ring, dots]).properties(height=220)

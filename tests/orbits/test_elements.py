"""Reading element sets: TLE/3LE checked line by line, OMM in JSON, CSV and XML field by field."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sgp4 import exporter

from geo.errors import DataError
from geo.orbits.elements import checksum, read_elements, read_tle
from geo.orbits.track import position

from .conftest import MALLIGYONG, VER, cbers_text, km_between


def test_reads_the_published_3le_with_names_ids_and_epochs(malligyong) -> None:
    assert [(es.name, es.norad_id) for es in malligyong] == [("MALLIGYONG-1", 58400)] * 3
    # 24158.19566690: day 158 of 2024 (6 June) + 0.19566690 d
    expected = datetime(2024, 6, 6, 4, 41, 45, 620160, tzinfo=UTC)
    assert abs((malligyong[0].epoch - expected).total_seconds()) < 1e-3
    assert [es.epoch.date().isoformat() for es in malligyong] == ["2024-06-06", "2024-06-12", "2024-07-07"]


def test_vallados_verification_file_reads_except_its_hand_made_error_cases() -> None:
    """Real material: all of SGP4-VER.TLE, its lines cut to 69 columns. The three sets it made up
    to test SGP4's error codes (33333-33335, "check error code 2/3/4") carry wrong checksums and
    are refused by line; every other set reads."""
    lines = [line[:69] for line in VER.read_text().splitlines() if line[:2] in ("1 ", "2 ")]
    refused, read = set(), []
    for n in range(0, len(lines), 2):
        try:
            read.extend(read_tle(f"{lines[n]}\n{lines[n + 1]}\n"))
        except DataError as exc:
            assert all(p.field == "checksum" for p in exc.problems), exc.problems
            refused.add(lines[n][2:7])
    assert refused == {"33333", "33334", "33335"}
    assert len(read) == len(lines) // 2 - 3 >= 25


def _lines() -> tuple[str, str, str]:
    name, l1, l2 = MALLIGYONG.read_text().splitlines()[:3]
    return name, l1, l2


def _fix(line: str) -> str:
    return line[:68] + str(checksum(line))


@pytest.mark.parametrize(("change", "where", "field"), [
    (lambda l1, l2: (l1[:68] + str((int(l1[68]) + 1) % 10), l2), "line 2", "checksum"),
    (lambda l1, l2: (l1, l2[:40]), "line 3", "length"),
    (lambda l1, l2: (l1, "3" + l2[1:]), "line 3", "line number"),
    (lambda l1, l2: (l1, _fix(l2[:2] + "58401" + l2[7:])), "line 3", "NORAD id"),
    (lambda l1, l2: (_fix(l1[:18] + "24400.19566690" + l1[32:]), l2), "line 2", "epoch"),
    (lambda l1, l2: (_fix(l1[:18] + "2415x.19566690" + l1[32:]), l2), "line 2", "epoch"),
])
def test_a_bad_line_is_refused_with_its_line_and_field_named(change, where, field) -> None:
    name, l1, l2 = _lines()
    l1, l2 = change(l1, l2)
    with pytest.raises(DataError) as info:
        read_tle(f"{name}\n{l1}\n{l2}\n", "x.tle")
    text = str(info.value.problems[0])
    assert text.startswith(f"x.tle, {where}, field '{field}'"), text


def test_every_bad_set_of_a_history_is_reported_not_only_the_first() -> None:
    rows = MALLIGYONG.read_text().splitlines()
    rows[1] = rows[1][:68] + str((int(rows[1][68]) + 1) % 10)
    rows[8] = rows[8][:60]
    with pytest.raises(DataError) as info:
        read_tle("\n".join(rows), "h.tle")
    assert [p.record for p in info.value.problems] == ["line 2", "line 9"]


def test_a_name_without_its_lines_is_refused() -> None:
    with pytest.raises(DataError, match="x.tle, line 1: an element set needs line 1 and line 2"):
        read_tle("MALLIGYONG-1\n", "x.tle")
    with pytest.raises(DataError, match="no element set"):
        read_elements("\n\n", "x.tle")


def _omm(malligyong) -> dict:
    fields = exporter.export_omm(malligyong[0].satrec, "MALLIGYONG-1")
    return {k: str(v) for k, v in fields.items()}


def _same_orbit(a, b) -> None:
    when = a.epoch + timedelta(hours=7)
    pa, pb = position(a, when), position(b, when)
    assert km_between(pa[1], pa[0], pb[1], pb[0]) < 0.01


def test_omm_json_csv_and_xml_give_the_tles_positions(malligyong) -> None:
    fields = _omm(malligyong)
    (from_json,) = read_elements(json.dumps([fields]))
    out = io.StringIO()
    writer = csv.DictWriter(out, list(fields))
    writer.writeheader()
    writer.writerow(fields)
    (from_csv,) = read_elements(out.getvalue())
    meta = ("OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM", "MEAN_ELEMENT_THEORY")
    mean = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE", "ARG_OF_PERICENTER",
            "MEAN_ANOMALY")

    def tags(keys) -> str:
        return "".join(f"<{k}>{fields[k]}</{k}>" for k in keys if k in fields)

    rest = [k for k in fields if k not in meta + mean]
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><ndm><omm id="CCSDS_OMM_VERS" version="2.0"><body>'
           f"<segment><metadata>{tags(meta)}</metadata><data><meanElements>{tags(mean)}</meanElements>"
           f"<tleParameters>{tags(rest)}</tleParameters></data></segment></body></omm></ndm>")
    (from_xml,) = read_elements(xml)
    namespaced = xml.replace("<ndm>", '<ndm xmlns="urn:ccsds:recommendation:navigation:schema:ndmxml">')
    (from_xml_ns,) = read_elements(namespaced)
    for es in (from_json, from_csv, from_xml, from_xml_ns):
        assert (es.name, es.norad_id) == ("MALLIGYONG-1", 58400)
        assert abs((es.epoch - malligyong[0].epoch).total_seconds()) < 1e-3
        _same_orbit(malligyong[0], es)


def test_space_track_epochs_and_missing_optional_fields_are_read(malligyong) -> None:
    fields = _omm(malligyong)
    fields["EPOCH"] = "2024-06-06 04:41:45.620160"  # Space-Track's older form
    for key in ("CLASSIFICATION_TYPE", "ELEMENT_SET_NO", "REV_AT_EPOCH", "EPHEMERIS_TYPE",
                "MEAN_MOTION_DDOT"):
        del fields[key]
    (es,) = read_elements(json.dumps(fields))
    _same_orbit(malligyong[0], es)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("MEAN_MOTION", None, "field 'MEAN_MOTION': missing"),
    ("EPOCH", "6 June 2024", "field 'EPOCH': '6 June 2024' is not an ISO time"),
    ("ECCENTRICITY", "1.5", "field 'ECCENTRICITY': '1.5' is out of range"),
    ("BSTAR", "nan", "field 'BSTAR': 'nan' is out of range"),
    ("INCLINATION", "ninety", "field 'INCLINATION': 'ninety' is not a number"),
    ("NORAD_CAT_ID", "-3", "field 'NORAD_CAT_ID'"),
])
def test_a_bad_omm_field_is_named_with_its_item(malligyong, key, value, message) -> None:
    good = _omm(malligyong)
    bad = dict(good)
    if value is None:
        del bad[key]
    else:
        bad[key] = value
    with pytest.raises(DataError) as info:
        read_elements(json.dumps([good, bad]), "omm.json")
    assert str(info.value.problems[0]).startswith(f"omm.json, item 2, {message}"), info.value.problems


def test_a_bad_csv_row_is_named_by_its_line(malligyong) -> None:
    fields = _omm(malligyong)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerow(fields)
    writer.writerow({**fields, "MEAN_MOTION": "fast"})
    with pytest.raises(DataError, match="omm.csv, line 3, field 'MEAN_MOTION'"):
        read_elements(out.getvalue(), "omm.csv")


def test_an_xml_bomb_or_broken_xml_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            "<ndm><segment><metadata><OBJECT_NAME>&b;</OBJECT_NAME></metadata></segment></ndm>")
    with pytest.raises(DataError, match="not usable XML"):
        read_elements(bomb, "bomb.xml")
    with pytest.raises(DataError, match="not usable XML"):
        read_elements("<ndm><segment>", "cut.xml")
    with pytest.raises(DataError, match="no <segment>"):
        read_elements("<html></html>", "page.xml")


def test_json_nested_too_deeply_is_refused_in_a_line() -> None:
    with pytest.raises(DataError, match="deep.json: JSON nested too deeply"):
        read_elements("[" * 100_000 + "]" * 100_000, "deep.json")


def test_windows_line_ends_and_a_byte_order_mark_are_read() -> None:
    text = "\ufeff" + MALLIGYONG.read_text().replace("\n", "\r\n")
    sets = read_elements(text)
    assert [es.name for es in sets] == ["MALLIGYONG-1"] * 3


def test_a_history_comes_back_in_epoch_order() -> None:
    text = MALLIGYONG.read_text().splitlines()
    shuffled = "\n".join(text[6:9] + text[0:3] + text[3:6])
    assert [es.epoch for es in read_elements(shuffled)] == sorted(es.epoch for es in read_elements(shuffled))
    assert len(read_elements(cbers_text() + shuffled)) == 4

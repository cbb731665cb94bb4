"""The physics: geodesy on WGS84, flight paths, ballistic ascent and fall, debris footprints.

Everything here works on plain typed inputs (positions, polygons, ranges of assumptions) and
knows nothing of the catalogue; geo.build turns catalogue records into those inputs.
"""

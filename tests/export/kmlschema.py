"""The OGC KML 2.2 schema, loaded offline (tests/data/kml22, see SOURCE.md there)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "kml22"


class _Offline(etree.Resolver):
    """ogckml22.xsd imports xAL by its OASIS address: the shipped copy instead."""

    def resolve(self, url, pubid, context):
        if url and url.endswith("/xAL.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xAL.xsd"), context)
        return None


@cache
def kml_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "ogckml22.xsd"), parser))


def schema_errors(data: bytes) -> list[str]:
    """The schema's complaints about a KML document (empty when it is valid)."""
    schema = kml_schema()
    schema.validate(etree.fromstring(data, etree.XMLParser(no_network=True)))
    return [f"line {error.line}: {error.message}" for error in schema.error_log]

"""The header of a navigational warning: its id, issuer and the warnings it cancels.

    NAVAREA XI 123/16                   id, issuer NAVAREA XI
    HYDROPAC 1234/23                    id, issuer HYDROPAC
    SHANGHAI NAV WARN 0123/24           id, issuer SHANGHAI (any "… NAV WARN(ING) n/yy")
    沪航警0123/24                        id, issuer 沪 (Chinese MSA)
    航行警報 第123号, 항행경보 제123호    id (Japanese, Korean)

The id is the words as written (spaces tidied), the issuer the words before the number.
    CANCEL NAVAREA XI 120/16            cancels that warning
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[0-9]{1,4}/[0-9]{2,4}"
_IDS = (
    re.compile(rf"(?P<issuer>NAVAREA\s+[IVXL]+)\s+(?P<number>{_NUMBER})"),
    re.compile(rf"(?P<issuer>HYDRO(?:PAC|LANT|ARC))\s+(?P<number>{_NUMBER})"),
    re.compile(rf"(?<![A-Z])(?P<issuer>[A-Z]{{2,}}+(?: [A-Z]++){{0,2}})\s+NAV(?:IGATIONAL)?\s+WARN(?:ING)?\s+"
               rf"(?:NO\.?\s*)?(?P<number>{_NUMBER})"),
    re.compile(rf"(?P<issuer>[\u4e00-\u9fff]{{1,4}})航警\s*(?P<number>{_NUMBER})"),
    re.compile(r"(?P<issuer>航行警報|항행경보)\s*(?:第|제)\s*(?P<number>[0-9]{1,5})\s*(?:号|號|호)"),
)
_CANCEL = re.compile(
    rf"CANCEL(?:S|LED)?\s+(?P<ref>(?:NAVAREA\s+[IVXL]+|HYDRO(?:PAC|LANT|ARC))\s+{_NUMBER})"
)


@dataclass(frozen=True)
class WarningHeader:
    """What the first lines of a warning say about it (None when they do not say)."""

    notice_id: str | None
    issuer: str | None
    cancels: str | None


def read_header(text: str) -> WarningHeader:
    """The first id in the text, its issuer, and the first warning it cancels."""
    cancel = _CANCEL.search(text)
    cancel_span = cancel.span() if cancel else (-1, -1)
    for pattern in _IDS:
        for m in pattern.finditer(text):
            if cancel_span[0] <= m.start() < cancel_span[1]:
                continue  # the id of the cancelled warning
            issuer = " ".join(m.group("issuer").split())
            return WarningHeader(" ".join(m.group().split()), issuer,
                                 " ".join(cancel.group("ref").split()) if cancel else None)
    return WarningHeader(None, None, " ".join(cancel.group("ref").split()) if cancel else None)

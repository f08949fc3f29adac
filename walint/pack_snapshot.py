"""The built-in rule packs as one JSON file, made ahead of time and shipped beside the packs.

Parsing the packs' YAML (about 120 KB: lexicons in seven languages, every rule's docs) takes some
45 ms at every start, a sixth of what a whole cold run may cost; `json.loads` of the same data takes
under 2 ms. `rules/builtin-packs.json` holds the data of every pack in `rules/` (YAML anchors
expanded) and a checksum of the texts it was made from: a run checks it against the packs it
finds (reading them costs about a millisecond) and parses the YAML when they differ (an edited
checkout), slowly but correctly. tests/test_pack_snapshot.py fails when the shipped snapshot is stale.
Regenerate it with `python -m walint.pack_snapshot`.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, Callable

from walint.package_data import data_folder

SNAPSHOT = "builtin-packs.json"


def packs_hash(texts: list[tuple[str, str]]) -> str:
    """A CRC of the packs' names and texts: it tells an edited pack from the shipped one (the test
    checks the snapshot exactly), and zlib is there already, where hashlib would cost 7 ms of imports."""
    crc = 0
    for name, text in texts:
        crc = zlib.crc32(name.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0", crc)
    return f"{len(texts)}-{crc:08x}"


def snapshot_data(texts: list[tuple[str, str]]) -> list[tuple[str, Any]] | None:
    """(pack name, data) of every pack when the shipped snapshot was made from these texts, else None."""
    try:
        shipped = json.loads((data_folder("walint.rules") / SNAPSHOT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(shipped, dict) or shipped.get("packs_crc32") != packs_hash(texts):
        return None
    return [(name, data) for name, data in shipped["packs"]]


def build_snapshot(texts: list[tuple[str, str]], parse: Callable[[str, str], Any]) -> str:
    """The snapshot's JSON text. A pack whose data JSON cannot hold as it is (a key that is not a
    string, a date) is refused rather than silently changed."""
    packs = []
    for name, text in texts:
        data = parse(name, text)
        if json.loads(json.dumps(data)) != data:
            raise ValueError(f"{name}: the pack holds values JSON cannot represent (non-string keys, dates ...)")
        packs.append([name, data])
    return json.dumps({"packs_crc32": packs_hash(texts), "packs": packs}, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    from walint.rule_packs import builtin_pack_texts, parse_pack_text

    target = data_folder("walint.rules") / SNAPSHOT
    snapshot = build_snapshot(builtin_pack_texts(), parse_pack_text)
    with open(str(target), "w", encoding="utf-8") as stream:
        stream.write(snapshot)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()

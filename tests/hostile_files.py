"""The hostile and broken files of issue 7, written by the tests into a temporary folder.

Nothing here is committed as a file: the big ones (30 MB, 20,000 documents, a 65 MB sparse file) are
made on the spot. Each file says what walint must report about it, alone and in a folder search.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# what a file named `executed` beside the YAML would prove: a tag ran a shell command
SENTINEL = "executed"


def template(name: str = "order_update", text: str = "Your order has shipped.", **fields) -> dict:
    """A template with no problem at all, unless the arguments give it one."""
    return {"name": name, "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": text}], **fields}


@dataclass(frozen=True)
class Hostile:
    filename: str
    content: Callable[[Path], bytes]  # given the folder the file goes into
    exit_code: int  # when the file is checked alone
    expected: tuple[tuple[str, str], ...]  # (code, words of its message) that must be reported
    where: tuple[int, int] | None = None  # (row, column) of the first expected diagnostic
    in_folder_search: bool = True  # False: a folder search passes the file over (no template in it, other extension)

    def write(self, folder: Path) -> Path:
        path = folder / self.filename
        path.write_bytes(self.content(folder))
        return path


def _billion_laughs(_folder: Path) -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines).encode()


def _python_tag(folder: Path) -> bytes:
    return f'name: !!python/object/apply:os.system ["touch {folder / SENTINEL}"]\nlanguage: en_US\n'.encode()


def _twenty_thousand_documents(_folder: Path) -> bytes:
    good = b"".join(b"--- {name: t%d, language: en_US, category: UTILITY, components: []}\n" % i for i in range(19_999))
    return good + b"--- {name: Not Valid, language: en_US, category: UTILITY, components: []}\n"


def _json_with(placeholder: str, raw: bytes, **fields) -> bytes:
    """A JSON template where the string `placeholder` is replaced by raw bytes json.dumps cannot write."""
    return json.dumps(template(**fields)).encode().replace(f'"{placeholder}"'.encode(), raw)


FIVE_THOUSAND_DIGITS = b"7" * 5000
LATIN_1_TEMPLATE = "name: commande\nlanguage: fr\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: Votre commande est expédiée.\n"

HOSTILE_FILES: list[Hostile] = [
    Hostile("billion_laughs.yaml", _billion_laughs, 1, (("WA002", "an alias bomb?"),)),
    Hostile("python_tag.yaml", _python_tag, 1, (("WA002", "unknown YAML tag !!python/object/apply:os.system"),), (1, 7)),
    # walint's own depth guard or newer libyaml's: both stop at the 1,001st bracket
    Hostile("deep_flow_sequences.yaml", lambda _: b"[" * 20_000 + b"]" * 20_000, 1, (("WA002", "nest"),), (1, 1001)),
    Hostile("deep_arrays.json", lambda _: b"[" * 100_000 + b"]" * 100_000, 1, (("WA002", "JSON nested deeper than 1000 levels"),), (1, 1001)),
    Hostile("binary.json", lambda _: b"\x89PNG\r\n\x1a\n" + bytes(range(256)), 1, (("WA001", "binary file (NUL byte at line 3, column 1)"),), (3, 1)),
    Hostile("latin_1.yaml", lambda _: LATIN_1_TEMPLATE.encode("latin-1"), 1, (("WA001", "not UTF-8 text: invalid byte 0xe9 at line 6, column 33"),), (6, 33)),
    Hostile("nul_byte.json", lambda _: json.dumps(template()).encode().replace(b"shipped", b"ship\x00ped"), 1, (("WA001", "binary file (NUL byte at line 1, column 130)"),), (1, 130)),
    Hostile("empty.yaml", lambda _: b"", 1, (("WA004", "the file holds no template"),), (1, 1), in_folder_search=False),
    Hostile("empty.json", lambda _: b"", 1, (("WA001", "JSON syntax error: the file is empty"),), (1, 1)),
    Hostile("only_comments.yaml", lambda _: b"# templates go here\n  # one day\n", 1, (("WA004", "the file holds no template"),), in_folder_search=False),
    Hostile("scalar_root.yaml", lambda _: b"just a string\n", 1, (("WA004", "found a string"),), (1, 1), in_folder_search=False),
    Hostile("scalar_root.json", lambda _: b"42", 1, (("WA004", "found a number"),), (1, 1), in_folder_search=False),
    Hostile("twenty_thousand_documents.yaml", _twenty_thousand_documents, 1, (("WA101", "template name"),), (20_000, 12)),
    Hostile("thirty_mb_string.json", lambda _: json.dumps(template(text="x" * 30_000_000)).encode(), 1, (("WA301", "body is 30,000,000 characters"),)),
    Hostile("long_integer.json", lambda _: _json_with("LANGUAGE", FIVE_THOUSAND_DIGITS, language="LANGUAGE"), 1, (("WA002", "integer with 5000 digits is too long"),), (1, 38)),
    Hostile("long_integer.yaml", lambda _: b"name: t\nlanguage: " + FIVE_THOUSAND_DIGITS + b"\n", 1, (("WA002", "integer too long to read as a number"),), (2, 11)),
    # the Graph API keeps the later key: the bad first name is not reported, the duplicate is, at both places
    Hostile(
        "duplicate_keys.json",
        lambda _: b'{"name": "Order Update",\n ' + json.dumps(template())[1:].encode(),
        0,
        (("WA003", "duplicate key 'name': the later value wins (first at line 1, column 2)"),),
        (2, 2),
    ),
    Hostile(
        "duplicate_keys.yaml",
        lambda _: b"name: Order Update\nlanguage: en_US\nname: order_update\ncategory: UTILITY\ncomponents: [{type: BODY, text: hi}]\n",
        0,
        (("WA003", "duplicate key 'name': the later value wins (first at line 1, column 1)"),),
        (3, 1),
    ),
    # ESC and BEL from a file must not reach the terminal
    Hostile("control_characters.json", lambda _: json.dumps(template(name="\x1b[2J\x1b[31mhacked\x07")).encode(), 1, (("WA101", "template name"),)),
    # JSON may escape half of a surrogate pair: no character, and no encoding can write it
    Hostile("lone_surrogates.json", lambda _: json.dumps(template(name="bad\ud800name", text="x \udfff")).encode(), 1, (("WA101", "template name"),), (1, 14)),
    # another extension: checked when named (sniffed as JSON), passed over by a folder search
    Hostile("templates.txt", lambda _: json.dumps(template(text="Hello {1}")).encode(), 1, (("WA401", "malformed placeholder `{1}`"),), (1, 117), in_folder_search=False),
]

# the one bad template beside the hostile files: its error must still be reported
BAD_TEMPLATE = Hostile("zz_bad_template.yaml", lambda _: b"name: order_update\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: Hello {1}, your order is ready.\n", 1, (("WA401", "malformed placeholder `{1}`"),), (6, 17))

OVERSIZED = "oversized.json"
OVERSIZED_BYTES = 65 * 1024 * 1024


def write_oversized(folder: Path) -> Path:
    """A sparse file past the size limit: no disk space, and reading it is quick."""
    path = folder / OVERSIZED
    with path.open("wb") as stream:
        stream.truncate(OVERSIZED_BYTES)
    return path

"""Where walint's data packages (`walint.rules`, `walint.grammar`) are on disk.

Both ship as plain files beside an `__init__.py`, in a wheel and in an editable checkout alike, so the
package's own folder finds them. `importlib.resources` would too, but importing it (with its zip
support: tempfile, shutil, bz2, lzma) costs about 9 ms of a cold run that yamllint does in 0.2 s.
"""

from __future__ import annotations

import importlib
from pathlib import Path


def data_folder(package: str) -> Path:
    """The folder of a data package, such as `walint.rules`."""
    return Path(importlib.import_module(package).__path__[0])

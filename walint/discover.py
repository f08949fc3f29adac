"""From the paths on the command line to the files to check, in a stable order."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from walint.records import FrozenRecord

EXTENSIONS = (".json", ".yaml", ".yml")
# folders that hold no templates of the user's own: skipped when a directory is searched
SKIPPED_DIRS = frozenset(("node_modules", "venv", "__pycache__", "site-packages"))


@dataclass(init=False, slots=True, eq=False, repr=False)
class FileToCheck(FrozenRecord):
    """A file to lint; `explicit` when the user named it rather than a folder search finding it."""
    path: Path
    display: str  # as the user will see it: relative to the working directory when it is below it
    explicit: bool  # named on the command line (checked whatever its extension) or found in a folder


def discover(paths: list[str]) -> tuple[list[FileToCheck], list[str]]:
    """The files to check and one error line per path that cannot be used."""
    files: list[FileToCheck] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as error:  # missing, a symlink loop, a component that is not a folder, no access
            errors.append(f"{raw}: {os_error_reason(error)}")
            continue
        if stat.S_ISDIR(mode):
            for found in _walk(path):
                _add(files, seen, found, explicit=False)
        elif stat.S_ISREG(mode):
            _add(files, seen, path, explicit=True)
        else:
            errors.append(f"{raw}: not a regular file or directory")
    return files, errors


def os_error_reason(error: OSError) -> str:
    """The system's reason, as the rest of a one-line message: "no such file or directory"."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


def _walk(root: Path):
    """Files below root with a template extension, sorted; hidden folders are skipped and symlinked
    folders are not followed (no loops). A named pipe or a device is passed over: reading it would
    block or never end. A broken symlink is kept, so that reading it reports why it cannot be read."""
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS)
        for filename in sorted(filenames):
            if filename.endswith(EXTENSIONS) and not filename.startswith("."):
                path = Path(folder) / filename
                if not _is_special(path):
                    yield path


def _is_special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _add(files: list[FileToCheck], seen: set[Path], path: Path, explicit: bool) -> None:
    try:
        key = path.resolve()
    except (OSError, RuntimeError):
        key = path.absolute()
    if key in seen:
        return
    seen.add(key)
    files.append(FileToCheck(path, display_path(path), explicit))


def display_path(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()

"""From the paths on the command line to the files to check, in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = (".json", ".yaml", ".yml")
# folders that hold no templates of the user's own: skipped when a directory is searched
SKIPPED_DIRS = frozenset(("node_modules", "venv", "__pycache__", "site-packages"))


@dataclass(frozen=True, slots=True)
class FileToCheck:
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
        if path.is_dir():
            for found in _walk(path):
                _add(files, seen, found, explicit=False)
        elif path.is_file():
            _add(files, seen, path, explicit=True)
        elif path.exists():
            errors.append(f"{raw}: not a regular file or directory")
        else:
            errors.append(f"{raw}: no such file or directory")
    return files, errors


def _walk(root: Path):
    """Files below root with a template extension, sorted; hidden folders are skipped and symlinked
    folders are not followed (no loops)."""
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS)
        for filename in sorted(filenames):
            if filename.endswith(EXTENSIONS) and not filename.startswith("."):
                yield Path(folder) / filename


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

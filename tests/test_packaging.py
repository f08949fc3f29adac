"""grammar/ and rules/ ship inside the wheel: a wheel installed into a fresh virtual environment runs
from another directory and finds them (the editable install is what the rest of the suite runs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import lark
import pydantic
import pydantic_core
import typing_extensions
import yaml

REPO = Path(__file__).resolve().parent.parent


def test_wheel_in_a_fresh_venv_runs_from_elsewhere(tmp_path: Path) -> None:
    # build from a copy: setuptools reuses a build/ folder, and a stale one would hide a packaging bug
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", "corpus"))
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        check=True,
        timeout=300,
    )
    [wheel] = wheels.glob("walint-*.whl")
    # the tables made ahead of time ship, or every run would rebuild them (slowly, but silently)
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert {"walint/grammar/template.tokens.json", "walint/rules/builtin-packs.json"} <= shipped
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)
    # the runtime dependencies come from this environment, walint itself only from the wheel
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True).stdout.strip()
    dependency_dirs = {str(Path(module.__file__).resolve().parent.parent) for module in (click, lark, pydantic, pydantic_core, typing_extensions, yaml)}
    (Path(purelib) / "_walint_test_deps.pth").write_text("\n".join(sorted(dependency_dirs)) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "t.json").write_text('{"name": "Bad Name", "language": "en", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {1} there"}]}')
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run([str(venv / "bin" / "walint"), "check", "--format", "json", "t.json"], cwd=elsewhere, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    assert {d["code"] for d in json.loads(done.stdout)} == {"WA101", "WA401"}
    where = subprocess.run([str(python), "-c", "import walint, walint.syntax as s; print(walint.__file__); s.parse_text('x')"], cwd=elsewhere, capture_output=True, text=True, env=env, timeout=120)
    assert where.stdout.strip().startswith(purelib), where.stdout + where.stderr

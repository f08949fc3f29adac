"""Colors only on a terminal, and never with NO_COLOR (no-color.org): checked on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

BAD = Path(__file__).resolve().parent.parent / "examples" / "bad" / "summer_sale.yaml"


def _run_on_a_tty(env: dict) -> str:
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "walint", "check", str(BAD)], stdout=terminal, stderr=terminal, env=env)
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 1
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(controller)


def test_colors_on_a_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[31mWA201\x1b[0m" in _run_on_a_tty(env)


def test_no_color_on_a_terminal_with_no_color_set() -> None:
    output = _run_on_a_tty({**os.environ, "NO_COLOR": "1"})
    assert "WA201" in output and "\x1b[" not in output

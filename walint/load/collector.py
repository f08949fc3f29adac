"""Pausing Python's cyclic garbage collector while a large tree is built."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building a large tree sets the collector off again and again, each time over everything built so
    far: three quarters of yaml.compose's time on a 5 MB file. Loading makes no garbage worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

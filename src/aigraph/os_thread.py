"""The operating system's name for the running thread, so `top -H` and /proc tell aigraph's threads
apart (and so do the threads Oxigraph starts from them, which inherit it)."""

from __future__ import annotations

import contextlib
import sys
import threading


def name_after_python() -> None:
    """Give the running thread its Python name at the OS level too (Linux keeps 15 bytes); nothing
    elsewhere, nor when the C library cannot be reached."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(15, threading.current_thread().name.encode()[:15], 0, 0, 0)  # 15: PR_SET_NAME

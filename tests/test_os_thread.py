"""aigraph's threads carry their names at the OS level, where top -H and /proc show them."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from aigraph.os_thread import name_after_python


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread names in /proc are Linux's")
def test_a_thread_takes_its_python_name_and_keeps_fifteen_bytes():
    seen = []

    def run():
        before = Path(f"/proc/self/task/{threading.get_native_id()}/comm").read_text().strip()
        name_after_python()
        seen.extend([before, Path(f"/proc/self/task/{threading.get_native_id()}/comm").read_text().strip()])

    thread = threading.Thread(target=run, name="aigraph-a-long-thread-name")
    thread.start()
    thread.join()
    assert seen[0] != "aigraph-a-long-" and seen[1] == "aigraph-a-long-"

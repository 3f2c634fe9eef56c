"""Workers never outlive the process that started them, however it ends (even SIGKILL).

Linux: the kernel sends the worker SIGTERM when its parent dies (`PR_SET_PDEATHSIG`, through
ctypes; the worker's SIGTERM handler unwinds, so a `--run-cmd` interpreter it is waiting for is
killed too). Elsewhere (macOS, BSD, Windows), a daemon thread checks every half second that the
parent is still there and then does the same. Closing the inherited pipe ends (engine.py) makes
an idle worker also see EOF on its inbox. (The kernel signal fires when the *thread* that started
the worker ends: the engine starts and stops its workers within one call, in one thread.)
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Optional

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_POLL = 0.5  # seconds between parent checks where the kernel cannot tell us


def die_with_parent(parent: Optional[int]) -> None:
    """Call in the worker, first thing; `parent` is the pid of the process that started it (None
    under forkserver, where the parent is the server, which itself ends with the main process)."""
    if parent is None:
        parent = os.getppid()
    if _pdeathsig(signal.SIGTERM):
        if os.getppid() != parent:  # it died before the request took effect
            os.kill(os.getpid(), signal.SIGTERM)
        return
    threading.Thread(target=_watch, args=(parent,), name="aetherlint-parent-watch", daemon=True).start()


def _pdeathsig(signum: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):  # no usable libc (static or unusual builds): use the thread
        return False


def _watch(parent: int) -> None:
    while _parent_alive(parent):
        time.sleep(_POLL)
    import _thread

    _thread.interrupt_main(signal.SIGTERM)  # unwind the worker like a SIGTERM would
    time.sleep(2.0)
    os._exit(1)  # the main thread is stuck in C code that never returns to Python


def _parent_alive(parent: int) -> bool:
    if os.name == "nt":  # Windows never re-parents: ask the parent's process handle
        import multiprocessing

        handle = multiprocessing.parent_process()
        return handle is None or handle.is_alive()
    return os.getppid() == parent  # POSIX re-parents an orphan (to init or a subreaper)

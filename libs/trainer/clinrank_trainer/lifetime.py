"""The trainer's lifetime is bound to its node agent's.

A trainer runs in its own process group (the agent starts it detached), so the agent's death does not end it by
itself. When the agent names itself in ``CLINRANK_AGENT_PID``, the trainer ends its whole process group within a
fraction of a second of the agent's death, even while it prints nothing (loading a checkpoint):

* ``PR_SET_PDEATHSIG`` (Linux, through ctypes ``prctl``) has the kernel send SIGKILL the moment the parent dies, when
  the parent is the agent itself;
* a daemon thread polls the agent (``/proc/<pid>/stat``: gone, a zombie, or a new process with the same id) and
  SIGKILLs the process group, which also covers workers started by ``accelerate launch``, whose parent is the
  launcher rather than the agent.

``CLINRANK_TRAINER_SILENT_SECONDS`` (tests only) makes the trainer sleep that long, printing nothing, before it
starts: it stands in for a silent phase so that the watchdog can be tested with ``kill -9`` of the agent.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from typing import Optional

AGENT_PID_ENV = "CLINRANK_AGENT_PID"
SILENT_SECONDS_ENV = "CLINRANK_TRAINER_SILENT_SECONDS"
POLL_SECONDS = 0.2
PR_SET_PDEATHSIG = 1


def process_start_ticks(pid: int) -> Optional[str]:
    """The start time of a live process (field 22 of /proc/<pid>/stat); None when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "r", encoding="utf-8") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    state, start = fields[0], fields[19]
    return None if state in ("Z", "X") else start


def agent_alive(pid: int, start_ticks: Optional[str]) -> bool:
    """Whether the agent recorded at start (pid, start time) still runs; without /proc, whether the pid exists."""
    if start_ticks is not None:
        return process_start_ticks(pid) == start_ticks
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def set_parent_death_signal(sig: int) -> bool:
    """Asks the kernel to send `sig` to this process when its parent dies (Linux only); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def end_process_group() -> None:
    """SIGKILLs this process's group (the trainer and all it started), or just this process if it leads none."""
    try:
        os.killpg(os.getpgrp(), signal.SIGKILL)
    except OSError:
        os.kill(os.getpid(), signal.SIGKILL)


def watch_agent(environ=os.environ) -> Optional[threading.Thread]:
    """Binds this process to the agent named in CLINRANK_AGENT_PID; returns the watchdog thread (None without one)."""
    raw = environ.get(AGENT_PID_ENV, "").strip()
    if not raw.isdigit():
        return None
    agent = int(raw)
    start = process_start_ticks(agent) if os.path.exists("/proc/self/stat") else None
    if os.getppid() == agent:
        set_parent_death_signal(signal.SIGKILL)
    if not agent_alive(agent, start) or (os.path.exists("/proc/self/stat") and start is None):
        end_process_group()  # the agent died before the watchdog was armed

    def poll() -> None:
        while agent_alive(agent, start):
            time.sleep(POLL_SECONDS)
        end_process_group()

    thread = threading.Thread(target=poll, name="clinrank-agent-watchdog", daemon=True)
    thread.start()
    return thread


def silent_phase(environ=os.environ) -> None:
    """Test hook: sleeps CLINRANK_TRAINER_SILENT_SECONDS without printing (see the module docstring)."""
    raw = environ.get(SILENT_SECONDS_ENV, "").strip()
    if raw:
        time.sleep(float(raw))

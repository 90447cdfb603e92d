"""The trainer ends its process group when its node agent dies, even in a silent phase (real processes)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clinrank_trainer.lifetime import agent_alive, process_start_ticks, watch_agent

TRAINER_ROOT = str(Path(__file__).resolve().parents[1])
LINUX = os.path.exists("/proc/self/stat")

# A stand-in agent: starts the trainer (directly, or under a launcher like accelerate's) in a new session, as the
# node agent does, prints the trainer's pid, then waits to be killed.
AGENT = r"""
import os, subprocess, sys, time
env = dict(os.environ, CLINRANK_AGENT_PID=str(os.getpid()), CLINRANK_TRAINER_SILENT_SECONDS="60", PYTHONPATH=sys.argv[1])
trainer = [sys.executable, "-m", "clinrank_trainer", "reward-model", "--help"]
if sys.argv[2] == "launcher":
    launcher = "import subprocess, sys; p = subprocess.Popen(sys.argv[1:]); print(p.pid, flush=True); p.wait()"
    child = subprocess.Popen([sys.executable, "-c", launcher, *trainer], env=env, start_new_session=True, stdout=subprocess.PIPE, text=True)
    print(child.stdout.readline().strip(), child.pid, flush=True)
else:
    child = subprocess.Popen(trainer, env=env, start_new_session=True)
    print(child.pid, child.pid, flush=True)
time.sleep(120)
"""


def alive(pid: int) -> bool:
    return process_start_ticks(pid) is not None


def wait_gone(pids, seconds: float) -> float:
    began = time.monotonic()
    while any(alive(pid) for pid in pids):
        if time.monotonic() - began > seconds:
            raise AssertionError(f"still running after {seconds} s: {[pid for pid in pids if alive(pid)]}")
        time.sleep(0.05)
    return time.monotonic() - began


@pytest.mark.skipif(not LINUX, reason="needs /proc (Linux)")
@pytest.mark.parametrize("layout", ["direct", "launcher"])
def test_trainer_group_dies_with_its_agent_during_a_silent_phase(layout):
    agent = subprocess.Popen([sys.executable, "-c", AGENT, TRAINER_ROOT, layout], stdout=subprocess.PIPE, text=True)
    try:
        trainer, leader = (int(pid) for pid in agent.stdout.readline().split())
        time.sleep(1.0)  # the trainer is asleep in its silent phase, its watchdog armed
        assert alive(trainer) and alive(leader)
        agent.kill()  # SIGKILL: the agent gets no chance to end the group itself
        agent.wait()
        wait_gone([trainer, leader], 5.0)
    finally:
        for pid in ("trainer", "leader"):
            value = locals().get(pid)
            if isinstance(value, int) and alive(value):
                os.kill(value, signal.SIGKILL)
        if agent.poll() is None:
            agent.kill()


@pytest.mark.skipif(not LINUX, reason="needs /proc (Linux)")
def test_agent_alive_tells_a_live_process_from_a_dead_or_reused_one():
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    start = process_start_ticks(sleeper.pid)
    assert start is not None and agent_alive(sleeper.pid, start)
    assert not agent_alive(sleeper.pid, str(int(start) + 1))  # same pid, another process
    sleeper.kill()
    deadline = time.monotonic() + 5
    while agent_alive(sleeper.pid, start) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not agent_alive(sleeper.pid, start)  # a zombie until reaped
    sleeper.wait()
    assert not agent_alive(sleeper.pid, start)


def test_no_watchdog_without_an_agent():
    assert watch_agent({}) is None
    assert watch_agent({"CLINRANK_AGENT_PID": "not-a-pid"}) is None

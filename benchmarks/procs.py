"""Run a command and measure it: wall time, CPU time (its own and its children's) and
the peak resident memory (``VmHWM``) of every process in its tree, read from /proc.

CPU time matters on a shared or busy machine: wall-clock throughput drops when other
processes take the cores, the CPU seconds a run needs do not.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


def _children(pid: int) -> list[int]:
    out = []
    task_dir = Path(f"/proc/{pid}/task")
    try:
        for task in task_dir.iterdir():
            text = (task / "children").read_text()
            out += [int(x) for x in text.split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _memory_mb(pid: int) -> tuple[float, float] | None:
    """(peak RSS, current RSS) in MB, or None for a process gone (or a zombie)."""
    hwm = rss = None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024.0
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return (hwm, rss) if hwm is not None and rss is not None else None


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _label(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"
    return raw[:120]


@dataclass
class Measured:
    returncode: int
    wall_s: float
    cpu_s: float
    peaks_mb: dict[int, tuple[str, float]] = field(default_factory=dict)  # pid -> (cmdline, peak MB)
    last_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> RSS at its last sample
    mid_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> RSS half-way through its life
    cpu_by_pid: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds at its last sample
    stdout: str = ""
    stderr: str = ""
    pid: int = 0  # the command's own process

    def peak_list(self) -> list[float]:
        """Peak RSS of each Python process in the tree, largest first (the driver and its workers)."""
        return sorted((mb for label, mb in self.peaks_mb.values() if "python" in label or "flashpoint" in label),
                      reverse=True)


class _Watcher(threading.Thread):
    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peaks: dict[int, tuple[str, float]] = {}
        self.series: dict[int, list[float]] = {}  # RSS samples, for the mid-life figure
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()

    def sample(self) -> None:
        for p in _tree(self.pid):
            mem = _memory_mb(p)
            if mem is None:
                continue
            label = self.peaks[p][0] if p in self.peaks else _label(p)
            if "resource_tracker" in label or "semaphore_tracker" in label:
                continue
            self.peaks[p] = (label, max(mem[0], self.peaks.get(p, ("", 0.0))[1]))
            self.series.setdefault(p, []).append(mem[1])
            cpu = _cpu_s(p)
            if cpu is not None:
                self.cpu[p] = cpu

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.every)


def run(cmd: list[str], *, env: dict | None = None, stdin_path: str | None = None, timeout: float | None = None,
        cwd: str | None = None) -> Measured:
    """Run ``cmd`` to its end, sampling its process tree's peak memory every 50 ms."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
    watcher = _Watcher(proc.pid)
    watcher.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s, c=c: c.append(s.read()), daemon=True)
               for s, c in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    deadline = None if timeout is None else start + timeout
    while True:
        # wait4 gives the child's own rusage (its reaped workers included) without reaping too early
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
        time.sleep(0.02)
    wall = time.perf_counter() - start
    watcher.stop.set()
    watcher.join()
    for r in readers:
        r.join()
    if stdin_path:
        stdin.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(proc.returncode, wall, usage.ru_utime + usage.ru_stime, watcher.peaks,
                    {p: v[-1] for p, v in watcher.series.items()}, {p: v[len(v) // 2] for p, v in watcher.series.items()},
                    dict(watcher.cpu), b"".join(out_chunks).decode(errors="replace"),
                    b"".join(err_chunks).decode(errors="replace"), proc.pid)


def machine() -> dict:
    """CPU model, logical cores and memory, from /proc."""
    model, cores = "unknown", 0
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name") and model == "unknown":
            model = line.split(":", 1)[1].strip()
        if line.startswith("processor"):
            cores += 1
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return {"cpu": model, "cores": cores, "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "affinity": len(os.sched_getaffinity(0))}


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])

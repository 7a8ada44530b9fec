"""CPU time the parts of the stack spend during the load, read from /proc: it says what a
request costs whatever else the machine is doing, where latencies only say how long it waited.
"""

import os
import resource
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def read_stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on (state, ppid, …)


def tree_cpu_seconds(root: int) -> float:
    """User and system time of `root` and its descendants, counting children already gone."""
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := read_stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
            stats[int(entry.name)] = fields
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier += children
    # utime, stime, cutime, cstime are fields 14 to 17 of /proc/<pid>/stat.
    return sum(sum(int(v) for v in stats[pid][11:15]) for pid in tree if pid in stats) / TICKS


def pid_from_file(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def stack_pids(gunicorn_pid: int) -> dict[str, int]:
    """The root process of each part: gunicorn's master, PostgreSQL's postmaster, the node."""
    postgres_dir = Path(os.environ.get("POSTGRES_STATE_DIR") or ROOT / ".postgres")
    from bench.production_node import PRODUCTION_NODE_ENV

    node_dir = Path(PRODUCTION_NODE_ENV["SEARCH_NODE_STATE_DIR"])  # the node the bench uses
    pids = {
        "gunicorn": gunicorn_pid,
        "PostgreSQL": pid_from_file(postgres_dir / "data" / "postmaster.pid"),
        "search node": pid_from_file(node_dir / "pid"),
    }
    return {name: pid for name, pid in pids.items() if pid}


def cpu_snapshot(pids: dict[str, int]) -> dict[str, float]:
    return {name: tree_cpu_seconds(pid) for name, pid in pids.items()}


def children_cpu_seconds() -> float:
    """CPU of this process's children that have ended (the load's processes, once joined)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_report(
    before: dict[str, float], after: dict[str, float], requests: int, generator: float
) -> None:
    """CPU milliseconds per request of each part, and the rate the machine's cores could
    serve with nothing else running (the load generator's own CPU is shown, not counted)."""
    if not requests:
        return
    spent = {name: after[name] - before[name] for name in before if name in after}
    parts = ", ".join(f"{name} {1000 * seconds / requests:.1f}" for name, seconds in spent.items())
    per_request = sum(spent.values()) / requests
    print(f"CPU ms per request: {parts} (load generator {1000 * generator / requests:.1f})")
    if per_request:
        cores = os.cpu_count() or 1
        print(
            f"{cores} cores could serve at most {cores / per_request:.0f} requests/s "
            "of this mix with nothing else running"
        )

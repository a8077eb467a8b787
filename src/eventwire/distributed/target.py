"""Parse the ``--dask`` value: a scheduler address or ``local[:N]``.

>>> parse_target("local:2")
DaskTarget(address=None, local_workers=2)
>>> parse_target("10.0.0.5:8786")
DaskTarget(address='tcp://10.0.0.5:8786', local_workers=None)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import UsageError

# Schemes a Dask scheduler listens on; anything else is a typo, caught before a
# connection attempt that would only time out.
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
# A local cluster this big on one machine is a mistake, not a plan.
MAX_LOCAL_WORKERS = 256

_ADDRESS = re.compile(r"^(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(?P<port>\d{1,5})$")
HELP = "use a scheduler address (tcp://HOST:PORT or HOST:PORT), 'local' or 'local:N'"


@dataclass(frozen=True, slots=True)
class DaskTarget:
    """Where a Dask run goes: ``address`` of a running scheduler, or a local cluster of
    ``local_workers`` processes (one thread each) started for the run."""

    address: str | None = None
    local_workers: int | None = None

    @property
    def is_local(self) -> bool:
        return self.local_workers is not None

    def describe(self) -> str:
        if self.local_workers is not None:
            return f"local cluster of {self.local_workers} worker process{'es' if self.local_workers != 1 else ''}"
        return f"Dask scheduler at {self.address}"


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def parse_target(spec: str) -> DaskTarget:
    """``local`` (one worker per CPU), ``local:N``, ``tcp://HOST:PORT`` or ``HOST:PORT``.

    Raises ``UsageError`` with a message fit for the command line.

    >>> parse_target("tcp://127.0.0.1:8786").address
    'tcp://127.0.0.1:8786'
    >>> parse_target("local").local_workers >= 1
    True
    """
    value = spec.strip()
    if value == "local":
        return DaskTarget(local_workers=cpu_count())
    if value.startswith("local:"):
        n = value.removeprefix("local:")
        if not n.isdigit():
            raise UsageError(f"--dask {spec!r}: {n!r} is not a number of workers; {HELP}")
        workers = int(n)
        if not 1 <= workers <= MAX_LOCAL_WORKERS:
            raise UsageError(f"--dask {spec!r}: the number of local workers must be 1 to {MAX_LOCAL_WORKERS}")
        return DaskTarget(local_workers=workers)
    m = _ADDRESS.match(value)
    if m is None:
        raise UsageError(f"--dask {spec!r} is not a scheduler address; {HELP}")
    scheme = m["scheme"] or "tcp"
    if scheme not in SCHEMES:
        raise UsageError(f"--dask {spec!r}: unknown protocol {scheme!r}; a Dask scheduler speaks {', '.join(SCHEMES)}")
    if not 0 < int(m["port"]) < 65536:
        raise UsageError(f"--dask {spec!r}: port {m['port']} is out of range")
    return DaskTarget(address=f"{scheme}://{m['host']}:{m['port']}")

"""Connect to a scheduler, or start a local cluster, and load the models on its workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from typing import Any

import dask
from distributed import Client, LocalCluster
from distributed.comm import CommClosedError, connect
from distributed.security import Security

from ..errors import EventwireError
from .target import DaskTarget
from .worker import ResourcesPlugin, environment, plugin_name


class DaskError(EventwireError):
    """The cluster could not be reached or could not run the job (the message says why)."""


# A local cluster is a private tool of one run: no dashboard, no HTTP routes, nothing
# listening beyond 127.0.0.1, and no INFO chatter on the user's terminal. The
# statistical profiler (a thread sampling every task's stack every 10 ms) made the
# coder about a quarter slower in our measurements, and has no dashboard to show on.
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
    "distributed.dashboard.link": "",
    "distributed.worker.profile.enabled": False,
}


@contextmanager
def dask_client(target: DaskTarget, *, timeout: float = 5.0) -> Iterator[Client]:
    """A client for ``target``; a local cluster lives exactly as long as the block.

    Connection failures become ``DaskError`` after at most ``timeout`` seconds.
    """
    with ExitStack() as stack:
        if target.local_workers is not None:
            stack.enter_context(dask.config.set(LOCAL_CONFIG))
            try:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=target.local_workers, threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                    # The scheduler always opens an HTTP port (8787 unless told); an
                    # ephemeral loopback port avoids clashing with another cluster.
                    scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                ))
            except Exception as exc:  # noqa: BLE001 - reported, not hidden
                raise DaskError(f"could not start a {target.describe()}: {type(exc).__name__}: {exc}") from exc
            client = stack.enter_context(Client(cluster, set_as_default=False))
        else:
            assert target.address is not None
            probe_scheduler(target.address, timeout)
            try:
                client = Client(target.address, timeout=timeout, set_as_default=False)
            except Exception as exc:  # noqa: BLE001 - refused, timed out, or not a scheduler
                raise DaskError(_unreachable(target, timeout, exc)) from exc
            stack.callback(client.close)
            try:
                client.wait_for_workers(1, timeout=timeout)
            except Exception as exc:  # noqa: BLE001 - TimeoutError
                raise DaskError(
                    f"the {target.describe()} has no workers (waited {timeout:g} s); "
                    f"start some with: dask worker {target.address}"
                ) from exc
        yield client


def probe_scheduler(address: str, timeout: float) -> None:
    """Ask ``address`` who it is, within ``timeout`` seconds; ``DaskError`` unless a Dask
    scheduler answers.

    ``Client(address, timeout=...)`` bounds only the TCP connect: a peer that accepts
    the connection and then says nothing (a firewall, a hung process, the wrong
    service) would keep it waiting indefinitely. The probe runs on its own event loop in a
    thread, so it works whether or not the caller already runs one.
    """
    target = DaskTarget(address=address)
    with ThreadPoolExecutor(1, thread_name_prefix="eventwire-dask-probe") as pool:
        try:
            ident = pool.submit(asyncio.run, _identity(address, timeout)).result()
        except Exception as exc:  # noqa: BLE001 - refused, timed out, or not Dask at all
            raise DaskError(_unreachable(target, timeout, exc)) from exc
    kind = ident.get("type") if isinstance(ident, dict) else None
    if kind != "Scheduler":
        what = f"a Dask {kind}" if isinstance(kind, str) else "something else"
        raise DaskError(f"{address} answered, but it is {what}, not a Dask scheduler")


async def _identity(address: str, timeout: float) -> Any:
    async def ask() -> Any:
        # TLS settings come from Dask's configuration, as they do for Client().
        comm = await connect(address, timeout=timeout, **Security().get_connection_args("client"))
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    return await asyncio.wait_for(ask(), timeout)


def _unreachable(target: DaskTarget, timeout: float, exc: Exception) -> str:
    where = target.describe()
    if isinstance(exc, CommClosedError):
        return f"cannot talk to the {where}: it closed the connection without answering; is it a Dask scheduler?"
    if isinstance(exc, OSError | TimeoutError):
        reason = f"no answer within {timeout:g} s" if isinstance(exc, TimeoutError) else (str(exc) or type(exc).__name__)
        return f"cannot reach the {where}: {reason}; is `dask scheduler` running there and the port open?"
    # Something answered, but its bytes are not Dask's protocol (the decoder's own
    # complaint, such as an absurd allocation, would only confuse).
    return f"cannot talk to the {where}: its answer is not Dask's protocol ({type(exc).__name__}); is it a Dask scheduler?"


def load_models(client: Client, model: str) -> str:
    """Register the plugin that loads the models on every worker (now and on any that
    joins later). Returns the plugin name tasks look the models up by."""
    env = environment()
    name = plugin_name(model, env)
    try:
        client.register_plugin(ResourcesPlugin(model, env), name=name)
    except Exception as exc:  # noqa: BLE001 - the worker's own error, passed on
        # Unregistered, or every worker that joins later would fail the same way.
        with contextlib.suppress(Exception):
            client.unregister_worker_plugin(name)
        raise DaskError(
            f"a worker could not load the eventwire models: {type(exc).__name__}: {exc}. "
            "Every worker needs eventwire installed with the same pinned versions as this machine "
            "(pip install -c requirements.lock <eventwire>)"
        ) from exc
    return name

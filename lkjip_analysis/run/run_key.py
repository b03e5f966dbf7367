"""The key of a report's build: a digest of everything its output depends on (incremental runs).

``lkjip run`` skips a report whose published output carries the same key as the one it
would build now (and whose files are all present); see :func:`lkjip_analysis.run.runner.run_reports`.
The key covers:

- the notebook's content (the bytes of the ``.ipynb`` file, not its time stamp);
- the params after defaults (:meth:`~lkjip_analysis.run.params.ReportParams.as_dict`: agency, year,
  scale, efficiency method, language, dataset path, notebook path, regional title);
- the rows of the dataset the report reads: for an agency report the agency's rows of every
  table that has an ``agency_id`` column (its row in ``agencies`` included, in file order) and
  every row of a table without one; for a regional comparison every row of every table;
- the package version, the formats and the PDF engine (when a PDF is made).

Row digests come from :func:`pandas.util.hash_pandas_object` (one 64-bit hash per row,
vectorised), folded per agency with BLAKE2b over the row hashes in file order; each dataset
is hashed **once** for all the reports of a batch (:func:`dataset_digests`), never once per
report. A table's columns and dtypes are part of its digest, so a new column changes every key.

What the key does not see: code of ``lkjip_analysis`` changed without a new version (an
editable install), fonts or system libraries, files a custom notebook reads on its own.
After such a change run with ``--force``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

#: Bumped when the key's recipe changes, so that old keys never match new ones.
KEY_VERSION = 1
DIGEST_SIZE = 16


def _blake(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _schema(frame: pd.DataFrame) -> bytes:
    return json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode()


def _row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One uint64 per row (values and their order within the row; the index is ignored)."""
    if frame.empty:
        return np.zeros(0, dtype=np.uint64)
    return pd.util.hash_pandas_object(frame, index=False, categorize=True).to_numpy(dtype=np.uint64)


@dataclass
class DatasetDigests:
    """Digests of one dataset: per agency (its rows of every table) and of the whole dataset.

    ``agencies`` maps ``agency_id`` to the digest of that agency's rows (plus the tables
    without an ``agency_id`` column); ``whole`` is the digest of every row of every table.
    An agency without any row maps to the digest of nothing but the shared tables
    (:meth:`agency`).
    """

    whole: str
    shared: str
    agencies: dict[str, str] = field(default_factory=dict)

    def agency(self, agency_id: str) -> str:
        """The digest of ``agency_id``'s rows (a fixed digest when it has none)."""
        return self.agencies.get(agency_id) or _blake(b"no-rows", self.shared.encode())


def dataset_digests(tables: dict[str, pd.DataFrame], agencies: Iterable[str] | None = None) -> DatasetDigests:
    """Digest every table of a dataset in one pass: per agency and whole.

    Parameters
    ----------
    tables : dict of str to DataFrame
        The dataset's tables (``Dataset.tables``).
    agencies : iterable of str, optional
        Only these agencies' digests are folded (all rows are still hashed once, which is
        what the whole-dataset digest needs); default every ``agency_id`` present.

    Returns
    -------
    DatasetDigests

    Examples
    --------
    >>> a = pd.DataFrame({"agency_id": ["x", "y", "x"], "v": [1.0, 2.0, 3.0]})
    >>> b = a.assign(v=[1.0, 2.5, 3.0])                      # only y's row differs
    >>> da, db = dataset_digests({"t": a}), dataset_digests({"t": b})
    >>> da.agency("x") == db.agency("x"), da.agency("y") == db.agency("y"), da.whole == db.whole
    (True, False, False)
    """
    wanted = None if agencies is None else set(agencies)
    whole_parts: list[bytes] = []
    shared_parts: list[bytes] = []
    per_agency: dict[str, list[bytes]] = {}
    for name in sorted(tables):
        frame = tables[name]
        hashes = _row_hashes(frame)
        head = name.encode() + b"\0" + _schema(frame)
        whole_parts += [head, hashes.tobytes()]
        if "agency_id" not in frame.columns:
            shared_parts += [head, hashes.tobytes()]
            continue
        ids = frame["agency_id"].astype("string").fillna("")
        if wanted is not None:
            keep = ids.isin(wanted).to_numpy()
            ids, hashes = ids[keep], hashes[keep]
        if len(ids) == 0:
            continue
        codes, uniques = pd.factorize(ids.to_numpy(dtype=object))
        order = np.argsort(codes, kind="stable")  # rows of one agency together, in file order
        bounds = np.flatnonzero(np.diff(codes[order])) + 1
        for chunk in np.split(order, bounds):
            agency = str(uniques[codes[chunk[0]]])
            per_agency.setdefault(agency, []).extend((head, hashes[chunk].tobytes()))
    shared = _blake(b"shared", *shared_parts)
    return DatasetDigests(
        whole=_blake(b"whole", *whole_parts),
        shared=shared,
        agencies={a: _blake(b"agency", shared.encode(), *parts) for a, parts in per_agency.items()},
    )


def file_digest(path: str | Path) -> str:
    """BLAKE2b of a file's bytes."""
    return _blake(Path(path).read_bytes())


def report_key(params, data_digest: str, notebook_digest: str, formats: Sequence[str], pdf_engine: str | None,
               package_version: str) -> str:
    """The key of one report: a digest of its inputs (see the module docstring).

    Parameters
    ----------
    params : ReportParams
        Checked params (defaults filled in).
    data_digest : str
        The digest of the rows this report reads (:meth:`DatasetDigests.agency`, or
        ``DatasetDigests.whole`` for a regional comparison).
    notebook_digest : str
        :func:`file_digest` of the notebook.
    formats : sequence of str
        Exports made (order does not matter).
    pdf_engine : str or None
        The engine that prints the PDF (ignored without ``pdf`` in ``formats``).
    package_version : str
        ``lkjip_analysis.__version__``.
    """
    formats = sorted(set(formats))
    recipe = {
        "key_version": KEY_VERSION,
        "package_version": package_version,
        "notebook": notebook_digest,
        "params": params.as_dict(),
        "data": data_digest,
        "formats": formats,
        "pdf_engine": pdf_engine if "pdf" in formats else None,
    }
    return _blake(json.dumps(recipe, sort_keys=True, default=str).encode())


def compute_keys(params: Sequence, formats: Sequence[str], pdf_engine: str | None,
                 load=None) -> dict[str, str]:
    """The key of every report of a batch, ``{report key (folder): run key}``.

    Each distinct dataset is loaded and hashed once, each distinct notebook read once.

    Parameters
    ----------
    params : sequence of ReportParams
        Checked params (as :func:`lkjip_analysis.run.params.check_params` returns them).
    formats, pdf_engine
        As for :func:`report_key`; ``pdf_engine`` should be resolved (``chromium`` or
        ``weasyprint``), not ``auto``.
    load : callable, optional
        ``load(dataset) -> Dataset``; default :func:`lkjip_analysis.io.loaders.load_dataset`
        (``""`` is the embedded dataset).
    """
    from .. import __version__
    from ..io.loaders import load_dataset

    load = load or (lambda path: load_dataset(path or None))
    notebooks: dict[str, str] = {}
    digests: dict[str, DatasetDigests] = {}
    wanted: dict[str, set[str] | None] = {}
    for p in params:
        if p.is_regional:
            wanted[p.dataset] = None
        elif wanted.get(p.dataset, set()) is not None:
            wanted.setdefault(p.dataset, set()).add(p.agency_id)
    for dataset, agencies in wanted.items():
        digests[dataset] = dataset_digests(load(dataset).tables, agencies)
    keys = {}
    for p in params:
        if p.notebook_path not in notebooks:
            notebooks[p.notebook_path] = file_digest(p.notebook_path)
        d = digests[p.dataset]
        data = d.whole if p.is_regional else d.agency(p.agency_id)
        keys[p.key] = report_key(p, data, notebooks[p.notebook_path], formats, pdf_engine, __version__)
    return keys

"""Imported once by the fork server of a report batch (see :func:`lkjip_analysis.run.runner.pool_context`).

Every pool worker is forked from that server, so what is imported and built here —
papermill, nbformat, nbconvert, jupyter_client, this package, and the compiled templates
of the HTML exporter — is paid once per batch instead of once per worker (about 1.6 s of
CPU per worker here). So is what a kernel imports (ipykernel, IPython, pandas, matplotlib, the
report modules: :func:`lkjip_analysis.run.kernels.import_for_reports`): each worker's first kernel
is forked from the worker with all of it done (:mod:`lkjip_analysis.run.kernel_fork`). Nothing in this module may start a thread or open a file, a socket
or a kernel: the server forks.
"""

from __future__ import annotations

import contextlib

from . import runner

runner.skip_slow_optional_imports()

import jupyter_client  # noqa: E402,F401
import nbformat  # noqa: E402,F401
import papermill  # noqa: E402,F401
from papermill.clientwrap import PapermillNotebookClient  # noqa: E402,F401

from . import kernels  # noqa: E402,F401
from .export import html_exporter  # noqa: E402

html_exporter()

with contextlib.suppress(ImportError):  # a worker without ipykernel starts its kernels as usual
    import ipykernel.kernelapp  # noqa: F401
    import ipykernel_launcher  # noqa: F401
kernels.import_for_reports(kernels.PRELOAD)

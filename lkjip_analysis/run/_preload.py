"""Imported once by the fork server of a report batch (see :func:`lkjip_analysis.run.runner.pool_context`).

Every pool worker is forked from that server, so what is imported and built here —
papermill, nbformat, nbconvert, jupyter_client, this package, and the compiled templates
of the HTML exporter — is paid once per batch instead of once per worker (about 1.6 s of
CPU per worker here). Nothing in this module may start a thread or open a file, a socket
or a kernel: the server forks.
"""

from __future__ import annotations

from . import runner

runner.skip_slow_optional_imports()

import jupyter_client  # noqa: E402,F401
import nbformat  # noqa: E402,F401
import papermill  # noqa: E402,F401
from papermill.clientwrap import PapermillNotebookClient  # noqa: E402,F401

from . import kernels  # noqa: E402,F401
from .export import html_exporter  # noqa: E402

html_exporter()

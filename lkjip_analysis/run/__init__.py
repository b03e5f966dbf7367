"""Floor 8, running reports: params files, jobs, export to HTML/PDF, Chromium, warm kernels, the local runner,
the Dask scheduler, run keys and the manifest (``lkjip run``)."""

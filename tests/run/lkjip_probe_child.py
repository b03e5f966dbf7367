"""Imported by a kernel in tests/run/kernel_fork_probe.py: start a multiprocessing child and read its answer."""

from __future__ import annotations

import multiprocessing


def _square(queue, n: int) -> None:
    queue.put(n * n)


def run() -> int:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_square, args=(queue, 7))
    child.start()
    value = queue.get(timeout=60)
    child.join(timeout=60)
    return value

"""What runs in an OCR worker process before its first page: the set-up that ties it to the run.

Apart from :mod:`aqb_extract.batch` on purpose. A process pool's initializer is pickled by
reference, so a worker imports the module that defines it; while this lived in ``batch`` every
worker imported the whole pipeline (parsers, repair, wordfreq, rapidfuzz) to read pages that need
none of it: 20 MB more in each worker, at the peak of a 40-page scan, and 0.3 s of CPU each
before the first page. A worker now imports this module and :mod:`aqb_extract.read`; one handed a
born-digital document imports the parsers when it unpickles that job.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from multiprocessing.connection import Connection


def init_worker(lifeline: Connection, run_temp: str) -> None:
    """Set up an OCR worker process so that it never outlives the run, nor does its Tesseract.

    The worker leads its own process group with the programs it starts (Tesseract, poppler), and
    ends that whole group at once when it is told to stop (SIGTERM, from ``batch._abandon``) or when
    the main process is gone (``lifeline`` reaches its end: the main process exited or was killed
    with kill -9). A terminal's Ctrl-C goes to the main process only, which then stops the workers;
    Tesseract itself must be killed, as it does not react to SIGINT and a hung one would run on.
    Its temp files go to the run's folder (``run_temp``), which the main process removes, since
    the SIGKILL skips the worker's own clean-up.
    """
    os.setpgrp()
    tempfile.tempdir = run_temp

    def end_group(*_: object) -> None:
        os.killpg(0, signal.SIGKILL)

    signal.signal(signal.SIGTERM, end_group)

    def watch() -> None:
        with contextlib.suppress(Exception):
            lifeline.poll(None)  # returns at end of file: the main process closed or died
        end_group()

    threading.Thread(target=watch, name="aqb-lifeline", daemon=True).start()

"""Airflow DAG: the nightly ``lkjip run`` (only changed reports are rebuilt), via BashOperator.

Copy into Airflow's ``dags/`` folder. Airflow is not a dependency of lkjip-analysis: this file
only needs Airflow where it runs (tests/test_incremental.py parses it without Airflow).

Exit codes of ``lkjip run`` and what the task does with them:

- 0 — every report written (built or ``unchanged``): the task succeeds;
- 1 — some report failed or has no PDF (its earlier report is kept; the others were published):
  the task fails and is retried once — the retry rebuilds only what failed, the others are
  ``unchanged`` and cost nothing;
- 2 — wrong command, or every params file refused: nothing ran; the task fails (its retry fails
  the same way) and the log names the file and the problem.

The summary line (``N laporan: x dibangun, y tidak berubah, z gagal``) is in the task log; the
manifest (``manifest.json`` in the output folder) lists every report, its status and its key.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

LKJIP = "/srv/lkjip/.venv/bin/lkjip"
PARAMS = "/srv/lkjip/params"
OUTPUT = "s3://dinsos-laporan/lkjip"  # or a local folder, e.g. /srv/laporan

with DAG(
    dag_id="lkjip_nightly",
    description="Laporan LKjIP: bangun ulang hanya yang berubah",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # two runs must not publish into one folder at once
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["lkjip"],
) as dag:
    laporan = BashOperator(
        task_id="lkjip_run",
        # BashOperator fails the task on any non-zero exit code: 1 (a report failed) and 2 (usage)
        bash_command=f"{LKJIP} run --all --params-dir {PARAMS} --no-progress --output-dir {OUTPUT}",
        execution_timeout=timedelta(hours=3),
    )

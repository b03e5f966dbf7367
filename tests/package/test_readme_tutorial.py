"""The README's new-agency tutorial, run exactly as written (commands read from the README) in a temporary folder."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip_analysis.config import PARAMS_DIR, PROJECT_ROOT

pytestmark = pytest.mark.slow  # starts kernels / browsers (pytest -m 'not slow' skips it)

README = PROJECT_ROOT / "README.md"
LKJIP = Path(sys.executable).with_name("lkjip")


def tutorial_commands(readme: str) -> list[list[str]]:
    """The ``lkjip`` commands of the README section "Untuk analis: instansi baru dari Excel", in order.

    Comments are dropped; a line chaining commands with ``&&`` gives one command per part.
    """
    section = readme.split("## Untuk analis: instansi baru dari Excel", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL).group(1)
    commands = []
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        for part in line.split("&&"):
            words = shlex.split(part)
            if words and words[0] == "lkjip":
                commands.append(words)
    return commands


def test_tutorial_commands_are_read_from_the_readme() -> None:
    commands = tutorial_commands(README.read_text(encoding="utf-8"))
    assert [c[1] for c in commands] == ["template", "validate", "import", "new-agency", "run", "run"]
    assert commands[3] == ["lkjip", "new-agency", "dinsos-kota-contoh", "--dataset", "data/", "--year", "2023"]
    assert commands[-1] == ["lkjip", "run", "--all"]


@pytest.mark.skipif(not LKJIP.exists(), reason="lkjip console script not installed next to this Python")
def test_readme_tutorial_runs_as_written(tmp_path: Path) -> None:
    """template -> (fill) -> validate -> import -> new-agency -> run the new params -> run --all, all exit 0.

    The temporary folder is laid out like the project folder: its ``params/`` holds a copy of
    the project's params files, so ``lkjip run --all`` runs them and the new agency together
    (what ``make report`` runs after the tutorial).
    """
    import importlib.util

    # the workbook an analyst fills (tests/io/test_template.py), loaded by path: another test folder
    spec = importlib.util.spec_from_file_location("template_tests", Path(__file__).parents[1] / "io" / "test_template.py")
    template_tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(template_tests)
    fill_workbook = template_tests.fill_workbook

    shutil.copytree(PARAMS_DIR, tmp_path / "params")
    for words in tutorial_commands(README.read_text(encoding="utf-8")):
        result = subprocess.run([str(LKJIP), *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, (f"{shlex.join(words)} -> exit {result.returncode}\n"
                                        f"{result.stdout}\n{result.stderr}")
        if words[1] == "template":
            assert (tmp_path / "isian.xlsx").is_file()
            fill_workbook(tmp_path / "isian.xlsx")  # "isi workbook": the README's comment step
        if words[1] == "new-agency":
            written = (tmp_path / "params" / "dinsos-kota-contoh-2023.yaml").read_text(encoding="utf-8")
            assert "dataset: ../data\n" in written  # relative to the params file, as run reads it
    report = tmp_path / "outputs" / "dinsos-kota-contoh" / "2023"
    assert (report / "report.html").is_file() and (report / "report.pdf").is_file()
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "Dinas Sosial Kota Contoh" in html and "Cakupan PSKS yang berpartisipasi" in html
    for key in ("dinsos-kota-banjarbaru/2020", "dinsos-kab-hulu-sungai-selatan/2019", "_regional/regional"):
        assert (tmp_path / "outputs" / key / "report.html").is_file()
    assert not (PROJECT_ROOT / "params" / "dinsos-kota-contoh-2023.yaml").exists()

"""Params files: loading, refusals (each naming the file and key), checks against the dataset."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import yaml

from lkjip_analysis.config import REPORT_NOTEBOOKS_DIR
from lkjip_analysis.exceptions import DatasetError, ParamsError, ParamsErrors
from lkjip_analysis.run import params as params_mod
from lkjip_analysis.run.params import (
    AGENCY_REPORT,
    REGIONAL_COMPARISON,
    ReportParams,
    check_params,
    find_params_files,
    load_params,
    validate_params,
)

HERE = Path(__file__).parents[1]
NOTEBOOKS = HERE / "notebooks"
GOOD = HERE / "fixtures" / "params" / "good"


def write(folder: Path, stem: str, text: str | None = None, /, **values) -> Path:
    """Write a params file from raw YAML text or from keyword values."""
    path = folder / f"{stem}.yaml"
    path.write_text(text if text is not None else yaml.safe_dump(values, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def pdir(tmp_path: Path, mini_dir: Path) -> Path:
    """A params folder next to the mini dataset (``dataset: ../mini``)."""
    folder = tmp_path / "params"
    folder.mkdir()
    return folder


def agency(pdir: Path, name: str = "dinas-a-2020", **overrides) -> Path:
    values = {"notebook": str(NOTEBOOKS / "ok.ipynb"), "agency_id": "dinas-a", "year": 2020, "dataset": "../mini"}
    values.update(overrides)
    return write(pdir, name, **{k: v for k, v in values.items() if v is not None})


def refused(path: Path, *fragments: str, validate: bool = False) -> ParamsError:
    with pytest.raises(ParamsError) as info:
        validate_params([path]) if validate else load_params(path)
    message = str(info.value)
    assert str(path) in message, message
    for fragment in fragments:
        assert fragment in message, message
    return info.value


# --------------------------------------------------------------------------- good files


def test_good_file_loads_with_defaults(pdir: Path, mini_dir: Path) -> None:
    p = load_params(agency(pdir))
    assert p.notebook == AGENCY_REPORT
    assert p.agency_id == "dinas-a" and p.year == 2020
    assert (p.category_scale, p.efficiency_method, p.lang) == ("banjarbaru", "capaian_minus_serapan", "id")
    assert p.dataset == str(mini_dir.resolve())  # relative to the params file's folder
    assert p.key == "dinas-a/2020"
    assert p.notebook_path == str(NOTEBOOKS / "ok.ipynb")
    assert p.notebook_parameters(".") == {
        "agency_id": "dinas-a", "year": 2020, "dataset": str(mini_dir.resolve()), "category_scale": "banjarbaru",
        "efficiency_method": "capaian_minus_serapan", "lang": "id", "output_dir": ".",
    }


def test_fixture_files_load_and_validate() -> None:
    files = find_params_files(GOOD)
    assert [f.name for f in files] == ["dinas-a-2020.yaml", "dinas-b-2019.yaml", "regional-comparison.yaml"]
    checked = validate_params(files)
    a, b, regional = checked
    assert a.agency_name == "Dinas Sosial Kota A" and a.dataset_checksum
    assert (a.category_scale, a.efficiency_method) == ("permendagri86", "ratio")
    assert b.notebook == AGENCY_REPORT and b.notebook_path.endswith("raises.ipynb")
    assert regional.notebook == REGIONAL_COMPARISON and regional.key == "_regional/regional"
    assert regional.notebook_parameters("out") == {
        "dataset": regional.dataset, "category_scale": "banjarbaru", "efficiency_method": "capaian_minus_serapan",
        "lang": "id", "output_dir": "out", "title": "Perbandingan uji"}
    assert pickle.loads(pickle.dumps(a)) == a


def test_named_notebook_resolves_in_notebooks_dir(pdir: Path, tmp_path: Path, monkeypatch) -> None:
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    shutil.copy(NOTEBOOKS / "ok.ipynb", nbdir / "agency_report.ipynb")
    monkeypatch.setattr(params_mod, "NOTEBOOKS_DIR", nbdir)
    p = load_params(agency(pdir, notebook="agency_report"))
    assert p.notebook_path == str(nbdir / "agency_report.ipynb")  # the project's own copy wins
    p = load_params(write(pdir, "reg", notebook="regional_comparison", name="regional"))
    assert Path(p.notebook_path) == REPORT_NOTEBOOKS_DIR / "regional_comparison.ipynb"  # else the package's
    monkeypatch.setattr(params_mod, "REPORT_NOTEBOOKS_DIR", tmp_path / "none")
    refused(write(pdir, "reg", notebook="regional_comparison", name="regional"), "notebook tidak ditemukan")


def test_report_notebooks_are_package_data() -> None:
    """``lkjip run`` finds its notebooks inside the package (so an installed wheel has them) and
    pyproject ships that folder."""
    import tomllib

    from lkjip_analysis.config import PACKAGE_DIR

    assert REPORT_NOTEBOOKS_DIR == PACKAGE_DIR / "notebooks"
    assert {"agency_report.ipynb", "regional_comparison.ipynb"} <= {q.name for q in REPORT_NOTEBOOKS_DIR.iterdir()}
    with open(PACKAGE_DIR.parent / "pyproject.toml", "rb") as f:
        data = tomllib.load(f)["tool"]["setuptools"]["package-data"]["lkjip_analysis"]
    assert "notebooks/*.ipynb" in data and "templates/*" in data


def test_notebook_path_key_and_dataset_override(pdir: Path, tmp_path: Path) -> None:
    p = load_params(agency(pdir, notebook="agency_report", notebook_path=str(NOTEBOOKS / "raises.ipynb")),
                    dataset_override=tmp_path / "other")
    assert p.notebook_path.endswith("raises.ipynb")
    assert p.dataset == str((tmp_path / "other").resolve())
    assert load_params(agency(pdir, dataset=""), dataset_override=None).dataset == ""


def test_regional_file(pdir: Path) -> None:
    path = write(pdir, "regional-comparison", notebook=str(NOTEBOOKS / "regional.ipynb"), name="kalsel", lang="en")
    p = load_params(path)
    assert p.is_regional and p.key == "_regional/kalsel" and p.lang == "en"
    assert "agency_id" not in p.notebook_parameters(".")


# --------------------------------------------------------------------------- refusals (file on its own)


def test_unknown_key_names_file_key_and_allowed(pdir: Path) -> None:
    refused(agency(pdir, colour="red"), "'colour'", "kunci yang boleh", "agency_id", "efficiency_method")


def test_agency_key_in_regional_file_is_unknown(pdir: Path) -> None:
    path = write(pdir, "r", notebook="regional_comparison", name="r", agency_id="dinas-a")
    refused(path, "'agency_id'")


def test_regional_year_is_passed_and_checked(pdir: Path) -> None:
    path = write(pdir, "r", notebook=str(NOTEBOOKS / "regional.ipynb"), name="r", year=2020)
    p = load_params(path)
    assert p.year == 2020 and p.notebook_parameters(".")["year"] == 2020
    assert "year" not in load_params(write(pdir, "r2", notebook=str(NOTEBOOKS / "regional.ipynb"),
                                           name="r2")).notebook_parameters(".")
    refused(write(pdir, "r3", notebook=str(NOTEBOOKS / "regional.ipynb"), name="r3", year="2020"), "'year'")
    refused(write(pdir, "r4", notebook=str(NOTEBOOKS / "regional.ipynb"), name="r4", year=1999), "'year'", "1999",
            validate=True)


@pytest.mark.parametrize("agency_id", ["../evil", "dinas/a", "/etc", "Dinas-A", "a b", ".."])
def test_agency_id_that_could_escape_is_refused(pdir: Path, agency_id: str) -> None:
    refused(agency(pdir, agency_id=agency_id), "'agency_id'", "slug")


def test_regional_name_must_be_a_slug(pdir: Path) -> None:
    refused(write(pdir, "r", notebook=str(NOTEBOOKS / "regional.ipynb"), name="../../x"), "'name'", "slug")


@pytest.mark.parametrize("key,value", [("efficiency_method", "magic"), ("category_scale", "tiga"), ("lang", "fr")])
def test_unknown_choice_is_refused(pdir: Path, key: str, value: str) -> None:
    refused(agency(pdir, **{key: value}), f"'{key}'", repr(value), "pilihan")


@pytest.mark.parametrize("year_yaml", ['"2020"', "2020.0", "2020-01-01", "true", "[2020]"])
def test_year_must_be_an_int(pdir: Path, year_yaml: str) -> None:
    path = write(pdir, "y", f"notebook: {NOTEBOOKS / 'ok.ipynb'}\nagency_id: dinas-a\nyear: {year_yaml}\n")
    refused(path, "'year'", "bilangan bulat")


def test_unknown_notebook_is_refused(pdir: Path) -> None:
    refused(agency(pdir, notebook="laporan_ajaib"), "'notebook'", "laporan_ajaib", "agency_report")


def test_missing_notebook_file_is_refused(pdir: Path) -> None:
    refused(agency(pdir, notebook="tidak-ada.ipynb"), "notebook tidak ditemukan")


def test_missing_required_key(pdir: Path) -> None:
    refused(agency(pdir, year=None), "'year'", "wajib")


@pytest.mark.parametrize("text,fragment", [
    ("- a\n- b\n", "pemetaan"),
    ("", "kosong"),
    ("agency_id: [unclosed\n", "YAML tidak valid"),
    ("agency_id: dinas-a\nagency_id: dinas-b\nyear: 2020\n", "dua kali"),
])
def test_malformed_yaml(pdir: Path, text: str, fragment: str) -> None:
    refused(write(pdir, "bad", text), fragment)


def test_missing_file(pdir: Path) -> None:
    refused(pdir / "nope.yaml", "tidak ditemukan")


# --------------------------------------------------------------------------- refusals against the dataset


def test_unknown_agency(pdir: Path) -> None:
    refused(agency(pdir, agency_id="dinas-z"), "'agency_id'", "dinas-z", "dinas-a, dinas-b", validate=True)


def test_year_not_in_dataset(pdir: Path) -> None:
    refused(agency(pdir, agency_id="dinas-b", year=2020), "'year'", "2020", "tahun tersedia: 2019", validate=True)


def test_dataset_path_missing(pdir: Path) -> None:
    refused(agency(pdir, dataset="../tidak-ada"), "'dataset'", "tidak ditemukan", validate=True)


def test_two_files_writing_the_same_report(pdir: Path) -> None:
    first, second = agency(pdir, "a"), agency(pdir, "b")
    with pytest.raises(ParamsError) as info:
        validate_params([first, second])
    assert str(second) in str(info.value) and str(first) in str(info.value)


def test_every_refused_file_is_listed_and_pickles(pdir: Path) -> None:
    bad_key, bad_agency = agency(pdir, "k", colour="red"), agency(pdir, "z", agency_id="dinas-z")
    with pytest.raises(ParamsErrors) as info:
        validate_params([bad_key, agency(pdir, "y", year="2020")])
    assert len(info.value.errors) == 2
    clone = pickle.loads(pickle.dumps(info.value))
    assert str(clone) == str(info.value) and str(bad_key) in str(clone)
    with pytest.raises(ParamsError):
        validate_params([bad_agency])


def test_each_dataset_loaded_once(pdir: Path, monkeypatch) -> None:
    from lkjip_analysis.io import loaders

    calls = []
    real = loaders.load_dataset
    monkeypatch.setattr(loaders, "load_dataset", lambda path=None: calls.append(path) or real(path))
    validate_params([agency(pdir, "a"), agency(pdir, "b", year=2019), agency(pdir, "c", agency_id="dinas-b",
                                                                             year=2019)])
    assert len(calls) == 1


def test_validate_accepts_loaded_params(pdir: Path) -> None:
    p = load_params(agency(pdir))
    assert isinstance(p, ReportParams) and p.agency_name is None
    assert validate_params([p])[0].agency_name == "Dinas Sosial Kota A"


def test_refused_before_any_kernel_starts(pdir: Path, tmp_path: Path, monkeypatch) -> None:
    from lkjip_analysis.run import runner

    events: list[str] = []
    real_check = runner.check_params

    def check(*args, **kwargs):
        events.append("checked")
        return real_check(*args, **kwargs)

    def execute(job):
        events.append(f"kernel for {job.params.key}")
        return runner.ReportResult(job.params, runner.STATUS_FAILED, "", 0.0, error="(uji)")

    monkeypatch.setattr(runner, "check_params", check)
    monkeypatch.setattr(runner, "execute_report", execute)
    out = tmp_path / "out"
    # only bad files: nothing runs, nothing is written
    with pytest.raises(ParamsError) as info:
        runner.run_reports([agency(pdir, "bad", agency_id="../evil")], output_dir=out, workers=1, progress=False)
    assert "bad.yaml" in str(info.value) and events == ["checked"] and not out.exists()
    # a bad file among good ones is refused before any kernel starts; the good one still runs
    events.clear()
    summary = runner.run_reports([agency(pdir, "good"), agency(pdir, "bad", agency_id="../evil")], output_dir=out,
                                 workers=1, progress=False)
    assert events == ["checked", "kernel for dinas-a/2020"]
    assert [str(e.file).endswith("bad.yaml") for e in summary.refused] == [True]
    assert summary.exit_code == 1 and "DITOLAK" in summary.format() and "bad.yaml" in summary.format()


def test_check_params_keeps_the_good_files(pdir: Path, tmp_path: Path, mini_dir: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(mini_dir, broken)
    with open(broken / "performance.csv", "a", encoding="utf-8") as handle:
        handle.write("dinas-a,s1-i1,2020,Q9,1,,1,,x,fixture,1\n")
    files = [agency(pdir, "good"), agency(pdir, "typo", colour="merah"), agency(pdir, "year", year=1999),
             agency(pdir, "data", dataset=str(broken))]
    accepted, refused = check_params(files)
    assert [p.key for p in accepted] == ["dinas-a/2020"]
    assert sorted(Path(e.file).name for e in refused) == ["data.yaml", "typo.yaml", "year.yaml"]
    data = next(e for e in refused if str(e.file).endswith("data.yaml"))
    assert "tidak valid" in data.message and "'Q9'" in data.message and isinstance(data.__cause__, DatasetError)
    with pytest.raises(DatasetError):  # all or nothing: the dataset's own error
        validate_params(files[3:])


def test_find_params_files_errors(tmp_path: Path) -> None:
    with pytest.raises(ParamsError, match="tidak ditemukan"):
        find_params_files(tmp_path / "nope")
    with pytest.raises(ParamsError, match="tidak ada berkas"):
        find_params_files(tmp_path)


def test_rows_estimate_the_report_cost_for_scheduling() -> None:
    """``rows``: the agency's rows over every table of the embedded dataset, counted here with csv."""
    import csv

    from lkjip_analysis.config import PACKAGE_DIR, PARAMS_DIR

    counts: dict[str, int] = {}
    total = 0
    for path in (PACKAGE_DIR / "data").glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        total += len(rows)
        if path.stem != "agencies" and rows and "agency_id" in rows[0]:
            for row in rows:
                counts[row["agency_id"]] = counts.get(row["agency_id"], 0) + 1
    checked = {p.key: p for p in validate_params(sorted(PARAMS_DIR.glob("*.yaml")))}
    for key, p in checked.items():
        expected = total if p.is_regional else counts[p.agency_id]
        assert p.rows == expected > 0, key


def test_new_agency_writes_the_dataset_path_relative_to_the_params_file(tmp_path, monkeypatch) -> None:
    """``--dataset data/`` from the working folder is written ``../data`` in params/x.yaml, and read back there."""
    import shutil

    from lkjip_analysis.run.params import default_params_dir, load_params, write_agency_params

    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "mini", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert default_params_dir() == tmp_path / "params"
    path = write_agency_params("dinas-a", 2020, dataset="data/")
    assert path == tmp_path / "params" / "dinas-a-2020.yaml"
    assert "dataset: ../data\n" in path.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path / "params")  # any working folder reads the same dataset
    assert load_params(path).dataset == str((tmp_path / "data").resolve())
    assert validate_params([path])[0].agency_id == "dinas-a"

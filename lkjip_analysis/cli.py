"""The ``lkjip`` command: parse arguments, call the library once, print the result.

Only this module configures logging. Errors from the library are printed as one
clear message (exit 1 for data problems, 2 for bad usage); no bare tracebacks.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pandas as pd

from . import i18n
from .exceptions import DatasetError, LkjipError

OUTPUT_FORMATS = ("table", "csv", "json")

#: Environment variable choosing the language of what the command prints (``id`` or ``en``; ``--lang``).
ENV_LANG = "LKJIP_LANG"


def cli_lang() -> str:
    """The language of the command's messages: ``lkjip --lang``, else ``$LKJIP_LANG``, else Indonesian."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    if root is not None and isinstance(root.obj, dict) and root.obj.get("lang"):
        return root.obj["lang"]
    return i18n.check_lang(os.environ.get(ENV_LANG) or None)


def _t(key: str, /, **fields: object) -> str:
    """The CLI's text ``key`` in :func:`cli_lang`."""
    return i18n.t(key, cli_lang(), **fields)


def _error_line(exc: LkjipError) -> str:
    return _t("cli.error", message=exc.render(cli_lang()))


class LangFormatter(logging.Formatter):
    """A log formatter printing the package's log lines (:class:`~lkjip_analysis.i18n.Message`) in ``lang``.

    >>> record = logging.LogRecord("lkjip", logging.INFO, __file__, 1, i18n.message("log.unchanged", n=3), None, None)
    >>> LangFormatter("%(message)s", lang="en").format(record)
    '3 reports unchanged (same key, files complete); skipped'
    """

    def __init__(self, fmt: str | None = None, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__(fmt)
        self.lang = i18n.check_lang(lang)

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.msg, i18n.Message) and not record.args:
            record = logging.makeLogRecord({**record.__dict__, "msg": record.msg.render(self.lang)})
        return super().format(record)


def _handle_errors(func: Callable) -> Callable:
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DatasetError as exc:
            click.echo(exc.render(cli_lang()), err=True)
            sys.exit(1)
        except LkjipError as exc:
            click.echo(_error_line(exc), err=True)
            sys.exit(2 if isinstance(exc, ValueError) else 1)

    return wrapper


def emit(frame: pd.DataFrame, fmt: str) -> None:
    """Print a frame as an aligned table, CSV or JSON records."""
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(json.loads(frame.to_json(orient="records", force_ascii=False)), ensure_ascii=False,
                              indent=1))
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250,
                               "display.max_colwidth", 48):
            click.echo(frame.to_string(index=False) if len(frame) else _t("cli.no_rows"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Tampilkan log (-v info, -vv debug).")
@click.option("--lang", "lang", type=click.Choice(["id", "en"], case_sensitive=False), envvar=ENV_LANG,
              default="id", show_default=True, show_envvar=True,
              help="Bahasa pesan, ringkasan dan galat yang dicetak perintah (id | en).")
@click.version_option(package_name="lkjip-analysis")
@click.pass_context
def main(ctx: click.Context, verbose: int, lang: str) -> None:
    """Analisis LKjIP: capaian kinerja, efisiensi anggaran, tren, PMKS dan laporan."""
    ctx.obj = {**(ctx.obj or {}), "lang": lang.lower()}
    level = logging.WARNING - 10 * min(verbose, 2)
    handler = logging.StreamHandler()
    handler.setFormatter(LangFormatter("%(levelname)s %(name)s: %(message)s", lang=lang.lower()))
    logging.basicConfig(level=level, handlers=[handler])


@main.command()
@click.argument("path", type=click.Path())
@_handle_errors
def validate(path: str) -> None:
    """Periksa dataset PATH (folder CSV atau workbook .xlsx/.ods); tampilkan semua masalah dan yang dinormalisasi."""
    from .io.loaders import read_dataset
    from .model.normalize import Notes

    notes = Notes()
    ds, problems = read_dataset(path, notes)
    _echo_notes(notes.frame(), notes.warnings, err=bool(problems))
    if problems:
        click.echo(_t("cli.problems_found", path=path, n=len(problems)), err=True)
        for p in problems:
            click.echo(f"  - {p.render(cli_lang())}", err=True)
        sys.exit(1)
    counts = ", ".join(f"{k} {len(v)}" for k, v in ds.tables.items() if len(v))
    click.echo(_t("cli.validate_ok", path=path, n=len(ds.agencies), counts=counts))


def _echo_notes(changes: pd.DataFrame, warnings: list, err: bool = False) -> None:
    """Print what was normalised (per sheet and column, with counts) and the warnings."""
    from .model.normalize import format_changes

    if len(changes):
        click.echo(_t("cli.normalised", n=len(changes)), err=err)
        for line in format_changes(changes, cli_lang()):
            click.echo(f"  - {line}", err=err)
    if warnings:
        click.echo(_t("cli.warnings", n=len(warnings)), err=True)
        for w in warnings:
            click.echo(f"  - {i18n.render(w, cli_lang())}", err=True)


def _dataset_option(func: Callable) -> Callable:
    return click.option("--dataset", "dataset", type=click.Path(), default=None,
                        help="Folder dataset atau workbook .xlsx (bawaan: dataset contoh tertanam).")(func)


@main.command("capaian")
@_dataset_option
@click.option("--agency", default=None, help="agency_id, mis. dinsos-kota-banjarbaru.")
@click.option("--year", type=int, default=None, help="Tahun.")
@click.option("--scale", default="banjarbaru", show_default=True, help="Skala kategori: banjarbaru | permendagri86.")
@click.option("--lower-method", default="standard", show_default=True,
              type=click.Choice(["standard", "ratio"]), help="Rumus indikator menurun (lower is better).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@_handle_errors
def capaian_cmd(dataset: str | None, agency: str | None, year: int | None, scale: str, lower_method: str,
                fmt: str) -> None:
    """Capaian per indikator dan periode: dihitung vs tercetak di laporan."""
    from .analysis.analysis import capaian_table
    from .io.loaders import load_dataset

    ds = load_dataset(dataset)
    _check_agency(ds, agency)
    table = capaian_table(ds, agency=agency, year=year, scale=scale, method=lower_method)
    cols = ["agency_id", "indicator_id", "indicator", "year", "period", "unit", "target", "realisasi", "capaian",
            "reported_capaian", "kategori"]
    if fmt == "table":
        table = table.assign(indicator=table["indicator"].str.slice(0, 45), capaian=table["capaian"].round(2),
                             target=table["target"].where(table["target"].notna(), table["target_text"]))
    else:
        cols += ["capaian_note", "source", "source_line"]
    emit(table[cols], fmt)


def _check_agency(ds, agency: str | None) -> None:
    if agency is not None and agency not in ds.agency_ids:
        raise click.BadParameter(_t("cli.unknown_agency", agency_id=repr(agency), choices=", ".join(ds.agency_ids)),
                                 param_hint="--agency")


@main.command("run")
@click.argument("params_files", nargs=-1, type=click.Path())
@click.option("--all", "run_all", is_flag=True, help="Jalankan semua params/*.yaml (atau di --params-dir).")
@click.option("--params-dir", type=click.Path(), default=None,
              help="Folder params untuk --all (bawaan: params/ di folder kerja).")
@click.option("--dataset", "dataset", type=click.Path(), default=None,
              help="Folder dataset atau workbook .xlsx; menggantikan dataset di setiap berkas params.")
@click.option("--formats", default="html,pdf", show_default=True, help="Format ekspor, dipisah koma: html, pdf.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Jumlah laporan yang dijalankan bersamaan (bawaan: jumlah inti CPU).")
@click.option("--output-dir", type=click.Path(), default=None,
              help="Folder hasil (bawaan: outputs/ di folder kerja), atau URL fsspec (s3://..., memory://...; perlu "
                   "extra [dask]).")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Tampilkan bilah kemajuan.")
@click.option("--fresh-kernels", is_flag=True,
              help="Mulai kernel baru untuk setiap laporan (bawaan: satu kernel hangat per pekerja, dipakai ulang "
                   "dan dibersihkan di antara laporan).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Jalankan di klaster Dask: alamat scheduler (tcp://host:8786) atau 'local' untuk LocalCluster "
                   "seukuran mesin ini (perlu extra [dask]).")
@click.option("--pdf-engine", type=click.Choice(["auto", "chromium", "weasyprint"], case_sensitive=False),
              default=None, help="Mesin PDF: chromium (cepat; perlu paket chromium-headless-shell), weasyprint, atau "
                                 "auto = chromium bila terpasang, selain itu weasyprint (bawaan: $LKJIP_PDF_ENGINE "
                                 "atau auto).")
@click.option("--force", is_flag=True,
              help="Bangun ulang semua laporan (bawaan: laporan yang masukannya tidak berubah sejak dibangun — "
                   "notebook, params, baris dataset, versi paket, format, mesin PDF — dilewati, berkasnya tidak "
                   "disentuh).")
@_handle_errors
def run_cmd(params_files: tuple[str, ...], run_all: bool, params_dir: str | None, dataset: str | None, formats: str,
            workers: int | None, output_dir: str | None, progress: bool, fresh_kernels: bool,
            scheduler: str | None, pdf_engine: str | None, force: bool) -> None:
    """Jalankan notebook laporan untuk PARAMS_FILE... (atau --all): HTML, PDF, tabel, gambar, index, manifest.

    Laporan yang tidak berubah dilewati (status "unchanged" di manifest); --force membangun semuanya.
    Keluar dengan kode 0 bila semua laporan selesai, 1 bila ada yang gagal (atau tanpa PDF),
    2 bila perintah atau berkas params salah.
    """
    from .exceptions import ParamsError
    from .run.params import find_params_files
    from .run.runner import run_reports, skip_slow_optional_imports

    skip_slow_optional_imports()  # this process only runs reports

    if params_dir is not None and not run_all:
        raise click.UsageError(_t("cli.params_dir_needs_all"))
    if not params_files and not run_all:
        raise click.UsageError(_t("cli.params_or_all"))
    try:
        files = list(params_files) + (find_params_files(params_dir) if run_all else [])
        files = list({Path(f).resolve(): f for f in files}.values())
        output = output_dir if output_dir is not None else str(Path("outputs").resolve())  # outputs/ here
        summary = run_reports(files, dataset=dataset, formats=formats.split(","), workers=workers,
                              output_dir=output, progress=progress, warm_kernels=not fresh_kernels,
                              scheduler=scheduler, pdf_engine=pdf_engine, force=force, lang=cli_lang())
    except ParamsError as exc:
        click.echo(_error_line(exc), err=True)
        sys.exit(2)
    click.echo(summary.format(cli_lang()), err=bool(summary.exit_code))
    sys.exit(summary.exit_code)


@main.command("audit")
@_dataset_option
@click.option("--agency", default=None, help="agency_id.")
@click.option("--year", type=int, default=None, help="Tahun.")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Tampilkan temuan setingkat ini atau lebih berat.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Bahasa pesan temuan (bawaan: bahasa perintah, lkjip --lang / $LKJIP_LANG, yaitu id).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@_handle_errors
def audit_cmd(dataset: str | None, agency: str | None, year: int | None, severity: str | None, lang: str | None,
              fmt: str) -> None:
    """Hitung ulang setiap angka tercetak dan tampilkan yang tidak cocok (exit 0 walau ada temuan)."""
    from .checks.audit import audit
    from .io.loaders import load_dataset

    ds = load_dataset(dataset)
    _check_agency(ds, agency)
    findings = audit(ds, agency=agency, year=year, severity=severity, lang=lang or cli_lang())
    if fmt == "table":
        shown = findings[["agency_id", "year", "severity", "rule", "source_line", "message"]].copy()
        shown["message"] = shown["message"].str.slice(0, 110)
        emit(shown, fmt)
        counts = findings["severity"].value_counts()
        click.echo(_t("cli.audit_counts", n=len(findings), error=counts.get("error", 0),
                      warning=counts.get("warning", 0), info=counts.get("info", 0)))
    else:
        emit(findings, fmt)


@main.command("template")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--agency-id", default=None, help="agency_id instansi baru (slug).")
@click.option("--name", default=None, help="Nama instansi.")
@click.option("--level", type=click.Choice(["provinsi", "kabupaten", "kota"]), default=None)
@click.option("--province", default=None, help="Provinsi.")
@_handle_errors
def template_cmd(out: str, agency_id: str | None, name: str | None, level: str | None, province: str | None) -> None:
    """Tulis workbook Excel isian (OUT.xlsx): satu sheet per tabel, daftar pilihan, contoh, petunjuk."""
    from .io.template import write_template

    try:
        path = write_template(out, agency_id=agency_id, name=name, level=level, province=province)
    except ValueError as exc:
        raise click.BadParameter(i18n.render(exc, cli_lang())) from exc
    click.echo(_t("cli.template_written", path=path))


@main.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--into", "into", required=True, type=click.Path(file_okay=False),
              help="Folder dataset CSV tujuan (dibuat, atau digabung bila sudah ada).")
@_handle_errors
def import_cmd(workbook: str, into: str) -> None:
    """Validasi workbook WORKBOOK (.xlsx/.ods) lalu tulis/gabungkan ke folder dataset CSV (kunci ganda ditolak).

    Mencetak apa yang dinormalisasi (per sheet dan kolom, dengan jumlah sel) dan mencatatnya di
    datapackage.json folder tujuan.
    """
    from .io.template import import_workbook

    merged = import_workbook(workbook, into)
    _echo_notes(merged.normalised, merged.warnings)
    click.echo(_t("cli.import_ok", into=into, n=len(merged.agencies),
                  counts=", ".join(f"{k} {len(v)}" for k, v in merged.tables.items() if len(v))))


@main.command("new-agency")
@click.argument("agency_id")
@_dataset_option
@click.option("--year", type=int, required=True, help="Tahun laporan.")
@click.option("--params-dir", type=click.Path(file_okay=False), default=None,
              help="Folder params (bawaan: params/ di folder kerja). Path dataset ditulis relatif terhadap "
                   "folder params, seperti yang dibaca lkjip run.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None)
@click.option("--overwrite", is_flag=True, help="Ganti berkas params yang sudah ada.")
@_handle_errors
def new_agency_cmd(agency_id: str, dataset: str | None, year: int, params_dir: str | None, lang: str | None,
                   overwrite: bool) -> None:
    """Tulis params/<AGENCY_ID>-<YEAR>.yaml setelah memeriksa instansi dan tahun ada di dataset."""
    from .run.params import write_agency_params

    options = {"lang": lang} if lang else {}
    path = write_agency_params(agency_id, year, dataset=dataset, params_dir=params_dir, overwrite=overwrite, **options)
    click.echo(_t("cli.params_written", path=path))


@main.command("synth")
@click.option("--agencies", type=click.IntRange(min=1), required=True, help="Jumlah instansi sintetis.")
@click.option("--years", type=click.IntRange(min=1), required=True, help="Jumlah tahun per instansi.")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder dataset tujuan.")
@click.option("--seed", type=int, default=0, show_default=True, help="Benih acak (hasil sama untuk benih sama).")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True)
@_handle_errors
def synth_cmd(agencies: int, years: int, out: str, seed: int, fmt: str) -> None:
    """Buat dataset SINTETIS (untuk benchmark dan tes saja) dalam format paket ini."""
    from .io.synth import write_synthetic

    ds = write_synthetic(out, agencies=agencies, years=years, seed=seed, fmt=fmt)
    click.echo(_t("cli.synth_written", out=out, counts=", ".join(f"{k} {len(v)}" for k, v in ds.tables.items())))



def _crosswalk_option(func: Callable) -> Callable:
    return click.option("--crosswalk", "crosswalk", type=click.Path(dir_okay=False), default=None,
                        help="Berkas crosswalk instansi (CSV: agency_id, indicator_id, measure[, confidence, note]); "
                             "menggantikan peta tertanam dan aturan nama.")(func)


@main.group("crosswalk")
def crosswalk_group() -> None:
    """Padanan indikator instansi ke ukuran bersama (SPM Bidang Sosial, PSKS, PMKS, IKM, AKIP, serapan)."""


@crosswalk_group.command("measures")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@_handle_errors
def crosswalk_measures_cmd(fmt: str) -> None:
    """Daftar ukuran bersama: id, nama, satuan, polaritas, definisi, sumber."""
    from .compare.crosswalk import MEASURE_COLUMNS, measures

    emit(measures()[MEASURE_COLUMNS if fmt != "table" else ["id", "name_id", "unit", "polarity", "source"]], fmt)


@crosswalk_group.command("suggest")
@_dataset_option
@_crosswalk_option
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="Pemetaan dengan keyakinan di bawah ini ikut didaftar.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Tulis daftar sebagai CSV berformat berkas crosswalk: isi kolom measure, lalu pakai --crosswalk.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True)
@_handle_errors
def crosswalk_suggest_cmd(dataset: str | None, crosswalk: str | None, threshold: float, out: str | None,
                          fmt: str) -> None:
    """Indikator tanpa ukuran bersama atau dengan keyakinan rendah, beserta kandidat terbaiknya."""
    from .compare.crosswalk import suggest
    from .io.atomic import atomic_write_text
    from .io.loaders import load_dataset

    table = suggest(load_dataset(dataset), crosswalk, threshold=threshold)
    if out is not None:
        try:
            atomic_write_text(out, table.to_csv(index=False))
        except OSError as exc:
            click.echo(_t("cli.error", message=_t("cli.cannot_write", path=out, detail=exc.strerror or exc)), err=True)
            sys.exit(1)
        click.echo(_t("cli.suggest_written", n=len(table), out=out), err=True)
        return
    if fmt == "table":
        table = table.assign(indicator=table["indicator"].str.slice(0, 45))[
            ["agency_id", "indicator_id", "indicator", "unit", "status", "current_measure", "candidates"]]
    emit(table, fmt)
    pending = int((table["status"] != "diputuskan: tidak ada ukuran").sum()) if len(table) else 0
    click.echo(_t("cli.suggest_pending", n=len(table), pending=pending), err=True)


@main.command("panel")
@_dataset_option
@_crosswalk_option
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True,
              help="Berkas hasil: panel.parquet, panel.csv atau panel.dta (Stata).")
@click.option("--scale", default="banjarbaru", show_default=True, help="Skala kategori: banjarbaru | permendagri86.")
@click.option("--lower-method", default="standard", show_default=True,
              type=click.Choice(["standard", "ratio"]), help="Rumus indikator menurun (lower is better).")
@_handle_errors
def panel_cmd(dataset: str | None, crosswalk: str | None, out: str, scale: str, lower_method: str) -> None:
    """Panel lintas instansi: satu baris per instansi × tahun × periode × indikator (Parquet, CSV, Stata)."""
    from .compare.panel import panel, panel_format, write_panel
    from .io.loaders import load_dataset

    try:
        panel_format(out)
    except LkjipError as exc:
        raise click.BadParameter(exc.render(cli_lang()), param_hint="--out") from exc
    frame = panel(load_dataset(dataset), crosswalk=crosswalk, scale=scale, method=lower_method)
    try:
        write_panel(frame, out, lang=cli_lang())
    except OSError as exc:
        click.echo(_t("cli.error", message=_t("cli.cannot_write", path=out, detail=exc.strerror or exc)), err=True)
        sys.exit(1)
    mapped = int(frame["measure"].notna().sum())
    click.echo(_t("cli.panel_written", out=out, rows=len(frame), agencies=frame["agency_id"].nunique(), mapped=mapped))

@main.command("extract")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("--agency-id", required=True, help="agency_id instansi di draf (slug, mis. dinsos-kota-banjarbaru).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Workbook draf tujuan (.xlsx).")
@click.option("--pages", default=None, help="Halaman PDF yang dibaca, mis. 30-45 atau 3,5,7-9 (bawaan: semua).")
@click.option("--year", type=int, default=None, help="Tahun laporan untuk tabel tanpa tahun (bawaan: dari judul).")
@click.option("--name", default=None, help="Nama instansi (bawaan: dari sampul/judul dokumen).")
@click.option("--level", type=click.Choice(["provinsi", "kabupaten", "kota"]), default=None,
              help="Tingkat pemerintahan (bawaan: dari sampul/judul).")
@click.option("--province", default=None, help="Provinsi (bawaan: dari dokumen).")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Bilah kemajuan halaman PDF.")
@_handle_errors
def extract_cmd(document: str, agency_id: str, out: str, pages: str | None, year: int | None, name: str | None,
                level: str | None, province: str | None, progress: bool) -> None:
    """Baca tabel DOCUMENT (PDF, DOCX, teks/Markdown) ke draf workbook OUT.xlsx dengan sheet review."""
    from .io.extract import extract

    if not out.lower().endswith((".xlsx", ".xlsm")):
        raise click.BadParameter(_t("cli.expected_xlsx", out=repr(out)), param_hint="--out")
    result = extract(document, agency_id=agency_id, pages=pages, year=year, name=name, level=level,
                     province=province, progress=progress, lang=cli_lang())
    path = result.to_excel(out)
    for line in result.summary():
        click.echo(line)
    click.echo(_t("cli.draft_written", path=path))


if __name__ == "__main__":  # pragma: no cover
    main()

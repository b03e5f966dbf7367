"""Every error message a user can meet exists in both languages, by i18n key.

- The ``ast`` scan: no error class of the package is given a literal or f-string message; a message is
  made from a key (``LkjipError.from_key`` / ``from_parts``, an :class:`~lkjip_analysis.i18n.Message`),
  so ``error.render("en")`` is English. Shown to fail on made-up code.
- Real errors (a bad params file, an unknown notebook, bad ``--pages``, a file that is not a PDF, an
  unknown format, ...) read in Indonesian as before, and in English with ``render("en")``.
- The same scan for the log lines (``logger.info(...)``, ``lkjip -v``): a message from a key
  (``i18n.message``), which the ``lkjip`` command prints in ``--lang``.
- The same scan for the other texts a user reads: what a dataset :class:`~lkjip_analysis.exceptions.Problem`
  says was ``expected`` (also through helpers taking an ``expected`` argument) and the ``note`` of a
  recorded normalisation (``Notes.change``): a literal, an f-string or a module constant of words fails.
"""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

import lkjip_analysis
from lkjip_analysis import i18n
from lkjip_analysis.exceptions import ExtractionError, LkjipError, ParamsError, ParamsErrors

PACKAGE = Path(lkjip_analysis.__file__).parent
WORD = re.compile(r"[A-Za-z]{2,}")

#: Error classes whose constructor takes data, not a message (the class writes its text from i18n keys).
STRUCTURED = {"UnknownMethodError", "DatasetError", "PanelFormatError", "ParamsErrors"}
#: The argument holding the text for classes whose message is not their first argument.
MESSAGE_ARG = {"NumberParseError": 1, "GarbledNumberError": 1}
#: ``(file, class)`` allowed a literal message, and why. Kept empty: a third-party text (an exception's
#: message, a kernel's ``ename: evalue``) is a field of a keyed message, or a message with no words of ours.
ALLOWED_LITERAL_MESSAGES: dict[tuple[str, str], str] = {}


def error_classes(sources: dict[str, str]) -> set[str]:
    """Names of the classes deriving (through any chain of the package's classes) from LkjipError."""
    bases: dict[str, set[str]] = {}
    for source in sources.values():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    found = {"LkjipError"}
    while grown := {name for name, b in bases.items() if name not in found and b & found}:
        found |= grown
    return found


def has_words(node: ast.AST) -> bool:
    """Whether an expression writes words of its own: a literal, an f-string's literal parts, ``+``, ``.format``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(has_words(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return has_words(node.left) or has_words(node.right)
    if isinstance(node, ast.IfExp):
        return has_words(node.body) or has_words(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return has_words(node.func.value)
    return False


def literal_messages(sources: dict[str, str]) -> list[str]:
    """``file:line: Class`` of every error of the package made with a message of literal words."""
    classes = error_classes(sources) - STRUCTURED
    found = []
    for name, source in sorted(sources.items()):
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in classes):
                continue
            cls = node.func.id
            at = MESSAGE_ARG.get(cls, 0)
            texts = node.args[at:at + 1] + [k.value for k in node.keywords if k.arg in ("message", "reason")]
            if any(has_words(t) for t in texts) and (name, cls) not in ALLOWED_LITERAL_MESSAGES:
                found.append(f"{name}:{node.lineno}: {cls}")
    return found


#: Parameters holding a user text that must come from an i18n key, besides error messages: ``expected``
#: of any function (``Problem`` and the helpers making one), ``note`` of a function whose name ends in
#: ``change`` (``Notes.change`` and the validator's ``default_change``).
TEXT_PARAMETERS = ("expected", "note")


def text_arguments(sources: dict[str, str]) -> dict[str, tuple[str, int]]:
    """``{callable: (parameter, position in a call)}`` of the package's callables taking a user text."""
    found = {"Problem": ("expected", 4)}  # a dataclass: (file, row, column, value, expected)
    for source in sources.values():
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            names = [a.arg for a in node.args.posonlyargs + node.args.args]
            names = names[1:] if names[:1] in (["self"], ["cls"]) else names
            for param in TEXT_PARAMETERS:
                if param in names and (param == "expected" or node.name.endswith("change")):
                    found[node.name] = (param, names.index(param))
    return found


def _worded_constants(tree: ast.Module) -> set[str]:
    """Module-level names bound to a text of words (``_INFINITE = "angka terhingga ..."``)."""
    return {t.id for node in tree.body if isinstance(node, ast.Assign) and has_words(node.value)
            for t in node.targets if isinstance(t, ast.Name)}


def literal_texts(sources: dict[str, str]) -> list[str]:
    """``file:line: callable`` of every expected text / note of the package written as literal words."""
    callables = text_arguments(sources)
    found = []
    for name, source in sorted(sources.items()):
        tree = ast.parse(source)
        constants = _worded_constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            callee = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if callee not in callables:
                continue
            param, at = callables[callee]
            texts = node.args[at:at + 1] + [k.value for k in node.keywords if k.arg == param]
            if any(has_words(t) or (isinstance(t, ast.Name) and t.id in constants) for t in texts):
                found.append(f"{name}:{node.lineno}: {callee}")
    return found


def package_sources() -> dict[str, str]:
    return {p.relative_to(PACKAGE).as_posix(): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_error_of_the_package_is_made_with_a_literal_message():
    sources = package_sources()
    classes = error_classes(sources)
    # the scan knows the classes defined outside exceptions.py too
    assert {"ParamsError", "ExtractionError", "PageRangeError", "ChromiumCrashedError", "KernelCallError",
            "PanelFormatError", "WeasyPrintMissingError"} <= classes
    assert literal_messages(sources) == []
    assert all(Path(PACKAGE, f).is_file() for f, _ in ALLOWED_LITERAL_MESSAGES)


def test_the_scan_finds_literal_and_f_string_messages():
    made_up = {
        "exceptions.py": "class LkjipError(Exception): ...\nclass FileError(LkjipError): ...\n"
                         "class PageError(FileError, ValueError): ...\nclass NumberParseError(LkjipError): ...\n",
        "reader.py": (
            "def read(path, pages, exc):\n"
            "    raise FileError('berkas tidak ditemukan', path)\n"                       # 2: a literal
            "    raise PageError(f'halaman {pages} kosong', path)\n"                      # 3: an f-string
            "    errors.append(FileError('; '.join(['a', 'b'])))\n"                       # 4: no words of ours
            "    raise FileError('tidak ada ' + str(pages))\n"                            # 5: concatenation
            "    raise FileError.from_key('extract.not_found', path)\n"                   # 6: keyed
            "    raise FileError(f'{type(exc).__name__}: {exc}')\n"                       # 7: only third-party text
            "    raise NumberParseError(text, 'nilai boolean')\n"                         # 8: its reason
            "    raise NumberParseError(text, i18n.message('number.boolean'))\n"          # 9: keyed reason
        ),
    }
    assert literal_messages(made_up) == ["reader.py:2: FileError", "reader.py:3: PageError",
                                         "reader.py:5: FileError", "reader.py:8: NumberParseError"]


def test_no_expected_text_or_note_of_the_package_is_literal():
    sources = package_sources()
    callables = text_arguments(sources)
    # the scan knows the helpers: the validator's _problem and default_change, and Notes.change
    assert callables["_problem"] == ("expected", 4) and callables["change"] == ("note", 7)
    assert callables["default_change"] == ("note", 3)
    assert literal_texts(sources) == []


def test_the_scan_finds_literal_expected_texts_and_notes():
    made_up = {
        "exceptions.py": "class Problem: ...\n",
        "normalize.py": ("class Notes:\n"
                         "    def change(self, table, file, column, kind, original, canonical, count, note=''):\n"
                         "        ...\n"),
        "validation.py": (
            "_INFINITE = 'angka terhingga'\n"                                                      # 1
            "_KEYED = message('problem.infinite')\n"                                              # 2
            "def _problem(raw, row, column, value, expected):\n"                                  # 3
            "    return Problem(raw.label, row, column, value, expected)\n"                       # 4: passed on
            "def check(raw, path, name, notes, exc):\n"                                           # 5
            "    Problem(path, None, None, None, 'berkas tidak ditemukan')\n"                     # 6: literal
            "    Problem(path, 2, 'target', '7x5', f'angka ({name}) yang sah')\n"                 # 7: f-string
            "    Problem(path, 2, 'target', 'teks sel', message('problem.number', type=name))\n"  # 8: keyed
            "    Problem(file=path, row=1, column=None, value=None, expected='kolom wajib')\n"    # 9: keyword
            "    _problem(raw, 1, name, None, 'kolom wajib ' + name)\n"                           # 10: a helper
            "    _problem(raw, 1, name, None, _INFINITE)\n"                                       # 11: constant
            "    _problem(raw, 1, name, None, _KEYED)\n"                                          # 12: keyed
            "    notes.change(name, path, 'x', 'bawaan', '', 'v', 3, 'nama berkas')\n"            # 13: a note
            "    notes.change(name, path, 'x', 'bawaan', '', 'v', 3, note=message('note.file_name'))\n"  # 14
            "    notes.change(name, path, 'x', 'nilai', 'Naik', 'higher', 2)\n"                   # 15: no note
            "    Problem(path, None, None, None, message('problem.utf8', reason=f'{exc}'))\n"     # 16: keyed
        ),
    }
    assert literal_texts(made_up) == ["validation.py:6: Problem", "validation.py:7: Problem",
                                      "validation.py:9: Problem", "validation.py:10: _problem",
                                      "validation.py:11: _problem", "validation.py:13: change"]


# ------------------------------------------------------------------ real errors, both languages


def _raised(call, *args, **kwargs) -> LkjipError:
    with pytest.raises(LkjipError) as caught:
        call(*args, **kwargs)
    return caught.value


def _params(tmp_path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_params_file_errors_in_both_languages(tmp_path):
    from lkjip_analysis.run.params import load_params

    path = _params(tmp_path, "notebook: laporan_rahasia\nagency_id: dinsos-kota-banjarbaru\nyear: 2020\n")
    error = _raised(load_params, path)
    assert isinstance(error, ParamsError) and error.file == str(path)
    assert str(error) == (f"{path}: kunci 'notebook': 'laporan_rahasia' tidak dikenal; pilihan: agency_report, "
                          "regional_comparison atau path ke berkas .ipynb")
    assert error.render("en") == (f"{path}: key 'notebook': 'laporan_rahasia' is unknown; choices: agency_report, "
                                  "regional_comparison or a path to an .ipynb file")

    empty = _raised(load_params, _params(tmp_path, "", "empty.yaml"))
    assert str(empty).endswith(": berkas params kosong") and empty.render("en").endswith(": the params file is empty")
    missing = _raised(load_params, tmp_path / "none.yaml")
    assert missing.render("en") == f"{tmp_path / 'none.yaml'}: params file not found"
    twice = _raised(load_params, _params(tmp_path, "year: 2020\nyear: 2021\n", "twice.yaml"))
    assert str(twice).endswith(": YAML tidak valid: kunci 'year' ditulis dua kali (baris 2)")
    assert twice.render("en").endswith(": invalid YAML: key 'year' is written twice (line 2)")


def test_several_problems_of_one_file_are_joined_in_either_language(tmp_path):
    from lkjip_analysis.run.params import load_params

    path = _params(tmp_path, "agency_id: Dinas Sosial\nyear: dua ribu\nwarna: merah\n")
    error = _raised(load_params, path)
    # the problems in the order of the notebook's keys (agency_id before year), the unknown key first
    allowed = "notebook, agency_id, year, notebook_path, category_scale, efficiency_method, lang, dataset"
    assert str(error) == (
        f"{path}: kunci tidak dikenal 'warna' untuk notebook agency_report; kunci yang boleh: {allowed}; "
        "kunci 'agency_id': 'Dinas Sosial' bukan slug yang sah (huruf kecil, angka, tanda hubung; tanpa '/', '..' "
        "atau spasi); kunci 'year': harus bilangan bulat (mis. 2020), bukan 'dua ribu'")
    assert error.render("en") == (
        f"{path}: unknown key 'warna' for notebook agency_report; allowed keys: {allowed}; "
        "key 'agency_id': 'Dinas Sosial' is not a valid slug (lower-case letters, digits, hyphens; no '/', '..' or "
        "spaces); key 'year': must be an integer (e.g. 2020), not 'dua ribu'")
    copy = pickle.loads(pickle.dumps(error))  # refused params cross process boundaries
    assert str(copy) == str(error) and copy.render("en") == error.render("en")


def test_refused_files_of_a_batch_in_both_languages(tmp_path):
    from lkjip_analysis.run.params import check_params

    bad_agency = _params(tmp_path, "agency_id: dinas-tidak-ada\nyear: 2020\n", "a.yaml")
    bad_year = _params(tmp_path, "agency_id: dinsos-kota-banjarbaru\nyear: 1999\n", "b.yaml")
    ok, errors = check_params([bad_agency, bad_year])
    assert ok == [] and len(errors) == 2
    batch = ParamsErrors(errors)
    assert str(batch).splitlines()[0] == "2 berkas params ditolak:"
    assert batch.render("en").splitlines()[0] == "2 params files refused:"
    assert "key 'agency_id': 'dinas-tidak-ada' is not in dataset (embedded); choices: " in batch.render("en")
    assert "kunci 'agency_id': 'dinas-tidak-ada' tidak ada di dataset (tertanam); pilihan: " in str(batch)
    # Banjarbaru's LKjIP 2020 prints its indicators for 2018, 2019 and 2020 (the embedded dataset's years)
    assert batch.errors[1].render("en") == (f"{bad_year}: key 'year': 1999 is not in the dataset for "
                                            "dinsos-kota-banjarbaru; years available: 2018, 2019, 2020")


def test_run_option_errors_in_both_languages():
    from lkjip_analysis.run.export import check_pdf_engine
    from lkjip_analysis.run.runner import run_reports

    fmt = _raised(run_reports, ["x.yaml"], formats=["html", "docx"])
    assert str(fmt) == "format tidak dikenal: docx; pilihan: html, pdf"
    assert fmt.render("en") == "unknown format: docx; choices: html, pdf"
    engine = _raised(check_pdf_engine, "wkhtmltopdf")
    assert engine.render("en") == "unknown PDF engine: 'wkhtmltopdf'; choices: auto, chromium, weasyprint"
    assert _raised(run_reports, [], formats=["html"]).render("en") == "no params file to run"


def test_extraction_errors_in_both_languages(tmp_path):
    from lkjip_analysis.io.extract import extract
    from lkjip_analysis.io.extract.api import parse_pages

    pages = _raised(parse_pages, "45-30")
    assert isinstance(pages, ExtractionError)
    assert str(pages) == "--pages '45-30' tidak sah: yang diharapkan mis. 30-45 atau 3,5,7-9"
    assert pages.render("en") == "--pages '45-30' is not valid: expected e.g. 30-45 or 3,5,7-9"

    fake = tmp_path / "laporan.pdf"
    fake.write_text("bukan pdf", encoding="utf-8")
    not_pdf = _raised(extract, fake, agency_id="dinas-a")
    assert str(not_pdf) == f"{fake}: bukan PDF (isi berkas tidak diawali %PDF); yang diharapkan: dokumen PDF"
    assert not_pdf.render("en") == f"{fake}: not a PDF (the content does not start with %PDF); expected: a PDF document"

    sheet = tmp_path / "laporan.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0")
    kind = _raised(extract, sheet, agency_id="dinas-a")
    assert kind.render("id") == (f"{sheet}: jenis berkas '.xls' tidak dikenal; yang diharapkan: .pdf, .docx, .txt "
                                 "atau .md")
    assert kind.render("en") == f"{sheet}: unknown file type '.xls'; expected: .pdf, .docx, .txt or .md"
    bare = tmp_path / "LAPORAN"
    bare.write_text("x", encoding="utf-8")
    assert _raised(extract, bare, agency_id="dinas-a").render("en").endswith("unknown file type '(no extension)'; "
                                                                             "expected: .pdf, .docx, .txt or .md")
    slug = _raised(extract, fake, agency_id="Dinas A")
    assert slug.render("en").startswith("agency_id 'Dinas A' must be a slug")


def test_pdf_reader_errors_in_both_languages(tmp_path):
    from lkjip_analysis.io.extract.pdf import parse_pages, read_pdf

    outside = _raised(parse_pages, "3-5", 4, "renstra.pdf")
    assert str(outside) == "renstra.pdf: halaman 5 di luar dokumen (dokumen ini 4 halaman: 1-4)"
    assert outside.render("en") == "renstra.pdf: pages 5 are outside the document (it has 4 pages: 1-4)"
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    zero = _raised(read_pdf, empty)
    assert str(zero) == "kosong.pdf: berkas kosong (0 bita), bukan PDF"
    assert zero.render("en") == "kosong.pdf: empty file (0 bytes), not a PDF"


def test_regional_year_and_number_errors_in_both_languages():
    from lkjip_analysis.model.numbers import parse_number
    from lkjip_analysis.report.regional import setup

    year = _raised(setup, year=1990)
    assert year.render("en").startswith("year 1990: no agency has data for that year; years available: ")
    garbled = _raised(parse_number, "205..778.000")
    assert garbled.render("en").startswith("'205..778.000' is not a valid number: ")
    assert str(garbled).startswith("'205..778.000' bukan angka yang sah: ")


def test_a_message_field_that_is_an_error_is_rendered_in_the_same_language():
    inner = ParamsError.from_key("run.workers", workers=0)
    outer = ParamsError.from_key("params.dataset_invalid", "x.yaml", dataset=i18n.message("params.embedded"),
                                 error=inner)
    assert str(outer) == "x.yaml: dataset (tertanam) tidak valid: --workers harus minimal 1, bukan 0"
    assert outer.render("en") == "x.yaml: dataset (embedded) is invalid: --workers must be at least 1, not 0"


LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}


def literal_log_lines(sources: dict[str, str]) -> list[str]:
    """``file:line: logger.method`` of every log line of the package written as literal words."""
    found = []
    for name, source in sorted(sources.items()):
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOG_METHODS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in ("logger", "log", "logging")
                    and node.args and has_words(node.args[0])):
                found.append(f"{name}:{node.lineno}: {node.func.value.id}.{node.func.attr}")
    return found


def test_no_log_line_of_the_package_is_literal():
    sources = package_sources()
    assert sum(source.count("logger.") for source in sources.values()) >= 15  # the scan has something to see
    assert literal_log_lines(sources) == []


def test_the_scan_finds_literal_log_lines():
    made_up = {"runner.py": (
        "def run(n, exc):\n"
        "    logger.info('%d laporan tidak berubah', n)\n"                        # 2: a literal
        "    logger.warning(f'manifest tidak terbaca ({exc})')\n"                  # 3: an f-string
        "    logger.info(message('log.unchanged', n=n))\n"                         # 4: keyed
        "    logger.debug('%s', exc)\n"                                            # 5: no words of ours
        "    logging.warning('mencoba ' + str(exc))\n"                            # 6: concatenation
    )}
    assert literal_log_lines(made_up) == ["runner.py:2: logger.info", "runner.py:3: logger.warning",
                                          "runner.py:6: logging.warning"]

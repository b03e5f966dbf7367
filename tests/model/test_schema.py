import json
from pathlib import Path

from lkjip_analysis.config import EMBEDDED_DATA_DIR
from lkjip_analysis.model.schema import TABLES, to_datapackage, to_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_data_model_doc_is_in_sync_with_schema():
    assert to_markdown() in (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")


def test_embedded_datapackage_matches_schema():
    shipped = json.loads((EMBEDDED_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    expected = {r["name"]: r["schema"] for r in to_datapackage()["resources"]}
    for res in shipped["resources"]:
        assert res["schema"] == expected[res["name"]], res["name"]
        header = (EMBEDDED_DATA_DIR / res["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == list(TABLES[res["name"]].column_names)


def test_every_table_has_provenance_columns():
    for table in TABLES.values():
        assert table.column_names[-2:] == ("source", "source_line"), table.name

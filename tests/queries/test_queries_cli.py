"""``kg query`` wiring: names, files, ad-hoc SPARQL, formats, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.paths import QUERIES_DIR
from kg.queries import discover

runner = CliRunner()
WIDE = {"COLUMNS": "250"}


def kg(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_every_query_with_its_title_and_parameters() -> None:
    code, out, _ = kg("query", "--list")
    assert code == 0
    for name, q in discover().items():
        assert name in out
        assert q.summary[:30] in out
    assert "reference (literal)" in out and "force (iri)" in out


def test_canned_query_as_csv(sample_store_dir: Path) -> None:
    code, out, _ = kg("query", "ncnd-covert", "--store", str(sample_store_dir), "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5 and rows[0]["force"] == "Warwickshire Police"


def test_param_binds_and_piped_output_defaults_to_csv(sample_store_dir: Path) -> None:
    code, out, _ = kg(
        "query", "letter", "--store", str(sample_store_dir), "--param", "reference=992/20"
    )
    assert code == 0
    assert out.startswith("reference,force,fact,key,value,text\n")
    assert "Home Office: pnd-facial-search" in out


def test_json_and_records(sample_store_dir: Path) -> None:
    code, out, _ = kg("query", "coverage", "--store", str(sample_store_dir), "-f", "json")
    assert code == 0 and json.loads(out)["head"]["vars"][0] == "force"
    code, out, _ = kg("query", "coverage", "--store", str(sample_store_dir), "-f", "records")
    assert code == 0 and len(json.loads(out)) == 49


def test_table_and_markdown(sample_store_dir: Path, tmp_path: Path) -> None:
    code, out, _ = kg("query", "requests-by-year", "--store", str(sample_store_dir), "-f", "table")
    assert code == 0 and "undated" in out and "Letters by year" in out
    target = tmp_path / "years.md"
    code, _, err = kg(
        "query", "requests-by-year", "--store", str(sample_store_dir), "-f", "md", "-o", str(target)
    )
    assert code == 0 and "wrote" in err
    assert target.read_text().startswith("| year | letters | forces | ncnd_covert |")


def test_query_file_including_integrity_rules(sample_store_dir: Path) -> None:
    for path in [QUERIES_DIR / "coverage.rq", *sorted((QUERIES_DIR / "integrity").glob("*.rq"))]:
        code, _, err = kg("query", str(path), "--store", str(sample_store_dir), "-f", "csv")
        assert code == 0, (path, err)


def test_ad_hoc_query(sample_store_dir: Path) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/foi-kg/ontology#Response> }"
    code, out, _ = kg("query", text, "--store", str(sample_store_dir), "-f", "csv")
    assert code == 0 and out == "n\n5\n"


def test_ad_hoc_parameter_is_bound(sample_store_dir: Path) -> None:
    text = (
        "PREFIX foi: <https://w3id.org/foi-kg/ontology#>\n"
        "SELECT ?r WHERE { ?r foi:reference ?_ref }"
    )
    code, out, _ = kg("query", text, "-p", "ref=992/20", "--store", str(sample_store_dir))
    assert code == 0 and out.count("\n") == 2
    code, out, _ = kg(
        "query", text, "-p", "ref=x' } ; DROP ALL ; #", "--store", str(sample_store_dir)
    )
    assert code == 0 and out == "r\n"


def test_syntax_error_is_one_line_with_position_exit_2(sample_store_dir: Path) -> None:
    code, out, err = kg("query", "SELECT * WHERE {\n ?s ?p }", "--store", str(sample_store_dir))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "line 2, column" in err


def test_unknown_name_lists_close_names_exit_2() -> None:
    code, _, err = kg("query", "ncnd-covrt")
    assert code == 2 and "ncnd-covert" in err and err.count("\n") == 1


def test_updates_refused_exit_2(sample_store_dir: Path) -> None:
    for text in ("DROP ALL", "INSERT DATA { <http://a> <http://b> <http://c> }", "CLEAR DEFAULT"):
        code, _, err = kg("query", text, "--store", str(sample_store_dir))
        assert code == 2 and "SPARQL Update" in err, text
    code, out, _ = kg("query", "coverage", "--store", str(sample_store_dir), "-f", "records")
    assert sum(r["letters"] for r in json.loads(out)) == 5  # nothing was dropped


def test_bad_params_exit_2(sample_store_dir: Path) -> None:
    code, _, err = kg("query", "letter", "-p", "colour=red", "--store", str(sample_store_dir))
    assert code == 2 and "no parameter 'colour'" in err
    code, _, err = kg("query", "letter", "-p", "reference", "--store", str(sample_store_dir))
    assert code == 2 and "KEY=VALUE" in err
    enum = "#+ params:\n#+   - name: v\n#+     enum: [a, b]\nSELECT * WHERE { ?s ?p ?_v }"
    code, _, err = kg("query", enum, "-p", "v=c", "--store", str(sample_store_dir))
    assert code == 2 and "is not one of a, b" in err


def test_missing_store_and_memory_note(tmp_path: Path) -> None:
    code, _, err = kg("query", "coverage", "--store", str(tmp_path / "none"))
    assert code == 1 and "does not exist" in err
    code, out, err = kg("query", "coverage", "--store", "memory", "-f", "csv")
    assert code == 0 and "in-memory" in err and out.startswith("force,")


def test_bad_endpoint_url_is_an_error() -> None:
    code, _, err = kg("query", "coverage", "--endpoint", "ftp://example.org/sparql")
    assert code == 1 and "http(s) URL" in err

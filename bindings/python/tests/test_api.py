"""The package as an analyst uses it: the README's sample, Decimal points,
sets and sheets, the frames, the docstrings' examples and the README's."""

from __future__ import annotations

import doctest
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

import ocop
import ocop._errors
import ocop._frame
from conftest import EXAMPLES, run


def test_the_readme_sample_is_3_stars_at_74_33(sample):
    card = ocop.score(sample)
    assert card["rating"]["stars"] == 3 and card["rating"]["band"] == 4
    assert card["mean"]["total"] == Decimal("74.33")
    assert isinstance(card["mean"]["A"], Decimal) and str(card["mean"]["A"]) == "33.00"
    assert isinstance(ocop.score(sample, floats=True)["mean"]["total"], float)
    assert "points" not in card["members"][0]
    assert ocop.score(sample, points=True)["members"][0]["points"]["1.1"] == 3
    assert ocop.SAMPLE.strip() == sample


def test_sets_and_every_sheet():
    all_sets = ocop.sets()
    assert [e["edition"]["id"] for e in all_sets] == ["qd1048-2019", "qd1048-781", "qd148-2023", "qd26-2026"]
    for e in all_sets:
        for s in e["sets"]:
            assert ocop.sheet(s["id"], e["edition"]["id"])["id"] == s["id"]
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", ocop.data_version())


def test_docstring_examples_run():
    attempted = 0
    for module in (ocop, ocop._errors, ocop._frame):
        result = doctest.testmod(module, extraglobs={"ocop": ocop}, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
        attempted += result.attempted
    assert attempted >= 20, f"{attempted} examples"


def hand_built(cli_text: str):
    """The frame built by hand from `ocop score`'s JSON, without ocop.frame."""
    pd = pytest.importorskip("pandas")
    rows = []
    for line in cli_text.splitlines():
        c = json.loads(line, parse_float=Decimal)
        row = {
            "id": c["id"],
            "set": c["set"],
            "edition": c["edition"],
            "A": c["mean"]["A"],
            "B": c["mean"]["B"],
            "C": c["mean"]["C"],
            "total": c["mean"]["total"],
            "band": c["rating"]["band"],
            "star": c["rating"]["stars"],
            "status": c["rating"]["status"],
            "failed_minimums": len(c["rating"]["failed_gates"]),
            "error": None,
        }
        row.update(c["meta"])
        rows.append(row)
    return pd.DataFrame(rows)


def test_the_pandas_frame_of_the_2026_example_equals_one_built_by_hand():
    pd = pytest.importorskip("pandas")
    path = EXAMPLES / "dong-thap-2026.jsonl"
    got = ocop.frame(ocop.score_lines(path))
    want = hand_built(run(["score", str(path)]))
    assert len(got) == 56
    pd.testing.assert_frame_equal(got, want)
    assert got["total"].map(type).eq(Decimal).all()
    assert got.groupby("commune").size().sum() == 56


def test_the_frame_keeps_error_records_and_floats_on_request(sample):
    pytest.importorskip("pandas")
    df = ocop.frame(ocop.score_lines([sample, "{", sample], floats=True))
    assert df["error"].isna().tolist() == [True, False, True] and df["error"][1] == "json"
    assert df["id"].isna().tolist() == [False, True, False]
    assert df["total"].dtype == "float64"
    with pytest.raises(ValueError):
        ocop.frame([], backend="excel")


def test_the_polars_frame_has_the_same_rows():
    pl = pytest.importorskip("polars")
    path = EXAMPLES / "dong-thap-2026.jsonl"
    results = list(ocop.score_lines(path))
    got = ocop.frame(results, backend="polars")
    assert isinstance(got, pl.DataFrame)
    want = ocop.frame(results)
    assert got.columns == list(want.columns)
    assert got["id"].to_list() == want["id"].to_list()
    assert [Decimal(str(x)) for x in got["total"].to_list()] == want["total"].tolist()


def test_the_readme_example_runs_as_written(capsys):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python\n")[1].split("```")[0]
    root = Path(__file__).resolve().parents[3]
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "3 74.33" in out, out

"""The package against the native command on the same input, byte for
byte: every bundled example and a generated file over every set of every
edition, under the command's options (the cases of the Node suite,
bindings/wasm/test/parity.test.js)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable, Dict, List

import pytest

import ocop
from conftest import EXAMPLES, ROOT, SAMPLE_FILE, cli, examples, generated, lines, run

# The command's flags and the package's keyword arguments.
MODES = [
    ([], {}),
    (["--points"], {"points": True}),
    (["--inferred", "--weak-sources", "--points"], {"inferred": True, "weak_sources": True, "points": True}),
    (["--edition", "QD1048-781"], {"edition": "QD1048-781"}),
]


def inputs() -> List[Path]:
    return [*examples(), generated(6000)]


def single(call: Callable[[], str]):
    """One evaluation alone: its line, or the raised error's record."""
    try:
        return call()
    except ocop.OcopError as e:
        assert e.record is not None, "an evaluation's error carries its record"
        assert e.kind == e.record["error"]["kind"]
        assert str(e)
        return e.record


def same_lines(cli_text: str, given: List[str], call, what: str, compared) -> None:
    want = lines(cli_text)
    assert len(want) == len(given), f"{what}: one line out per line in"
    for i, line in enumerate(given):
        got = single(lambda: call(line))
        if isinstance(got, str):
            assert got == want[i], f"{what}, line {i + 1}"
        else:
            # An error record: the command numbers the line; a single call is line 1.
            assert got == {**json.loads(want[i]), "line": 1}, f"{what}, line {i + 1}"
        compared.lines += 1


@pytest.mark.parametrize("flags,kw", MODES, ids=["plain", "points", "inferred", "edition"])
def test_score_lines_writes_what_ocop_score_writes(flags, kw, compared):
    for path in inputs():
        want = run(["score", *flags, str(path)])
        got = "".join(ocop.score_lines_json(path, **kw))
        assert got == want, f"{path.name} {flags}: outputs differ"
        compared.lines += len(lines(want))


@pytest.mark.parametrize("flags,kw", MODES[:3], ids=["plain", "points", "inferred"])
def test_score_one_at_a_time_gives_the_command_line(flags, kw, compared):
    for path in inputs():
        want = run(["score", *flags, str(path)])
        given = lines(path.read_text(encoding="utf-8"))
        same_lines(want, given, lambda l: ocop.score_json(l, **kw), f"score {path.name}", compared)


def test_score_lines_takes_lines_bytes_dicts_and_files(compared):
    path = generated(6000)
    want = run(["score", str(path)])
    text = path.read_text(encoding="utf-8")
    given = lines(text)
    assert "".join(ocop.score_lines_json(given)) == want
    assert "".join(ocop.score_lines_json(l.encode() for l in given)) == want
    with open(path, encoding="utf-8") as f:
        assert "".join(ocop.score_lines_json(f)) == want
    # A dict is its JSON: the cards of the same evaluations.
    cards = [json.loads(l) for l in lines(want)[:200]]
    dicts = [json.loads(l) for l in given[:200]]
    assert [json.loads(l) for l in ocop.score_lines_json(dicts)] == cards
    compared.lines += 3 * len(given)


def test_score_lines_on_one_thread_is_the_same(compared):
    path = generated(6000)
    want = run(["score", "--threads", "1", str(path)])
    assert "".join(ocop.score_lines_json(path, threads=1)) == want
    compared.lines += len(lines(want))


def test_score_takes_a_dict_as_its_json(sample):
    assert ocop.score_json(json.loads(sample)) == ocop.score_json(sample)
    assert ocop.score_json(sample.encode()) == ocop.score_json(sample)


def test_plan_and_explain_give_the_command_lines(compared):
    gen = "\n".join(lines(generated(6000).read_text(encoding="utf-8"))[:400]) + "\n"
    files = [p.read_text(encoding="utf-8") for p in examples()]
    for text in [*files, gen]:
        given = lines(text)
        same_lines(run(["plan", "-"], text), given, ocop.plan_json, "plan", compared)
        same_lines(run(["explain", "--json", "-"], text), given, ocop.explain_json, "explain", compared)


def test_check_on_whole_and_broken_evaluations(compared):
    gen = lines(generated(6000).read_text(encoding="utf-8"))[:300]
    broken = []
    # Each broken line loses one answer and has another out of range.
    for i, line in enumerate(gen):
        ev = json.loads(line)
        answers = ev["members"][i % len(ev["members"])]["answers"]
        codes = list(answers)
        del answers[codes[i % len(codes)]]
        answers[codes[(i + 1) % len(codes)]] = 99
        broken.append(json.dumps(ev, ensure_ascii=False))
    files = [p.read_text(encoding="utf-8") for p in examples()]
    found = 0
    for text in [*files, "\n".join(gen) + "\n", "\n".join(broken) + "\n"]:
        want = run(["check", "-"], text)
        found += sum(1 for l in lines(want) if l.startswith("[{"))
        same_lines(want, lines(text), ocop.check_json, "check", compared)
    assert found >= len(broken), f"{found} lines with problems"


@pytest.mark.parametrize("target", [3, 4, 5])
def test_plan_with_target_and_costs(target, tmp_path, compared):
    costs = {"default": 2, "criteria": {"1.2": 5, "8": {"3": 1, "4": 9}}}
    file = tmp_path / "costs.json"
    file.write_text(json.dumps(costs))
    text = (EXAMPLES / "tan-hong-2021.jsonl").read_text(encoding="utf-8")
    want = run(["plan", "--target", str(target), "--costs", str(file), "-"], text)
    for given in (costs, json.dumps(costs), file):
        same_lines(want, lines(text), lambda l: ocop.plan_json(l, target=target, costs=given), f"plan --target {target}", compared)


def test_criteria_directory_scores_as_the_command(tmp_path, compared):
    hoa = ocop.sheet("hoa", "qd26-2026")
    hoa["source"] = "a province's corrected copy"
    hoa["parts"][0]["sections"][0]["criteria"][0]["options"][0]["text"] += " (sửa)"
    (tmp_path / "qd26-2026").mkdir()
    (tmp_path / "qd26-2026" / "hoa.json").write_text(
        json.dumps(hoa, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    given = [l for l in lines(generated(6000).read_text(encoding="utf-8")) if json.loads(l).get("edition") == "qd26-2026"]
    text = "\n".join(given) + "\n"
    want = run(["--criteria", str(tmp_path), "score", "-"], text)
    assert "".join(ocop.score_lines_json(given, criteria=tmp_path)) == want
    first = "\n".join(lines(want)[:100]) + "\n"
    same_lines(first, given[:100], lambda l: ocop.score_json(l, criteria=tmp_path), "score with criteria", compared)
    fingerprint = next(s for s in ocop.sets("qd26-2026", criteria=tmp_path)[0]["sets"] if s["id"] == "hoa")["fingerprint"]
    assert fingerprint in want
    assert fingerprint not in run(["score", "-"], text)
    # The directory's files change: the next call reads them again.
    hoa["source"] = "the province's second correction"
    (tmp_path / "qd26-2026" / "hoa.json").write_text(
        json.dumps(hoa, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    hoa_line = next(l for l in given if json.loads(l)["set"] == "hoa")
    again = run(["--criteria", str(tmp_path), "score", "-"], hoa_line + "\n")
    assert ocop.score_json(hoa_line, criteria=tmp_path) + "\n" == again
    assert fingerprint not in again


def test_workbooks_read_and_score_as_the_command():
    book = EXAMPLES / "tan-hong-2021.xlsx"
    assert ocop.read_workbook_json(book) == run(["import", str(book)])
    assert "".join(ocop.score_lines_json(book)) == run(["score", str(book)])
    assert [r["id"] for r in ocop.read_workbook(book)][:2] == ["TH-2021-01", "TH-2021-02"]


@pytest.mark.parametrize("ext", ["xlsx", "csv"])
def test_template_writes_what_ocop_template_writes(ext, tmp_path):
    ours, theirs = tmp_path / f"ours.{ext}", tmp_path / f"theirs.{ext}"
    ocop.template("hoa", ours, edition="qd26-2026", members=3, products=2)
    run(["template", "hoa", "--edition", "qd26-2026", "--members", "3", "--products", "2", "-o", str(theirs)])
    assert ours.read_bytes() == theirs.read_bytes()
    # What it wrote reads back as two products of set hoa.
    assert [p["set"] for p in ocop.read_workbook(ours) if "error" not in p] in ([], ["hoa", "hoa"])


@pytest.mark.parametrize("ext", ["html", "xlsx"])
def test_report_writes_what_ocop_report_writes(ext, tmp_path):
    data = EXAMPLES / "dong-thap-2021-2023.jsonl"
    ours, theirs = tmp_path / f"ours.{ext}", tmp_path / f"theirs.{ext}"
    flags = ["--inferred", "--as-of", "2026-01-20", "--by", "district"]
    run(["report", *flags, str(data), "-o", str(theirs)])
    stats = ocop.report(data, ours, "2026-01-20", by=["district"], inferred=True)
    assert ours.read_bytes() == theirs.read_bytes()
    assert stats[0] == 301 and sum(stats[1:]) == 301
    # From lines in memory, and in English.
    run(["report", *flags, "--lang", "en", str(data), "-o", str(theirs)])
    given = lines(data.read_text(encoding="utf-8"))
    ocop.report(given, ours, "2026-01-20", by=["district"], lang="en", inferred=True)
    assert ours.read_bytes() == theirs.read_bytes()
    with pytest.raises(ocop.ArgumentError):
        ocop.report(given, tmp_path / "r.pdf")
    with pytest.raises(ocop.OcopError):
        ocop.report(given, ours, "2026-13-40")


def test_at_least_5000_lines_were_compared(compared):
    assert compared.lines >= 5000, f"{compared.lines} lines compared"
    print(f"{compared.lines} lines compared with the command, no difference")


def test_a_set_built_from_a_workbook_scores_as_the_command(tmp_path):
    """The README's worked example (issue 28): the 26/2026 template of set
    1 with criterion 8's 4★ minimum cleared, built by `ocop criteria build`,
    scores alike here and in the command, marked as the user's."""
    book = EXAMPLES / "rau-cu-qua-hat-tuoi-tinh.xlsx"
    subprocess.run([cli(), "criteria", "build", str(book), "-o", str(tmp_path)], check=True, capture_output=True)
    sample = SAMPLE_FILE.read_text(encoding="utf-8")
    want = run(["--criteria", str(tmp_path), "score", "-"], sample)
    got = ocop.score_json(sample, criteria=tmp_path)
    assert got + "\n" == want
    card = json.loads(got)
    assert card["provenance"] == "user"
    assert [w for w in card["warnings"] if w["kind"] == "user_supplied"] == [
        {"kind": "user_supplied", "set": "rau-cu-qua-hat-tuoi", "fingerprint": card["fingerprint"]}
    ]
    assert card["rating"]["stars"] == 4
    assert ocop.score(sample)["rating"]["stars"] == 3

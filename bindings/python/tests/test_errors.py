"""Bad input: each gives the command's error kind, record and sentence,
raised as an OcopError subclass by a single call and written as a line,
in place, by score_lines; never a crash."""

from __future__ import annotations

import json
import threading

import pytest

import ocop
from conftest import EXAMPLES, ROOT, lines, run, run_full


def bad_lines(sample: str):
    ev = lambda: json.loads(sample)  # noqa: E731
    wrong_type = ev()
    wrong_type["members"][1]["answers"]["1.2"] = "3"
    return {
        "json": '{"id": "P1", "set": ',
        "unknown_set": json.dumps({**ev(), "set": "khong-co-bo-nay"}),
        "invalid_answer": json.dumps(wrong_type),
        "line_too_long": json.dumps({**ev(), "padding": "x" * (1 << 20)}),
        "blank_line": "   ",
        "option_out_of_range": sample.replace('"1.1": 3', '"1.1": 9'),
    }


KINDS = ["json", "unknown_set", "invalid_answer", "line_too_long", "blank_line", "option_out_of_range"]
CLASSES = {
    "json": ocop.FormatError,
    "unknown_set": ocop.ContentError,
    "invalid_answer": ocop.ContentError,
    "line_too_long": ocop.FormatError,
    "blank_line": ocop.FormatError,
    "option_out_of_range": ocop.ContentError,
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_bad_line_raises_the_command_record_and_sentence(kind, sample):
    line = bad_lines(sample)[kind]
    want = json.loads(lines(run(["--json-errors", "score", "-"], line + "\n"))[0])
    assert want["error"]["kind"] == kind
    message = want.pop("message")
    for call in (ocop.score, ocop.plan, ocop.explain, ocop.score_json):
        with pytest.raises(ocop.OcopError) as info:
            call(line)
        e = info.value
        assert isinstance(e, CLASSES[kind]), type(e)
        assert e.kind == kind
        assert e.record == {**want, "line": 1}
        assert e.error == want["error"]
        assert str(e) == message
    # check lists what it finds in an evaluation; a line that is none raises.
    try:
        problems = ocop.check(line)
    except ocop.OcopError as e:
        assert (e.kind, e.record, str(e)) == (kind, {**want, "line": 1}, message)
    else:
        assert [(p["error"]["kind"], p["message"]) for p in problems][:1] == [(kind, message)]


def test_score_lines_keeps_bad_lines_in_place_and_in_order(sample):
    bad = bad_lines(sample)
    given = [sample, *bad.values(), sample] * 3
    text = "\n".join(given) + "\n"
    want = run(["score", "-"], text)
    assert "".join(ocop.score_lines_json(given)) == want
    out = list(ocop.score_lines(given))
    assert len(out) == len(given)
    assert [r["error"]["kind"] for r in out[1:7]] == KINDS
    assert [r["line"] for r in out if "error" in r] == [i + 1 for i, l in enumerate(given) if l != sample]
    assert out[0]["rating"]["stars"] == 3 and out[-1]["rating"]["stars"] == 3


def test_parity_cases_agree_with_the_command():
    """bindings/parity/cases.json, the cases the command, WebAssembly and
    PHP are held to: the same kind and the same sentence."""
    cases = json.loads((ROOT / "bindings" / "parity" / "cases.json").read_text(encoding="utf-8"))
    for c in cases:
        o = c["options"]
        args = ["--json-errors", c["command"]]
        kw = {}
        if "edition" in o:
            args += ["--edition", o["edition"]]
            kw["edition"] = o["edition"]
        if "target" in o:
            args += ["--target", str(o["target"])]
            kw["target"] = o["target"]
        if "costs" in o:
            kw["costs"] = o["costs"]
        if c["command"] == "explain":
            args.append("--json")
        if "costs" in o:
            import tempfile, os

            fd, path = tempfile.mkstemp(suffix=".json")
            with os.fdopen(fd, "w") as f:
                json.dump(o["costs"], f)
            args += ["--costs", path]
        r = run_full([*args, "-"], c["evaluation"] + "\n")
        if r.returncode == 2:
            e = json.loads(r.stderr.decode().strip().split("\n")[-1])
            want = (e["error"]["kind"], e["message"])
        else:
            assert r.returncode == 1, c["name"]
            rec = json.loads(r.stdout.decode().split("\n")[0])
            want = (rec["error"]["kind"], rec["message"])
        assert want[0] == c["kind"], c["name"]
        with pytest.raises(ocop.OcopError) as info:
            getattr(ocop, c["command"])(c["evaluation"], **kw)
        assert (info.value.kind, str(info.value)) == want, c["name"]


def test_categories_are_classes(sample, tmp_path):
    # A set only inferred, while inferred data is off: the data.
    book = (EXAMPLES / "tan-hong-2021.jsonl").read_text(encoding="utf-8")
    data_errors = [r for r in ocop.score_lines(lines(book)) if "error" in r]
    for r in data_errors:
        line = lines(book)[r["line"] - 1]
        with pytest.raises(ocop.DataError):
            ocop.score(line)
    with pytest.raises(ocop.InputError):
        ocop.score("{")
    with pytest.raises(ocop.FileError) as info:
        ocop.score(sample, criteria=tmp_path / "missing")
    assert isinstance(info.value, OSError)
    with pytest.raises(ocop.FileError):
        ocop.score_lines_json(tmp_path / "missing.jsonl").__next__()
    with pytest.raises(ocop.ArgumentError) as info:
        ocop.score_lines_json([sample], threads=0)
    assert isinstance(info.value, ValueError) and info.value.kind == "invalid_argument"
    with pytest.raises(ocop.ArgumentError):
        ocop.template("hoa", tmp_path / "t.ods")


def test_bad_options_and_unknown_names(sample):
    with pytest.raises(ocop.ContentError) as info:
        ocop.score(sample, edition="nope")
    assert info.value.kind == "unknown_edition" and info.value.record is None
    with pytest.raises(ocop.ContentError, match="target 7★ is not a star tier"):
        ocop.plan(sample, target=7)
    with pytest.raises(ocop.ContentError) as info:
        ocop.plan(sample, costs={"criteria": {"99.9": 1}})
    assert info.value.kind == "invalid_costs"
    with pytest.raises(ocop.ContentError):
        ocop.sets("qd9999")
    with pytest.raises(ocop.ContentError):
        ocop.sheet("khong-co", "qd26-2026")
    with pytest.raises(ocop.DataError):
        ocop.sheet("hoa", "qd148-2023")
    with pytest.raises(ocop.ArgumentError):
        ocop.what_if(sample, [{"criterion": "8"}])
    for value in (None, 42, [], "null"):
        with pytest.raises(ocop.FormatError):
            ocop.score(value)
    assert ocop.score(sample)["rating"]["stars"] == 3


def test_an_item_that_raises_stops_score_lines_after_the_lines_before(sample):
    def items():
        yield sample
        yield sample
        raise KeyError("the source broke")

    got = []
    with pytest.raises(KeyError, match="the source broke"):
        for r in ocop.score_lines(items()):
            got.append(r)
    assert len(got) == 2
    with pytest.raises(TypeError):
        list(ocop.score_lines([sample, object()]))


def test_score_lines_can_stop_early_and_runs_beside_other_threads(sample):
    big = [sample] * 50_000
    it = ocop.score_lines_json(big)
    assert next(it).startswith('{"id":"SAMPLE-2026-01"')
    del it  # the batch stops; nothing hangs
    # Two batches at once on threads of Python's own.
    results = {}

    def one(n):
        results[n] = sum(1 for _ in ocop.score_lines_json([sample] * 2000))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {0: 2000, 1: 2000}

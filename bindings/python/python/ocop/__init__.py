"""Scores OCOP evaluations (Vietnam's One Commune One Product programme)
exactly as the ``ocop`` command does: the same Rust library, every edition's
criteria embedded.

Each function takes an evaluation as JSON text, bytes or a dict, and comes
in two forms: ``score`` gives Python objects, ``score_json`` the exact text
``ocop score`` writes for the same input. In objects, points are
:class:`decimal.Decimal` (as written, ``74.33``, never a binary float);
pass ``floats=True`` for floats.

>>> import ocop
>>> card = ocop.score(ocop.SAMPLE)
>>> card["rating"]["stars"], card["mean"]["total"]
(3, Decimal('74.33'))
>>> ocop.score(ocop.SAMPLE, floats=True)["mean"]["total"]
74.33
>>> ocop.score_json(ocop.SAMPLE)[:40]
'{"id":"SAMPLE-2026-01","edition":"qd26-2'

A rejected evaluation raises :class:`OcopError` (a subclass per category:
:class:`DataError`, :class:`InputError` with :class:`ContentError` and
:class:`FormatError`, :class:`FileError`), whose message is the library's
sentence. In :func:`score_lines` a rejected line is its error record, in
place.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from . import _ocop
from ._errors import (
    ArgumentError,
    ContentError,
    DataError,
    FileError,
    FormatError,
    InputError,
    OcopError,
)
from ._frame import frame

__all__ = [
    "SAMPLE",
    "ArgumentError",
    "ContentError",
    "DataError",
    "FileError",
    "FormatError",
    "InputError",
    "OcopError",
    "check",
    "check_json",
    "data_version",
    "explain",
    "explain_json",
    "frame",
    "plan",
    "plan_json",
    "read_workbook",
    "read_workbook_json",
    "report",
    "score",
    "score_json",
    "score_lines",
    "score_lines_json",
    "sets",
    "sets_json",
    "sheet",
    "sheet_json",
    "template",
    "what_if",
    "what_if_json",
]

#: An evaluation: its JSON text, the text's bytes, or the parsed object.
EvaluationLike = Union[str, bytes, bytearray, Mapping[str, Any]]
#: A path to a file or directory.
PathLike = Union[str, "os.PathLike[str]"]

#: The README's sample evaluation (26/2026, "Rau, củ, quả, hạt tươi"): 3★
#: at 74.33, its band 4★ held back by one minimum.
SAMPLE: str = _ocop.sample()


def data_version() -> str:
    """The version of the embedded criteria data.

    >>> ocop.data_version().count(".")
    2
    """
    return _ocop.data_version()


# --- one evaluation -----------------------------------------------------


def score_json(
    evaluation: EvaluationLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    points: bool = False,
    criteria: Optional[PathLike] = None,
) -> str:
    """The line ``ocop score`` writes for one evaluation, without its
    newline. The options are the command's flags: ``--edition``,
    ``--inferred``, ``--weak-sources``, ``--points`` and ``--criteria``
    (a directory overlaying the embedded criteria).

    >>> '"total":74.33' in ocop.score_json(ocop.SAMPLE)
    True
    """
    opts = _options(edition, inferred, weak_sources, criteria, points=points)
    return _ocop.score(_bytes(evaluation), opts)


def score(
    evaluation: EvaluationLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    points: bool = False,
    criteria: Optional[PathLike] = None,
    floats: bool = False,
) -> Dict[str, Any]:
    """The scorecard of one evaluation, as objects: :func:`score_json`
    parsed, points as ``Decimal`` (floats with ``floats=True``).

    >>> card = ocop.score(ocop.SAMPLE)
    >>> [(g["stars"], g["criterion"]) for g in card["rating"]["failed_gates"]]
    [(4, '8')]
    """
    text = score_json(
        evaluation,
        edition=edition,
        inferred=inferred,
        weak_sources=weak_sources,
        points=points,
        criteria=criteria,
    )
    return _dict(text, floats)


def check_json(
    evaluation: EvaluationLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
) -> str:
    """The line ``ocop check`` writes for one evaluation: every problem as
    ``{"message", "error"}``, ``[]`` when it scores.

    >>> ocop.check_json(ocop.SAMPLE)
    '[]'
    """
    opts = _options(edition, inferred, weak_sources, criteria)
    return _ocop.check(_bytes(evaluation), opts)


def check(
    evaluation: EvaluationLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
    floats: bool = False,
) -> List[Dict[str, Any]]:
    """Every problem of an evaluation at once, in the order the library
    finds them; an empty list means :func:`score` succeeds.

    >>> ev = json.loads(ocop.SAMPLE)
    >>> ev["members"][0]["answers"]["1.1"] = 9
    >>> del ev["members"][2]["answers"]["6.3"]
    >>> [p["error"]["kind"] for p in ocop.check(ev)]
    ['option_out_of_range', 'missing_answer']
    """
    text = check_json(
        evaluation,
        edition=edition,
        inferred=inferred,
        weak_sources=weak_sources,
        criteria=criteria,
    )
    return _list(text, floats)


def explain_json(
    evaluation: EvaluationLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
) -> str:
    """The line ``ocop explain --json`` writes for one evaluation."""
    opts = _options(edition, inferred, weak_sources, criteria)
    return _ocop.explain(_bytes(evaluation), opts)


def explain(
    evaluation: EvaluationLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
    floats: bool = False,
) -> Dict[str, Any]:
    """Criterion by criterion: the council's points, what is left, the
    options above, each tier's minimum, and what holds the product back.

    >>> x = ocop.explain(ocop.SAMPLE)
    >>> [c["code"] for c in x["criteria"] if c["holds_back"]]
    ['8']
    """
    text = explain_json(
        evaluation,
        edition=edition,
        inferred=inferred,
        weak_sources=weak_sources,
        criteria=criteria,
    )
    return _dict(text, floats)


def plan_json(
    evaluation: EvaluationLike,
    *,
    target: Optional[int] = None,
    costs: Union[None, str, Mapping[str, Any], "os.PathLike[str]"] = None,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
) -> str:
    """The line ``ocop plan`` writes for one evaluation. ``target`` is
    ``--target`` (1 to 5); ``costs`` the ``--costs`` file: a dict, its JSON
    text, or a :class:`pathlib.Path` to read it from."""
    opts = _options(
        edition, inferred, weak_sources, criteria, target=target, costs=_costs(costs)
    )
    return _ocop.plan(_bytes(evaluation), opts)


def plan(
    evaluation: EvaluationLike,
    *,
    target: Optional[int] = None,
    costs: Union[None, str, Mapping[str, Any], "os.PathLike[str]"] = None,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
    floats: bool = False,
) -> Dict[str, Any]:
    """The fewest changes that bring a product to its next star (or
    ``target``), costs minimised when given.

    >>> p = ocop.plan(ocop.SAMPLE)
    >>> p["target"], p["changes"]
    (4, 1)
    >>> ocop.plan(ocop.SAMPLE, target=7)
    Traceback (most recent call last):
    ...
    ocop._errors.ContentError: target 7★ is not a star tier: give 1 to 5
    """
    text = plan_json(
        evaluation,
        target=target,
        costs=costs,
        edition=edition,
        inferred=inferred,
        weak_sources=weak_sources,
        criteria=criteria,
    )
    return _dict(text, floats)


#: Steps for :func:`what_if`: ``{"criterion", "option"}`` dicts (a plan's
#: steps do) or ``(criterion, option)`` pairs.
Steps = Iterable[Union[Mapping[str, Any], Tuple[str, Union[int, bool]]]]


def what_if_json(
    evaluation: EvaluationLike,
    steps: Steps,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
) -> str:
    """The scorecard before and after ``steps``, as the library's
    ``what_if`` gives it, as JSON text."""
    opts = _options(edition, inferred, weak_sources, criteria)
    return _ocop.what_if(_bytes(evaluation), _steps(steps), opts)


def what_if(
    evaluation: EvaluationLike,
    steps: Steps,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
    floats: bool = False,
) -> Dict[str, Any]:
    """The scorecard before and after raising criteria to options.

    >>> w = ocop.what_if(ocop.SAMPLE, ocop.plan(ocop.SAMPLE)["steps"])
    >>> w["before"]["rating"]["stars"], w["after"]["rating"]["stars"]
    (3, 4)
    >>> ocop.what_if(ocop.SAMPLE, [("8", 3)])["stars_changed"]
    True
    """
    text = what_if_json(
        evaluation,
        steps,
        edition=edition,
        inferred=inferred,
        weak_sources=weak_sources,
        criteria=criteria,
    )
    return _dict(text, floats)


# --- criteria -----------------------------------------------------------


def sets_json(edition: Optional[str] = None, *, criteria: Optional[PathLike] = None) -> str:
    """The editions (or the one named, in any case) with their sets, as
    JSON text: ``[{"edition": ..., "sets": [{"id", "name", "status",
    "fingerprint", "has_inferred"}]}]``."""
    return _ocop.sets(edition, _options(None, False, False, criteria))


def sets(
    edition: Optional[str] = None, *, criteria: Optional[PathLike] = None
) -> List[Dict[str, Any]]:
    """The editions and their sets, as objects.

    >>> [e["edition"]["id"] for e in ocop.sets()]
    ['qd1048-2019', 'qd1048-781', 'qd148-2023', 'qd26-2026']
    >>> len(ocop.sets("QD26-2026")[0]["sets"])
    26
    """
    return _list(sets_json(edition, criteria=criteria), False)


def sheet_json(
    set: str, edition: Optional[str] = None, *, criteria: Optional[PathLike] = None
) -> str:
    """One set's blank sheet (its criteria file) as JSON text. ``set`` is
    an id or a phân nhóm name; no ``edition`` is the one in force today in
    Vietnam, as ``ocop show``."""
    return _ocop.sheet(set, edition, _options(None, False, False, criteria))


def sheet(
    set: str,
    edition: Optional[str] = None,
    *,
    criteria: Optional[PathLike] = None,
    floats: bool = False,
) -> Dict[str, Any]:
    """One set's blank sheet as objects.

    >>> s = ocop.sheet("Rau, củ, quả, hạt tươi", "qd26-2026")
    >>> s["id"], sum(p["max"] for p in s["parts"])
    ('rau-cu-qua-hat-tuoi', 100)
    """
    return _dict(sheet_json(set, edition, criteria=criteria), floats)


# --- batches ------------------------------------------------------------


def score_lines_json(
    source: Union[PathLike, Iterable[EvaluationLike]],
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    points: bool = False,
    criteria: Optional[PathLike] = None,
    threads: Optional[int] = None,
) -> Iterator[str]:
    """The lines ``ocop score`` writes, each with its newline, one per
    input line, in input order: ``"".join(score_lines_json(path))`` is the
    command's output byte for byte.

    ``source`` is a path (JSON Lines, or a workbook by its extension, as
    the command reads) or an iterable of evaluations, each one line
    (text, bytes or a dict; an open file works). Scoring runs on
    ``threads`` threads (default: all cores) with the GIL released, in
    bounded memory: the batch waits for the reader.

    >>> lines = list(ocop.score_lines_json([ocop.SAMPLE, "not json"]))
    >>> [line[:9] for line in lines]
    ['{"id":"SA', '{"line":2']
    """
    opts = _options(edition, inferred, weak_sources, criteria, points=points, threads=threads)
    lines: Iterator[str] = _ocop.Lines(_source(source), opts)
    return lines


def score_lines(
    source: Union[PathLike, Iterable[EvaluationLike]],
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    points: bool = False,
    criteria: Optional[PathLike] = None,
    threads: Optional[int] = None,
    floats: bool = False,
) -> Iterator[Dict[str, Any]]:
    """One scorecard per input line, in input order; a line that cannot be
    scored is its error record (``{"line", "id", "error"}``) in place,
    never an exception.

    >>> [("error" in r) for r in ocop.score_lines([ocop.SAMPLE, "{", ocop.SAMPLE])]
    [False, True, False]
    """
    lines = score_lines_json(
        source,
        edition=edition,
        inferred=inferred,
        weak_sources=weak_sources,
        points=points,
        criteria=criteria,
        threads=threads,
    )
    parse = _parser(floats)
    return (parse(line) for line in lines)


# --- workbooks ----------------------------------------------------------


def read_workbook_json(
    path: PathLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
) -> str:
    """What ``ocop import`` writes for a workbook (.xlsx, .xls, .ods, .csv):
    one evaluation or error record per product, each followed by a
    newline."""
    opts = _options(edition, inferred, weak_sources, criteria)
    return _ocop.read_workbook(os.fspath(path), opts)


def read_workbook(
    path: PathLike,
    *,
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
) -> List[Dict[str, Any]]:
    """A workbook's evaluations, as ``ocop import`` reads them: one dict
    per product, an error record (with ``"error"``) in place of a product
    with problems. Each evaluation scores with :func:`score`."""
    text = read_workbook_json(
        path, edition=edition, inferred=inferred, weak_sources=weak_sources, criteria=criteria
    )
    parse = _parser(False)
    return [parse(line) for line in text.splitlines()]


def template(
    set: str,
    path: PathLike,
    *,
    edition: Optional[str] = None,
    members: int = 5,
    products: int = 1,
    criteria: Optional[PathLike] = None,
) -> None:
    """Writes what ``ocop template`` writes: a blank workbook (``.xlsx``)
    or CSV file for a set, ``products`` sheets of ``members`` members."""
    opts = _options(None, False, False, criteria)
    _ocop.template(set, os.fspath(path), edition, members, products, opts)


# --- the report -----------------------------------------------------------


def report(
    lines: Union[PathLike, Iterable[EvaluationLike]],
    path: PathLike,
    as_of: Optional[str] = None,
    *,
    by: Optional[Sequence[str]] = None,
    lang: str = "vi",
    edition: Optional[str] = None,
    inferred: bool = False,
    weak_sources: bool = False,
    criteria: Optional[PathLike] = None,
    threads: Optional[int] = None,
) -> Tuple[int, int, int]:
    """Writes what ``ocop report`` writes to ``path``: the province page
    (``.html``) or the results workbook (``.xlsx``), through the library's
    own assembly, so the bytes are the command's for the same lines,
    options and day. ``lines`` is a path or an iterable of evaluations, as
    for :func:`score_lines`; ``as_of`` the day certificates are taken on
    (``"YYYY-MM-DD"``, default today in Vietnam); ``by`` the carried fields
    for the places, outermost first; ``lang`` ``"vi"`` or ``"en"``.
    Returns ``(lines, scored, rejected)``.
    """
    opts = _options(edition, inferred, weak_sources, criteria, threads=threads)
    return _ocop.report(_source(lines), os.fspath(path), as_of, list(by or []), lang, opts)


# --- helpers ------------------------------------------------------------


def _options(
    edition: Optional[str],
    inferred: bool,
    weak_sources: bool,
    criteria: Optional[PathLike],
    **more: Any,
) -> str:
    opts: Dict[str, Any] = {"inferred": bool(inferred), "weak_sources": bool(weak_sources)}
    if edition is not None:
        opts["edition"] = edition
    if criteria is not None:
        opts["criteria"] = os.fspath(criteria)
    for key, value in more.items():
        if value is not None:
            opts[key] = value
    return json.dumps(opts)


def _bytes(evaluation: Any) -> bytes:
    """An evaluation's text as the library reads a line."""
    if isinstance(evaluation, str):
        return evaluation.encode("utf-8", "surrogatepass")
    if isinstance(evaluation, (bytes, bytearray, memoryview)):
        return bytes(evaluation)
    # A dict, or any other value: its JSON, which the library judges.
    return json.dumps(evaluation, ensure_ascii=False).encode("utf-8")


def _source(source: Any) -> Any:
    """A path as text, or an iterator of each item's bytes."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if path.lstrip().startswith(("{", "[")):
            raise ArgumentError(
                "source: a path is expected; give evaluations as a list of lines",
                {"kind": "invalid_argument", "argument": "source"},
            )
        return path
    return map(_bytes, source)


def _costs(costs: Any) -> Optional[str]:
    if costs is None or isinstance(costs, str):
        return costs
    if isinstance(costs, os.PathLike):
        with open(costs, encoding="utf-8") as f:
            return f.read()
    return json.dumps(costs)


def _steps(steps: Steps) -> str:
    out: List[Dict[str, Any]] = []
    for s in steps:
        if isinstance(s, Mapping):
            # A plan's steps say more; the library reads these two.
            out.append({k: s[k] for k in ("criterion", "option") if k in s})
        else:
            criterion, option = s
            out.append({"criterion": criterion, "option": option})
    return json.dumps(out)


def _parser(floats: bool) -> Callable[[str], Any]:
    number: Callable[[str], Any] = float if floats else Decimal
    decoder = json.JSONDecoder(parse_float=number)
    return decoder.decode


def _dict(text: str, floats: bool) -> Dict[str, Any]:
    value: Dict[str, Any] = _parser(floats)(text)
    return value


def _list(text: str, floats: bool) -> List[Dict[str, Any]]:
    value: List[Dict[str, Any]] = _parser(floats)(text)
    return value


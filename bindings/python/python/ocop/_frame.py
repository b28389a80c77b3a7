"""``ocop.frame``: scorecards as a table, one row per product, for pandas
or polars (optional extras: ``pip install ocop[pandas]`` or
``ocop[polars]``)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Union

#: The columns every frame has, before the carried fields.
COLUMNS = [
    "id",
    "set",
    "edition",
    "A",
    "B",
    "C",
    "total",
    "band",
    "star",
    "status",
    "failed_minimums",
    "error",
]


def _row(result: Mapping[str, Any]) -> Dict[str, Any]:
    if "error" in result:
        # An error record: the product is kept, its scores left empty.
        row = dict.fromkeys(COLUMNS)
        row["id"] = result.get("id")
        row["error"] = result["error"].get("kind")
        return row
    mean = result["mean"]
    rating = result["rating"]
    row = {
        "id": result.get("id"),
        "set": result["set"],
        "edition": result["edition"],
        "A": mean.get("A"),
        "B": mean.get("B"),
        "C": mean.get("C"),
        "total": mean["total"],
        "band": rating["band"],
        "star": rating["stars"],
        "status": rating["status"],
        "failed_minimums": len(rating["failed_gates"]),
        "error": None,
    }
    for key, value in result.get("meta", {}).items():
        if key not in row:
            row[key] = value
    return row


def frame(
    results: Iterable[Union[Mapping[str, Any], str]], backend: str = "pandas"
) -> Any:
    """A DataFrame of scorecards, one row per product: ``id``, ``set``,
    ``edition``, the council's mean per part (``A``, ``B``, ``C``) and
    ``total``, ``band``, ``star`` (None when the product gets none),
    ``status``, ``failed_minimums`` (the star minimums not met), ``error``
    (the kind, for an error record, whose other columns are empty), then
    each carried field (``province``, ``district``, ...) in the order
    first seen.

    ``results`` are what :func:`ocop.score_lines` yields (or its lines of
    text); points stay ``Decimal`` unless the results were read with
    ``floats=True``. ``backend`` is ``"pandas"`` or ``"polars"``.

    >>> import ocop
    >>> df = ocop.frame(ocop.score_lines([ocop.SAMPLE]))
    >>> row = df.iloc[0]
    >>> row["id"], row["total"], int(row["star"]), int(row["failed_minimums"]), row["province"]
    ('SAMPLE-2026-01', Decimal('74.33'), 3, 1, 'Lâm Đồng')
    """
    rows: List[Dict[str, Any]] = []
    columns = list(COLUMNS)
    for r in results:
        if isinstance(r, str):
            r = json.loads(r, parse_float=Decimal)
        row = _row(r)
        for key in row:
            if key not in columns:
                columns.append(key)
        rows.append(row)
    if backend == "pandas":
        try:
            import pandas as pd  # type: ignore[import-untyped,unused-ignore]
        except ImportError as e:
            raise ImportError("ocop.frame needs pandas: pip install 'ocop[pandas]'") from e
        # A field a row lacks is pandas' own missing value, as in any
        # frame built from dicts.
        return pd.DataFrame(rows, columns=columns)
    if backend == "polars":
        try:
            import polars as pl
        except ImportError as e:
            raise ImportError("ocop.frame needs polars: pip install 'ocop[polars]'") from e
        full = [{c: row.get(c) for c in columns} for row in rows]
        return pl.DataFrame(full, infer_schema_length=None)
    raise ValueError(f"backend: give 'pandas' or 'polars', not {backend!r}")

"""Rescores a province's councils and compares the recorded stars with the
rescored ones, district by district, as an analyst auditing a past round
would.

    pip install './bindings/python[pandas]' matplotlib
    python bindings/python/examples/province.py \
        examples/data/dong-thap-2021-2023.jsonl province.png

Prints a table by district and draws it as a chart (PNG). The example data
scores some sets from inferred tables (the published sheets of those sets
are incomplete), so it is rescored with ``inferred=True``, as the province
report in the repository's CI is.
"""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")  # a file, no window
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import ocop  # noqa: E402

OUTCOMES = {
    "same star": "#4c956c",
    "rescored lower": "#d1495b",
    "rescored higher": "#2e86ab",
    "not recognised either way": "#bbbbbb",
    "not scored": "#333333",
}


def outcome(row: pd.Series) -> str:
    if isinstance(row["error"], str):
        return "not scored"
    # The province recognises 3★ and above; a null recorded star is a
    # product not recognised.
    recorded, star = row["recorded_star"], row["star"]
    star = 0 if pd.isna(star) else int(star)
    if pd.isna(recorded):
        return "not recognised either way" if star < 3 else "rescored higher"
    if star == recorded:
        return "same star"
    return "rescored higher" if star > recorded else "rescored lower"


def main(path: str, png: str) -> None:
    results = ocop.score_lines(path, inferred=True)
    df = ocop.frame(results)
    df["outcome"] = df.apply(outcome, axis=1)
    table = (
        df.groupby(["district", "outcome"]).size().unstack(fill_value=0)
        .reindex(columns=list(OUTCOMES), fill_value=0)
    )
    table = table.loc[table.sum(axis=1).sort_values().index]
    print(table.to_string())
    print(f"\n{len(df)} products; mean total {df['total'].dropna().mean():.2f}")

    fig, ax = plt.subplots(figsize=(10.5, 5.5))
    left = pd.Series(0, index=table.index)
    for name, colour in OUTCOMES.items():
        ax.barh(table.index, table[name], left=left, color=colour, label=name)
        left += table[name]
    ax.set_xlabel("products")
    ax.set_title("Đồng Tháp 2021–2023: recorded stars against stars rescored by ocop")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    print(f"wrote {png}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: province.py FILE.jsonl OUT.png")
    main(sys.argv[1], sys.argv[2])

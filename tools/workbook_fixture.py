#!/usr/bin/env python3
"""Writes tests/fixtures/openpyxl-hoa.xlsx and its expected evaluation,
tests/fixtures/openpyxl-hoa.json: a council workbook as another program
(openpyxl) fills it, to check that `ocop::workbook` reads what it did not
write itself. Run once; both files are committed.

    pip install openpyxl && python3 tools/workbook_fixture.py

The workbook differs from what ocop writes on purpose: Vietnamese headers on
the products sheet, a real date cell, a carried column, member columns
before and after the reserved ones, a criteria-group row, and the option
of the ambiguous criterion 6.2 written as #k. The expected answers are
option positions chosen here, independently of ocop's points-to-option
rule, so the test checks that rule too.
"""
import datetime
import json
import pathlib

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parent.parent
SET = json.loads((ROOT / "criteria/qd26-2026/hoa.json").read_text())
OUT = ROOT / "tests/fixtures"

# Each member's pick, as an offset from the criterion's last option (0 =
# the highest); 5.1 stays high for every member, so 5.2 applies.
OFFSETS = {"Bà Lan": 0, "Ông Hùng": 1, "Bà Mai": 0}
LOWER = {"Ông Hùng": {"1.1", "2.1", "4.3", "6.2", "7", "10"}}

leaves = [
    c
    for p in SET["parts"]
    for s in p["sections"]
    for c in s["criteria"]
    if not c.get("header")
]
answers = {m: {} for m in OFFSETS}
cells = {m: {} for m in OFFSETS}
for c in leaves:
    opts = c["options"]
    for m in OFFSETS:
        k = len(opts)  # 1-based: the last option
        if c["code"] in LOWER.get(m, ()):
            k = len(opts) - 1
        if c["code"] == "6.2":
            k = 2  # option 2 gives 1 point, as option 1 does: say #2
        answers[m][c["code"]] = k
        pts = opts[k - 1]["points"]
        shared = sum(1 for o in opts if o["points"] == pts) > 1
        cells[m][c["code"]] = f"#{k}" if shared else pts

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sản phẩm"
ws.append(["Mã sản phẩm", "Bộ sản phẩm", "Ngày chấm", "Tỉnh", "Ghi chú nội bộ"])
ws.append(["HOA-01", "Hoa", datetime.date(2026, 9, 15), "Lâm Đồng", None])
ws["C2"].number_format = "dd/mm/yyyy"

ps = wb.create_sheet("HOA-01")
ps.append(["Bà Lan", "Tiêu chí", "Mã", "Ông Hùng", "Tối đa", "Bà Mai", "Ghi chú"])
ps.append([None, "TỔ CHỨC SẢN XUẤT (nhóm)", None, None, None, None, None])
for c in leaves:
    ps.append(
        [
            cells["Bà Lan"][c["code"]],
            c["title"],
            c["code"],
            cells["Ông Hùng"][c["code"]],
            c["max"],
            cells["Bà Mai"][c["code"]],
            None,
        ]
    )
wb.save(OUT / "openpyxl-hoa.xlsx")

expected = {
    "id": "HOA-01",
    "set": "Hoa",
    "date": "2026-09-15",
    "Tỉnh": "Lâm Đồng",
    "members": [{"member": m, "answers": answers[m]} for m in OFFSETS],
}
(OUT / "openpyxl-hoa.json").write_text(
    json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
)

#!/usr/bin/env python3
"""Convert the one recovered 148/QĐ-TTg score sheet ("Rau, củ, quả, hạt tươi") into
the crate's set-file JSON (see criteria/README.md).

Usage:
    python3 tools/convert_148.py <reference folder>
    e.g. python3 tools/convert_148.py ../shared/reference/148-2023

Reads (read-only): raw-148-rau-cu-qua-hat-tuoi.md (its header gives the provenance;
the sheet is the fenced block), and for English labels the bundled qd26-2026 and
qd1048-781 sets.

Writes:
    criteria/qd148-2023/rau-cu-qua-hat-tuoi.json   status weak-source
    criteria/qd148-2023/README.md

`edition.json` is maintained separately. The script verifies what it wrote (criterion
maxima against the options, section and part sums against the printed 40/25/35)
and exits non-zero on anything unexpected.
"""

import json
import os
import re
import sys
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import signed_1048 as sg  # noqa: E402  (slug, knock-out classification, shared helpers)

ROOT = sg.ROOT
OUT = os.path.join(ROOT, "criteria", "qd148-2023")
RAW = "raw-148-rau-cu-qua-hat-tuoi.md"
SID = "rau-cu-qua-hat-tuoi"
PART_MAX = {"A": 40, "B": 25, "C": 35}

# Vietnamese enumeration letters in order (no f, j, w, z): the sheet's 1(a)…1(đ)… become 1.1…1.5…
LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
           "x", "y"]

SOURCE = ("GitHub quyenncph25762/OCOP_SCORE, a 2024 student council-scoring app (Node/Express): the score sheets it "
          "generated from its criteria template, `Uploads/phieu-cham-Nguyễn Công Giang.docx` at commit "
          "5e26080adf1f983e520662f75c16bde24f7cd4c9 and 14 PDF sheets `Uploads/phieu-cham-*.pdf` rendering the same "
          "template (e.g. at commit 3933e509046514992cd33f09433cdce1ff02bdcf); the template itself, in the app's "
          "database, was not committed. Transcript with the test evaluation's ticks removed: reference "
          "148-2023/raw-148-rau-cu-qua-hat-tuoi.md. Identified as a 148/QĐ-TTg sheet by its parts (40/25/35), "
          "criteria 148 introduced, district-era wording, and a 'Bị loại khi' clause word for word that of a 148 "
          "sheet on Bến Tre's OCOP portal (10/05/2023)")

# Notes that read like a knock-out but are not one: (criterion code, start of the note, why).
NOT_KNOCKOUTS = [
    ("2.1", "Ghi chú: Không đánh giá những sản phẩm có tính phổ biến",
     "2.1 note 'Ghi chú: Không đánh giá những sản phẩm có tính phổ biến của nhóm sản phẩm chủ lực cấp quốc gia, cấp "
     "tỉnh mà không có sự nổi trội và đặc sắc.' says which products are not to be evaluated at all; it is neither "
     "'Bị loại nếu …' nor 'không đánh giá các bước tiếp theo …', so it is kept as a note and not encoded as a "
     "knock-out."),
]

LABELS_EN = {
    ("section", "TỔ CHỨC SẢN XUẤT"): "Production organisation",
    ("criterion", "Nguồn gốc sản phẩm"): "Product origin",
    ("criterion", "Sử dụng công nghệ theo hướng bền vững trong sản xuất"): "Sustainable technology",
    ("criterion", "Đại diện pháp luật của chủ thể là nữ/đồng bào dân tộc thiểu số"):
        "Legal representative: woman or ethnic minority",
    ("criterion", "Kế toán"): "Accounting",
    ("criterion", "Công bố tiêu chuẩn sản phẩm của cơ sở sản xuất"): "Declared product standard",
    ("criterion", "Kiểm tra định kỳ các chỉ tiêu ATTP theo quy định"): "Periodic food-safety testing",
}

STARS = re.compile(r"\s*\*{3,5}")


class Failure(Exception):
    pass


def parse(path):
    text = sg.read(path)
    m = re.search(r"\n```\n(.*?)\n```", text, re.S)
    if not m:
        raise Failure("no fenced sheet in %s" % path)
    lines = m.group(1).split("\n")
    sheet = OrderedDict(disqualified_when=None, parts=[], stars=[])
    part = sec = crit = None
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            continue
        s = line.rstrip()
        mm = re.match(r"^Bị loại khi:\s*(.+)$", s)
        if mm:
            sheet["disqualified_when"] = mm.group(1).strip()
            continue
        mm = re.match(r"^Phần ([ABC]): (.+?) \((\d+) Điểm\)$", s)
        if mm:
            part = OrderedDict(part=mm.group(1), title=mm.group(2), printed=int(mm.group(3)), sections=[])
            sheet["parts"].append(part)
            sec = crit = None
            continue
        mm = re.match(r"^(\d+)\. (.+?) \((\d+) điểm\)(?: \[(\d+)\])?$", s)
        if mm:
            sec = OrderedDict(code=mm.group(1), title=mm.group(2), printed=int(mm.group(3)), criteria=[])
            part["sections"].append(sec)
            crit = None
            if mm.group(4):
                crit = new_crit(sheet, sec["code"], None, sec["title"], int(mm.group(4)), ln)
                sec["criteria"].append(crit)
            continue
        mm = re.match(r"^([a-zđ])\) (.+?) \[(\d+)\]$", s)
        if mm:
            if sec is None:
                raise Failure("line %d: criterion outside a section" % ln)
            letter = mm.group(1)
            if letter not in LETTERS:
                raise Failure("line %d: letter %r" % (ln, letter))
            code = "%s.%d" % (sec["code"], LETTERS.index(letter) + 1)
            crit = new_crit(sheet, code, letter, mm.group(2), int(mm.group(3)), ln)
            if sec["criteria"] and LETTERS.index(letter) != LETTERS.index(sec["criteria"][-1]["letter"]) + 1:
                raise Failure("line %d: letter %s out of order" % (ln, letter))
            if not sec["criteria"] and letter != "a":
                raise Failure("line %d: section %s starts at %s)" % (ln, sec["code"], letter))
            sec["criteria"].append(crit)
            continue
        mm = re.match(r"^  □ (.+?) = (\d+)$", line)
        if mm:
            if crit is None:
                raise Failure("line %d: option outside a criterion" % ln)
            t = mm.group(1)
            if STARS.search(t):
                sheet["stars"].append((crit["code"], len(crit["options"]) + 1, STARS.search(t).group(0).strip()))
                t = STARS.sub("", t)
            crit["options"].append(OrderedDict(text=t.strip(), points=int(mm.group(2))))
            continue
        if crit is None or s.startswith(" "):
            raise Failure("line %d: unexpected %r" % (ln, s))
        crit["notes"].append(s)
    return sheet


def new_crit(sheet, code, letter, title, mx, ln):
    if STARS.search(title):
        sheet["stars"].append((code, 0, STARS.search(title).group(0).strip()))
        title = STARS.sub("", title).strip()
    return OrderedDict(code=code, letter=letter, title=title, printed=mx, notes=[], options=[], line=ln)


def labeler():
    sets = []
    for d in ("qd26-2026", "qd1048-781"):
        folder = os.path.join(ROOT, "criteria", d)
        for fn in sorted(os.listdir(folder)):
            if fn.endswith(".json") and fn not in ("edition.json", "classification.json"):
                sets.append(json.loads(sg.read(os.path.join(folder, fn))))
    # the 2026 set of the same phân nhóm first, then the others
    sets.sort(key=lambda s: (s["id"] != SID, "number" not in s))
    by_title = {}
    for s in sets:
        for p in s["parts"]:
            for sec in p["sections"]:
                by_title.setdefault(("section", sg.norm_label_key(sec["title"])), sec["label"])
                for c in sec["criteria"]:
                    by_title.setdefault(("criterion", sg.norm_label_key(c["title"])), c["label"])
    table = {(k, sg.norm_label_key(t)): v for (k, t), v in LABELS_EN.items()}
    missing = []

    def label(kind, title):
        key = (kind, sg.norm_label_key(title))
        if key in table:
            return table[key]
        if key in by_title:
            return by_title[key]
        missing.append((kind, title))
        return ""

    label.missing = missing
    return label


def build(sheet, label):
    s = OrderedDict()
    s["id"] = SID
    s["name"] = "Rau, củ, quả, hạt tươi"
    s["nganh"] = "Thực phẩm"
    s["nhom"] = "Thực phẩm tươi sống"
    s["status"] = "weak-source"
    s["source"] = SOURCE
    s["disqualified_when"] = sheet["disqualified_when"]
    s["gaps"] = []
    s["second_source"] = OrderedDict(
        source=("none: no other copy of a 148/QĐ-TTg sheet has been found (reference: 26-2026/legal-148-and-26-2026.md; "
                "148-2023/raw-148-rau-cu-qua-hat-tuoi.md)"),
        outcome="none",
        note=("No second copy of this sheet has been seen: the 25 other tables of 148/QĐ-TTg were not recovered, and "
              "the only other 148 sheet found (Bến Tre's 'Gạo, ngũ cốc, hạt sơ chế khác', ocop.bentre.gov.vn, "
              "10/05/2023) is of another phân nhóm; it matches this sheet word for word only in its 'Bị loại khi' "
              "clause and criteria 1(a) and 1(b)."))
    notes = []
    s["notes"] = notes
    parts = []
    for rp in sheet["parts"]:
        part = OrderedDict(part=rp["part"], title=rp["title"], max=rp["printed"], sections=[])
        parts.append(part)
        for rsec in rp["sections"]:
            sec = OrderedDict(code=rsec["code"], title=rsec["title"], label=label("section", rsec["title"]),
                              max=rsec["printed"], criteria=[])
            part["sections"].append(sec)
            for rc in rsec["criteria"]:
                c = OrderedDict()
                c["code"] = rc["code"]
                c["title"] = rc["title"]
                c["label"] = label("criterion", rc["title"])
                c["max"] = rc["printed"]
                if rc["notes"]:
                    c["notes"] = list(rc["notes"])
                    for note in rc["notes"]:
                        ko = sg.knockout_of(note)
                        skip = [x for x in NOT_KNOCKOUTS if x[0] == rc["code"] and note.startswith(x[1])]
                        if ko and not skip:
                            c["knockout"] = ko
                        elif sg.SUSPICIOUS.search(note) and not skip:
                            raise Failure("%s: note with disqualifying wording not classified: %r" % (rc["code"], note))
                        for x in skip:
                            notes.append(x[2])
                    if any(n.startswith(sg.STORY_NOTE) for n in rc["notes"]):
                        c["applies_if"] = None
                c["options"] = [OrderedDict(text=o["text"], points=o["points"]) for o in rc["options"]]
                sec["criteria"].append(c)
    s["parts"] = parts
    story = sg.find(s, "5.1")
    keep = [i + 1 for i, o in enumerate(story["options"]) if not o["text"].startswith("Không có câu chuyện")]
    for c in sg.iter_criteria(s):
        if "applies_if" in c:
            c["applies_if"] = OrderedDict(criterion="5.1", options=keep)
        sg.reorder(c)
    ai = [c["code"] for c in sg.iter_criteria(s) if "applies_if" in c]
    # set notes
    pairs = []
    for rp in sheet["parts"]:
        for rsec in rp["sections"]:
            for rc in rsec["criteria"]:
                if rc["letter"]:
                    pairs.append("%s(%s) → %s" % (rsec["code"], rc["letter"], rc["code"]))
    notes.insert(0, "Weak source: transcribed from generated score sheets of a student app whose criteria template was "
                    "typed in by hand (see `source`). Status `weak-source`: scored only on request, and every scorecard "
                    "says the data is weak.")
    notes.insert(1, "Codes: the sheet letters its criteria within each section, 1(a), 1(b), … 1(đ), 1(e), in the "
                    "Vietnamese order a, b, c, d, đ, e, g, h, … (no f). Each letter becomes its position in that "
                    "order, so that codes are typeable and follow the sheet: " + ", ".join(pairs) + ". Sections "
                    "printed without letters and with their own maximum ([n]: 7, 8, 10, 11, 12) are section-criteria "
                    "with the section's code.")
    stars = sheet["stars"]
    notes.insert(2, "Star marks dropped: the sheet marks %d options and one title with '***', '****' or '*****' (the "
                    "app's 'minimum star' data: %s). The reference file explains why they cannot be trusted (both "
                    "options of 1(đ) marked ****, two options of 6(b) marked ****, the top option of 2(b) marked "
                    "***** where the 2026 successor marks a lower one, a mark on the title of 3(e)). None is used as "
                    "a gate: the edition's minimums are unknown (`gates: unknown`)." % (
                        sum(1 for x in stars if x[1]), "; ".join(
                            "%s %s %s" % (code, ("option %d" % i) if i else "title", mark) for code, i, mark in stars)))
    notes.append("5.2 and 5.3 (note '%s…'): applies_if 5.1 options %s, every 5.1 option except '%s'." % (
        sg.STORY_NOTE, keep, story["options"][0]["text"]))
    notes.append("Section and part maxima are printed ('(18 điểm)', '(40 Điểm)'); each equals the sum of its criteria, "
                 "and every criterion's printed maximum ([n]) equals its best option (checked by the converter).")
    notes.append("6.1 'Kích thước, hình dạng bề ngoài' carries the impurity note 'Ghi chú: Không xem xét các chỉ tiêu khác "
                 "nếu sản phẩm có các tạp chất …' (this sheet has no impurity criterion): recorded, as printed, as a "
                 "halted knock-out of 6.1.")
    notes.append("3.6 option 2 ends '… nhãn hiệu chứng nhận, nhãn hiệu tập' (cut off in the source); kept as recovered. "
                 "'bản quản' (for 'bảo quản') in 1.3 option 3 is kept as printed.")
    if ai != ["5.2", "5.3"]:
        raise Failure("applies_if on %r" % ai)
    return s


def verify(s):
    probs = sg.verify_set(s, PART_MAX)
    for _, sec in sg.iter_sections(s):
        for c in sec["criteria"]:
            if not c.get("options"):
                probs.append("%s: no options" % c["code"])
    return probs


def write_readme(path, s, sheet):
    L = []
    a = L.append
    ps = sg.part_sums(s)
    a("# Edition qd148-2023: Decision 148/QĐ-TTg (one set, weak source)")
    a("")
    a("`rau-cu-qua-hat-tuoi.json` is generated by `tools/convert_148.py` from `shared/reference/148-2023/%s` (do "
      "not edit by hand; re-run the converter). `edition.json` is maintained separately." % RAW)
    a("")
    a("## Provenance")
    a("")
    a("- **Tables.** Only one of the 26 tables of 148/QĐ-TTg has been found: 'Rau, củ, quả, hạt tươi'. The other 25 "
      "are missing; evaluations under 148 with another set need tables supplied with `Catalog::from_dir`, and the "
      "edition's `tables` is `partial`.")
    a("- **Source.** %s." % SOURCE)
    a("- **Why 148.** Parts A 40 / B 25 / C 35; criteria that 148 introduced ('Đại diện pháp luật của chủ thể là "
      "nữ/đồng bào dân tộc thiểu số', 'Sở hữu trí tuệ', '11. HƯỚNG DẪN SỬ DỤNG…'); district-era wording that "
      "26/2026 dropped; the 'Bị loại khi' clause of a 148 sheet published by Bến Tre (reference file header).")
    a("- **Trust.** Medium-low: the texts look authentic, but the template was typed by hand into the app. The set "
      "has status `weak-source`: it is scored only on request, and every scorecard it touches says so. No second "
      "source (`second_source.outcome`: `none`).")
    a("- **Minimums.** 148 has minimum criteria per star (Đồng Tháp revoked certificates for missing them), but none "
      "is known: the sheet's star marks are the app's own data and doubtful, so none is used as a gate and the "
      "edition's `gates` is `unknown` (scorecards report the minimums as not known).")
    a("")
    a("## Conventions")
    a("")
    a("- Codes: the letters of the sheet, 1(a)…1(đ)…, become positions in the Vietnamese order a, b, c, d, đ, e, g, "
      "h, … (1(a) = 1.1, 1(đ) = 1.5, 1(e) = 1.6). Sections printed with their own maximum and no letters (7, 8, 10, "
      "11, 12) are section-criteria with the section's code. The full list is the set's second note.")
    a("- Texts verbatim from the transcript, without the star marks; maxima as printed (every one checked against "
      "the options and the sums: A %d, B %d, C %d, total %d)." % (ps["A"], ps["B"], ps["C"], sum(ps.values())))
    a("- `disqualified_when`: the clause after 'Bị loại khi:'. Knock-outs as in the 1048 data: 6.1 (impurities, "
      "halted) and 10 (food-safety certificate, halted). The 2.1 note on common products is kept as a note.")
    a("- `applies_if` on 5.2 and 5.3 ('Chỉ áp dụng khi có câu chuyện…'). Labels from the 2026 set of the same phân "
      "nhóm where titles match.")
    a("")
    a("## The set")
    a("")
    a("| part | section | criterion | max | options (points) |")
    a("|---|---|---|---|---|")
    for p in s["parts"]:
        for sec in p["sections"]:
            for c in sec["criteria"]:
                a("| %s | %s | %s %s | %d | %s |" % (p["part"], sec["code"], c["code"], c["title"], c["max"],
                                                   "/".join(str(o["points"]) for o in c["options"])))
    a("")
    a("## Notes")
    a("")
    for n in s["notes"]:
        a("- %s" % n)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


def main(argv):
    if len(argv) != 2:
        print("usage: python3 tools/convert_148.py <reference folder>", file=sys.stderr)
        return 2
    path = os.path.join(argv[1], RAW)
    try:
        sheet = parse(path)
        label = labeler()
        s = build(sheet, label)
    except Failure as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    probs = verify(s)
    for rp in sheet["parts"]:
        if rp["printed"] != PART_MAX[rp["part"]]:
            probs.append("part %s prints %d" % (rp["part"], rp["printed"]))
        for rsec in rp["sections"]:
            total = sum(c["printed"] for c in rsec["criteria"])
            if total != rsec["printed"]:
                probs.append("section %s prints %d, criteria %d" % (rsec["code"], rsec["printed"], total))
    for m in label.missing:
        probs.append("no English label for %s %r" % m)
    if [p["part"] for p in sheet["parts"]] != ["A", "B", "C"]:
        probs.append("parts %r" % [p["part"] for p in sheet["parts"]])
    if probs:
        print("VERIFICATION FAILED (%d):" % len(probs), file=sys.stderr)
        for p in probs:
            print("  - " + p, file=sys.stderr)
        return 1
    os.makedirs(OUT, exist_ok=True)
    out = os.path.join(OUT, SID + ".json")
    sg.write_json(out, s)
    if json.loads(sg.read(out), object_pairs_hook=OrderedDict) != s:
        print("written file differs", file=sys.stderr)
        return 1
    write_readme(os.path.join(OUT, "README.md"), s, sheet)
    ps = sg.part_sums(s)
    print("%s: A %d, B %d, C %d, total %d, %d criteria, status %s" % (
        SID, ps["A"], ps["B"], ps["C"], sum(ps.values()), sum(1 for _ in sg.iter_criteria(s)), s["status"]))
    print("verification passed (qd148-2023)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

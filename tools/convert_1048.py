#!/usr/bin/env python3
"""Convert the recovered 1048/QĐ-TTg (+781/QĐ-TTg) criteria tables into the
crate's criteria-set JSON format (see criteria/README.md).

Usage:
    python3 tools/convert_1048.py <reference folder>
    e.g. python3 tools/convert_1048.py ../shared/reference/1048-781

Reads (read-only): raw-1048-all-sets.json, raw-1048-<set>.md (part headings,
English section glosses, two-case markers), raw-1048-classification.md,
raw-1048-rau-cu-qua-hat-tuoi-2020dump.md and raw-781-du-lich-cong-dong-diem-du-lich.md
(cross-checks), and raw-1048-as-signed.txt (Decision 1048/QĐ-TTg as signed, through
tools/signed_1048.py): the rice set (sheet 3), the parts of two sets where the 2022
transcription is defective and the signed sheet complete, each set's "Bị loại khi"
clause, and the second-source record of every set (tools/compare_1048.py).

Writes:
    criteria/qd1048-781/<set-id>.json       25 recovered sets + gao-ngu-coc (signed sheet 3)
    criteria/qd1048-781/classification.json
    criteria/qd1048-781/README.md

Then verifies its own output and exits non-zero on any failure. The qd1048-2019
edition is written by tools/signed_1048.py (run it after this script: it takes
its English labels from these sets).
"""

import copy
import json
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import signed_1048 as sg  # noqa: E402
import compare_1048 as cmp  # noqa: E402
from signed_1048 import knockout_of, SUSPICIOUS  # noqa: E402  (one classification of knock-out notes)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "criteria", "qd1048-781")

EDITION = "qd1048-781"
PART_MAX = {"A": 35, "B": 25, "C": 40}
TOTAL_MAX = 100
TOURISM = "dich-vu-du-lich-cong-dong-va-diem-du-lich"
GAO = "gao-ngu-coc"
VAI = "vai-may-mac"
COFFEE = "ca-phe-ca-cao"
TPCN = "thuc-pham-chuc-nang-thuoc-tu-duoc-lieu-thuoc-y-hoc-co-truyen"
TUONG = "tuong-nuoc-mam-gia-vi-dang-long-khac"
DOCK = "do-uong-co-con-khac"
RAU = "rau-cu-qua-hat-tuoi"
MATONG = "mat-ong-cac-san-pham-tu-mat-ong-mat-khac"
CBGAO = "che-bien-tu-gao-ngu-coc"

# 781's "Nhóm 1…5" = the 1048 sectors (ngành) in Điều 1's order (gaps-1048.md §6.2).
NGANH_GROUP = {
    "Thực phẩm": 1,
    "Đồ uống": 2,
    "Thảo dược": 3,
    "Vải, may mặc": 4,
    "Thủ công mỹ nghệ, trang trí": 5,
    "Dịch vụ du lịch nông thôn và bán hàng": None,  # exempt from 781's minima
}

FAILURES = []


def fail(msg):
    FAILURES.append(msg)


# ---------------------------------------------------------------- helpers

slug = sg.slug  # one set-id rule for every 1048 script


def norm(s):
    """Loose key for text matching (never written to data)."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", s).lower())


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1))
        f.write("\n")


SEC_RE = re.compile(r"^(\d+)\.\s*(.*)$", re.S)
CRIT_RE = re.compile(r"^(\d+(?:\.\d+)+)(\.?)(\s*)(.*)$", re.S)


def split_section(label):
    m = SEC_RE.match(label)
    if not m:
        raise ValueError("section label without number: %r" % label)
    return m.group(1), m.group(2)


def split_criterion(label):
    m = CRIT_RE.match(label)
    if not m:
        raise ValueError("criterion label without code: %r" % label)
    return m.group(1), m.group(4), (m.group(2) == "", m.group(3) == "")


# ---------------------------------------------------------------- md parsing

def parse_set_md(path):
    """Part titles, English section glosses and two-case markers of a raw-1048 md."""
    parts, glosses, two_case = {}, {}, {}
    for line in read(path).splitlines():
        m = re.match(r"^## Phần ([ABC]): (.+?) \((\d+) điểm\)", line)
        if m:
            parts[m.group(1)] = (m.group(2), int(m.group(3)))
            continue
        m = re.match(r"^### (.+?) — _(.+?)_\s+\[computed max (\d+)\]", line)
        if m:
            glosses[m.group(1)] = m.group(2)
            continue
        m = re.match(r"^- (.+?) / (.+?): two cases (\[\[.*\]\])\s*$", line)
        if m:
            crit = "" if m.group(2) == "(untitled)" else m.group(2)
            two_case[(m.group(1), crit)] = json.loads(m.group(3))
    return parts, glosses, two_case


def parse_md_tables(path, start_pat):
    """Option tables of a secondary transcription: list of [(text, points)] per
    criterion heading, in order, after the first line matching start_pat."""
    out, cur, started = [], None, False
    for line in read(path).splitlines():
        if not started:
            started = bool(re.match(start_pat, line))
            continue
        if line.startswith("## ") and not line.startswith("## Phần"):
            break
        if line.startswith("#### ") or (line.startswith("### ") and "max" in line and "computed" not in line):
            cur = []
            out.append(cur)
            continue
        m = re.match(r"^\|\s*(?:\d+\s*\|\s*)?(.+?)\s*\|\s*(\d+)\s*\|\s*$", line)
        if m and cur is not None and not line.startswith("|---"):
            text = re.sub(r"\s*\[alt-ladder \d\]$", "", m.group(1))
            cur.append((text, int(m.group(2))))
    return [c for c in out if c]


def parse_classification(path):
    rows = []
    for line in read(path).splitlines():
        if not re.match(r"^\| \d+ \|", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        # id, ngành, nhóm id, nhóm, phân nhóm id, phân nhóm (S1), S2 name, ministry, raw file
        nganh = re.sub(r"\s*\([A-Za-z/&,\s-]+\)$", "", cells[1])
        nhom_cell = cells[3]
        renamed = None
        m = re.match(r"^(.+?) \(original 1048 name\) → renamed by 781 to \*\*(.+?)\*\*", nhom_cell)
        if m:
            nhom, renamed = m.group(1), m.group(2)
        else:
            nhom = re.sub(r"\s*\([A-Za-z/&,\s-]+\)$", "", nhom_cell)
        pn = cells[5]
        if pn.startswith("(same"):
            pn = nhom
        m = re.search(r"raw-1048-([a-z0-9-]+)\.md", cells[8])
        set_id = m.group(1) if m else None
        rows.append(OrderedDict(nganh=nganh, nhom=nhom, nhom_781=renamed or nhom,
                                phan_nhom_s1=pn, s2=cells[6], set=set_id))
    return rows


# ---------------------------------------------------------------- knock-outs
# knockout_of and SUSPICIOUS come from signed_1048.py: the 2022 notes and the signed
# sheets' notes are classified by the same rules.


# ---------------------------------------------------------------- 781 gates

CLAUSE_2 = "Hạng 2 sao: Hồ sơ công bố chất lượng sản phẩm nhóm 4 và 5, có bản mô tả về tiêu chuẩn chất lượng sản phẩm"
CLAUSE_3_1 = "Hạng 3 sao: 1- Hồ sơ công bố chất lượng sản phẩm có công bố tiêu chuẩn sản phẩm theo quy định"
CLAUSE_3_2 = ("Hạng 3 sao: 2- Đảm bảo chất lượng sản phẩm: Nhóm 1, 2, 3 và 4: Có kế hoạch kiểm soát nội bộ "
              "gắn với truy suất nguồn gốc theo quy định của pháp luật")
CLAUSE_3_3 = "Hạng 3 sao: 3- Mức độ tinh xảo/sắc nét: Nhóm 5: Có giá trị mỹ thuật, kỹ thuật"
CLAUSE_4_2 = "Hạng 4 sao: 2- Tính độc đáo: Nhóm 1, 2, 3 và 4: Chất lượng sản phẩm độc đáo, mang tính đặc trưng"
CLAUSE_4_3 = "Hạng 4 sao: 3- Mức độ t[… excerpt ends]"


def _opt_eq(text):
    return lambda o, c: o["text"] == text


def _opt_prefix(text):
    k = norm(text)
    return lambda o, c: norm(o["text"]).startswith(k)


def _first_nonzero(o, c):
    return o is next(x for x in c["options"] if x["points"] > 0)


GATE_RULES = [
    dict(id="2s-tcmn-congbo", stars=2, groups={5}, clause=CLAUSE_2, confidence="low",
         crit=lambda c: c["title"] == "CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM",
         option=_opt_eq("Có hồ sơ công bố nhưng thiếu"),
         reading="TCMN section 7: at least 'Có hồ sơ công bố nhưng thiếu' (1)"),
    dict(id="3s-congbo-8.1", stars=3, groups={1, 2}, clause=CLAUSE_3_1, confidence="medium",
         crit=lambda c: c["title"].startswith("Hồ sơ công bố") and any(
             norm(o["text"]).startswith(norm("Có bản tự công bố (hoặc tương đương)")) for o in c["options"]),
         option=_opt_prefix("Có bản tự công bố (hoặc tương đương)"),
         reading="8.1 (0/1/2/3 ladder): at least the self-declaration-plus-product-standard option (3)"),
    dict(id="3s-congbo-9.1", stars=3, groups={1}, clause=CLAUSE_3_1, confidence="medium",
         crit=lambda c: (c["title"].startswith("Hồ sơ công bố") or c["title"] == "Công bố sản phẩm chất lượng")
         and any(o["text"] == "Có Tiêu chuẩn sản phẩm, có Bản công bố tiêu chuẩn/chất lượng" for o in c["options"]),
         option=_opt_eq("Có Tiêu chuẩn sản phẩm, có Bản công bố tiêu chuẩn/chất lượng"),
         reading="fresh/raw sets' 9.1 (0/1/2 ladder): at least the standard-plus-declaration option (2)"),
    dict(id="3s-congbo-herbal", stars=3, groups={3}, clause=CLAUSE_3_1, confidence="medium",
         crit=lambda c: c["title"] == "CÔNG BỐ CHẤT LƯỢNG",
         option=_first_nonzero,
         reading="herbal section 6 CÔNG BỐ CHẤT LƯỢNG: at least the lowest non-zero option (in Trang thiết bị, "
                 "dụng cụ y tế and Thảo dược khác that is option 1, so the gate is always met on the sheet; their "
                 "section-6 knock-out note already halts a product without a declaration)"),
    dict(id="3s-tcmn-congbo", stars=3, groups={5}, clause=CLAUSE_3_1, confidence="medium-low",
         crit=lambda c: c["title"] == "CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM",
         option=_opt_eq("Có hồ sơ công bố sản phẩm đầy đủ theo quy định"),
         reading="TCMN section 7: at least 'Có hồ sơ công bố sản phẩm đầy đủ theo quy định' (3)"),
    dict(id="3s-dambao", stars=3, groups={1, 2, 3, 4}, clause=CLAUSE_3_2, confidence="medium",
         crit=lambda c: c["title"] == "ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM",
         option=_opt_eq("Có kế hoạch kiểm soát chất lượng sản phẩm, có ghi hồ sơ lô sản xuất"),
         reading="ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM: plan plus batch records (3) taken as internal control tied to traceability"),
    dict(id="3s-tcmn-tinhxao", stars=3, groups={5}, clause=CLAUSE_3_3, confidence="high",
         crit=lambda c: c["title"] == "Mức độ tinh xảo/sắc nét của sản phẩm",
         option=_opt_eq("Khéo léo/nhã nhặn, có thể bán được, có giá trị mỹ thuật, kỹ thuật"),
         reading="6.1: the option that repeats the clause word for word (3)"),
    dict(id="3s-vai-thammy", stars=3, groups={4}, clause=CLAUSE_3_3, confidence="low",
         crit=lambda c: c["title"].startswith("Tính thẩm mỹ"),
         option=_opt_eq("Khéo léo/nhã nhặn, có giá trị mỹ thuật, kỹ thuật"),
         reading="Vải's analogue 6.1 (3), only if the Nhóm 5 clause also meant Vải (it is Nhóm 4, so probably not)"),
    dict(id="4s-docdao", stars=4, groups={1, 2, 3}, clause=CLAUSE_4_2, confidence="medium-high",
         crit=lambda c: c["title"] == "TÍNH ĐỘC ĐÁO",
         option=_opt_eq("Độc đáo"),
         reading="TÍNH ĐỘC ĐÁO: at least 'Độc đáo'"),
    dict(id="4s-vai-docdao", stars=4, groups={4}, clause=CLAUSE_4_2, confidence="medium-high",
         crit=lambda c: c["title"] == "Thiết kế độc đáo",
         option=_opt_eq("Phong cách thiết kế độc đáo"),
         reading="Vải 6.2 Thiết kế độc đáo: at least 'Phong cách thiết kế độc đáo' (3)"),
    dict(id="4s-tcmn-tinhxao", stars=4, groups={5}, clause=CLAUSE_4_3, confidence="low",
         crit=lambda c: c["title"] == "Mức độ tinh xảo/sắc nét của sản phẩm",
         option=_opt_eq("Tinh xảo, có giá trị mỹ thuật, kỹ thuật, có thể bán được trong các cửa hàng lớn và xuất khẩu"),
         reading="cut-off 4★ clause 'Mức độ t…' read as tinh xảo/sắc nét, candidate minimum the top option (5)"),
]

# 781 minimum clauses that have no criterion on a sheet: README only, never data.
EXTERNAL_GATES = [
    (2, CLAUSE_2, [VAI], "Vải, may mặc has no quality-declaration criterion (gaps-1048.md §6.4, row 2★)"),
    (3, CLAUSE_3_1, [TPCN, VAI], "no quality-declaration criterion on the TPCN or Vải sheet (gaps-1048.md §4 and §6.4)"),
    (3, CLAUSE_3_2, [VAI], "Vải is Nhóm 4 but its sheet has no ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM section; "
                           "gaps-1048.md §6.4 maps the clause only to sets that have one"),
]

# gaps-1048.md §8 (INFERRED; never default data)
POINT_PATCHES = [
    dict(set=TPCN, code="10", before=[0, 1, 3], after=[0, 2, 5], confidence="low",
         basis="gaps-1048.md §4 and §8: slot 10 of the sibling 'Trang thiết bị, dụng cụ y tế' layout is worth 5; "
               "KIỂM TRA ĐỊNH KỲ 0/1/3 → 0/2/5"),
]

GAPS = {
    TPCN: [OrderedDict(part="C", points=2, text=(
        "Part C of the recovered table totals 38, not 40. Sections 6–13 are numbered without a gap and the set has no "
        "'Công bố chất lượng' section, unlike its herbal siblings. The decision as signed (sheet 19) has the same "
        "table and prints 10. KIỂM TRA ĐỊNH KỲ with the maximum 5 over the same options 0/1/3: the inconsistency is "
        "the decision's own, and the missing 2 points are in no source found (legal-1048.md §7 item 1; gaps-1048.md "
        "§4, which places them most plausibly in 10, worth 5 in the same slot of Trang thiết bị, dụng cụ y tế). "
        "Inferred fix (flag only, low confidence): 10 KIỂM TRA ĐỊNH KỲ 0/1/3 → 0/2/5."))],
    COFFEE: [OrderedDict(part="C", points=0, text=(
        "Criterion code 6.1.3 is printed twice (6.1.3 Màu sắc, then 6.1.3 Mùi, then 6.1.4 Vị; raw-1048-ca-phe-ca-cao.md, "
        "and the reference folder's README, 'Known gaps'). The second one, 'Mùi', is stored under the code 6.1.3b so that codes are "
        "unique. No points are missing."))],
}


# ---------------------------------------------------------------- building a set

def build_set(raw_name, raw, ref, cls_row):
    name = "Vải, may mặc" if raw["phan_nhom"] == "Ngành vải, may mặc" else raw["phan_nhom"]
    sid = slug(name)
    md_path = os.path.join(ref, "raw-1048-%s.md" % sid)
    if not os.path.exists(md_path):
        fail("%s: no raw md %s" % (sid, md_path))
        return None
    md_parts, md_gloss, md_two = parse_set_md(md_path)
    notes = []
    s = OrderedDict()
    s["id"] = sid
    s["name"] = name
    s["nganh"] = cls_row["nganh"]
    s["nhom"] = cls_row["nhom_781"]
    s["status"] = "cross-checked" if sid == RAU else "transcribed"
    s["source"] = raw["source"]
    s["disqualified_when"] = None
    s["gaps"] = copy.deepcopy(GAPS.get(sid, []))
    s["notes"] = notes
    parts = []
    s["parts"] = parts

    if raw["phan_nhom"] != name:
        notes.append("Name: the 2022 dump's product_types row reads '%s'; the phân nhóm is '%s' as in the 2020 dump's "
                     "tb_phan_nhom_sp and raw-1048-classification.md." % (raw["phan_nhom"], name))
    if raw["nhom"] != s["nhom"]:
        notes.append("Nhóm: the dump has the pre-781 group name '%s'; 781/QĐ-TTg renamed it '%s' "
                     "(legal-781.md §2.1, source S3 yenbai.gov.vn)." % (raw["nhom"], s["nhom"]))
    if cls_row["phan_nhom_s1"] != name and sid != TOURISM:
        notes.append("The 2020 dump (tb_phan_nhom_sp) spells the phân nhóm '%s'; the name here follows the 2022 "
                     "dump (raw-1048-classification.md)." % cls_row["phan_nhom_s1"])

    used_codes = set()
    qid_code = {}
    by_part = OrderedDict((p, []) for p in "ABC")
    for sec in raw["sections"]:
        by_part[sec["part"]].append(sec)
    for p, secs in by_part.items():
        title, printed_max = md_parts[p]
        if printed_max != PART_MAX[p]:
            fail("%s: md part %s heading says %d" % (sid, p, printed_max))
        part = OrderedDict(part=p, title=title, max=PART_MAX[p], sections=[])
        parts.append(part)
        for sec in secs:
            scode, stitle = split_section(sec["section"])
            if sec["section"] not in md_gloss:
                fail("%s: no gloss for section %r" % (sid, sec["section"]))
            section = OrderedDict(code=scode, title=stitle, label=md_gloss.get(sec["section"], ""), max=0, criteria=[])
            part["sections"].append(section)
            for rc in sec["criteria"]:
                c = OrderedDict()
                if rc["criterion"] == "":
                    code, title = scode, stitle
                    label = md_gloss.get(sec["section"], "")
                else:
                    code, title, (nodot, nospace) = split_criterion(rc["criterion"])
                    label = rc["gloss"]
                    if nodot or nospace:
                        notes.append("Criterion label printed as '%s' (%s); code %s and title kept as printed." % (
                            rc["criterion"], "no dot after the number" if nodot else "no space after the number", code))
                printed_code = code
                if code in used_codes:
                    if sid == COFFEE and code == "6.1.3":
                        code = "6.1.3b"
                        notes.append(
                            "Duplicate code: the sheet prints '6.1.3. Màu sắc' and then '6.1.3. Mùi', followed by "
                            "'6.1.4. Vị' (raw-1048-ca-phe-ca-cao.md). By position 'Mùi' is the 4th sub-criterion of 6.1, "
                            "but 6.1.4 is printed for 'Vị', so renumbering would change a code that is not duplicated. "
                            "The second 6.1.3 ('Mùi') is therefore stored as code '6.1.3b'; its printed label is "
                            "'6.1.3. Mùi'. 'Vị' keeps its printed 6.1.4. Recorded as a 0-point gap.")
                    else:
                        fail("%s: duplicate code %s" % (sid, code))
                used_codes.add(code)
                qid_code[rc["qid"]] = code
                c["code"] = code
                c["title"] = title
                c["label"] = label
                c["max"] = rc["max"]
                if rc["is_group_header"]:
                    c["header"] = True
                if rc["parent_qid"] is not None:
                    c["parent"] = qid_code[rc["parent_qid"]]
                if rc["note"]:
                    c["notes"] = [rc["note"]]
                    ko = knockout_of(rc["note"])
                    if ko:
                        c["knockout"] = ko
                # two alternative cases
                key = (sec["section"], rc["criterion"])
                cases = md_two.get(key)
                note = rc["note"] or ""
                if note.startswith("Lựa chọn một trong hai trường hợp sau") and not cases:
                    fail("%s %s: two-case note but no two-case marker in md" % (sid, code))
                if note.startswith("Chỉ áp dụng khi có câu chuyện"):
                    c["applies_if"] = None  # filled below
                if cases:
                    c["cases"] = ["Trường hợp 1", "Trường hợp 2"]
                if not rc["is_group_header"]:
                    opts = []
                    n1 = len(cases[0]) if cases else None
                    if cases and [o["points"] for o in rc["options"]] != cases[0] + cases[1]:
                        fail("%s %s: md two-case points %r differ from JSON" % (sid, code, cases))
                    for i, ro in enumerate(rc["options"]):
                        o = OrderedDict(text=ro["text"], points=ro["points"])
                        if cases:
                            o["case"] = 1 if i < n1 else 2
                        opts.append(o)
                    c["options"] = opts
                section["criteria"].append(c)
            # header max = sum of children
            for c in section["criteria"]:
                if c.get("header"):
                    c["max"] = sum(x["max"] for x in section["criteria"] if x.get("parent") == c["code"])
            section["max"] = sum(x["max"] for x in section["criteria"] if "parent" not in x)

    # a points knock-out printed after a group ("tại một trong các chỉ tiêu trên") covers every answerable
    # criterion of the group above it
    for _, section in iter_sections(s):
        crits = section["criteria"]
        for i, c in enumerate(crits):
            ko = c.get("knockout")
            if ko and ko.get("zero_points") and "một trong các chỉ tiêu trên" in ko["text"]:
                for above in crits[:i]:
                    if above.get("header"):
                        continue
                    if "knockout" in above:
                        fail("%s %s: already has a knock-out" % (sid, above["code"]))
                    above["knockout"] = copy.deepcopy(ko)

    # applies_if for 5.2 / 5.3
    allc = {c["code"]: c for c in iter_criteria(s)}
    for c in iter_criteria(s):
        if "applies_if" in c:
            story = allc.get("5.1")
            keep = [i + 1 for i, o in enumerate(story["options"]) if not o["text"].startswith("Không có câu chuyện")]
            if len(keep) != len(story["options"]) - 1:
                fail("%s: 5.1 has no single 'Không có câu chuyện' option" % sid)
            c["applies_if"] = OrderedDict(criterion="5.1", options=keep)
            # keep key order: move applies_if before options
            reorder(c)
    for c in iter_criteria(s):
        reorder(c)

    set_notes(s, raw, notes)
    return s


# The walks over a set file, shared with the signed-sheet reader.
reorder = sg.reorder
iter_criteria = sg.iter_criteria
iter_sections = sg.iter_sections
find = sg.find


def set_notes(s, raw, notes):
    sid = s["id"]
    crit = {c["code"]: c for c in iter_criteria(s)}
    # 3.2 / other two-case criteria
    for c in iter_criteria(s):
        if "cases" not in c:
            continue
        split = [i + 1 for i, o in enumerate(c["options"]) if o["case"] == 1]
        rest = [i + 1 for i, o in enumerate(c["options"]) if o["case"] == 2]
        printed = (c.get("notes") or [""])[0].startswith("Lựa chọn một trong hai trường hợp sau")
        if printed:
            notes.append(
                "%s (note '%s'): the source prints no case headings in this edition, so the cases are named "
                "'Trường hợp 1' / 'Trường hợp 2'. The split (options %d–%d = case 1, options %d–%d = case 2) is read "
                "from the point ladders, as raw-1048-%s.md marks it ('two alternative cases (inferred)')%s." % (
                    c["code"], c["notes"][0], split[0], split[-1], rest[0], rest[-1], sid,
                    "; legal-1048.md §7 item 10 notes the asymmetric maxima (2 vs 1) in both dumps"
                    if sid != TOURISM else ""))
        else:
            notes.append(
                "%s %s: no 'Lựa chọn một trong hai trường hợp sau' note is printed, but the options form two "
                "restarting ladders (%s); raw-1048-%s.md marks them as two alternative cases (inferred) and "
                "raw-781-du-lich-cong-dong-diem-du-lich.md as [alt-ladder 1/2], most likely 'cộng đồng du lịch' vs "
                "'điểm du lịch' (case labels are not in the source). Stored with cases 'Trường hợp 1' (options %d–%d) "
                "and 'Trường hợp 2' (options %d–%d); scoring one option is unaffected either way." % (
                    c["code"], c["title"], "/".join(str(o["points"]) for o in c["options"]), sid,
                    split[0], split[-1], rest[0], rest[-1]))
    ai = [c for c in iter_criteria(s) if "applies_if" in c]
    if ai:
        notes.append("%s (note 'Chỉ áp dụng khi có câu chuyện…'): applies_if 5.1 options %s, i.e. every 5.1 option "
                     "except option 1 '%s' (legal-1048.md §4.3)." % (
                         " and ".join(c["code"] for c in ai), ai[0]["applies_if"]["options"],
                         crit["5.1"]["options"][0]["text"]))
    elif sid == TOURISM:
        notes.append("5.2 and 5.3 of this set print no 'Chỉ áp dụng khi có câu chuyện' note and 5.1 has no 'no story' "
                     "option, so no applies_if is set (raw-1048-%s.md)." % sid)
    # known typos / wordings kept as printed
    c21 = crit.get("2.1")
    if c21 and sid != TOURISM:
        if "chỉ thay đổi nhãn hiệu" in c21["options"][1]["text"]:
            notes.append("2.1 option 2 (1 point) reads '…nhà sản xuất khác, chỉ thay đổi nhãn hiệu, có cải tiến…', "
                         "which contradicts option 1 (0 points); kept as printed (legal-1048.md §7 item 4: probably a "
                         "copy error; the 2020 dump and 12 other sets omit the phrase).")
        if "truyền thông" in c21["options"][-1]["text"]:
            notes.append("2.1 option 4 reads 'bảo tồn sản phẩm truyền thông' (intended: 'truyền thống'); kept as printed "
                         "(legal-1048.md §7 items 3–4; the 2020 dump has the same typo).")
    c22 = crit.get("2.2")
    if c22 and sid != TOURISM and all(o["text"].startswith("Bao bì đơn giản") for o in c22["options"][2:]):
        notes.append("2.2 options 3–4 read 'Bao bì đơn giản, …' where 19 transcriptions read 'Bao bì phù hợp, …'; "
                     "kept as printed (legal-1048.md §7 item 5: 'phù hợp' is very likely correct).")
    c32 = crit.get("3.2")
    if c32:
        for i, o in enumerate(c32["options"]):
            for typo in ("cao cấp cao cấp", "cao cao cấp"):
                if typo in o["text"]:
                    notes.append("3.2 option %d reads 'quản trị %s' (intended: 'quản trị cao cấp'); kept as printed "
                                 "(legal-1048.md §7 item 3)." % (i + 1, typo))
    for c in iter_criteria(s):
        if "Iiệu" in c["title"]:
            notes.append("%s title prints 'nguyên Iiệu' with a capital I for 'l'; kept as printed." % c["code"])
    # set-specific glitches
    if sid == RAU:
        notes.append("Cross-checked: an independent 2020 transcription (OCOP_DB dump, raw-1048-rau-cu-qua-hat-tuoi-2020dump.md) "
                     "has all 113 options in the same order with the same points (checked again by this converter); "
                     "only spacing, punctuation and typos differ. Texts follow the 2022 dump.")
        notes.append("3.1 is titled 'Loại hình tổ chức' in the 2022 dump (this set only) and 'Loại hình tổ chức sản "
                     "xuất - kinh doanh' in the 2020 dump; kept as in the 2022 dump (raw-1048-rau-cu-qua-hat-tuoi-2020dump.md).")
    if sid == CBGAO:
        notes.append("6.2 Ngoại hình prints 'Tương đối đồng đều' = 3 and 'Đồng đều' = 3 (ladder 0/1/3/3); kept as printed. "
                     "Probably a typo (2/3?), unknown (legal-1048.md §7 item 2; raw-1048-che-bien-tu-gao-ngu-coc.md "
                     "anomaly list). The inferred gao-ngu-coc set reads it as 2 (gaps-1048.md §2.2); this set does not.")
    if sid == "thit-trung-sua-tuoi":
        notes.append("Part C sections are printed 6, 7, 9, 10, 11 (there is no 8); the printed codes are kept. "
                     "Sensory is worth 20 and there is no DINH DƯỠNG section, unlike the sibling Rau, củ, quả, hạt tươi; "
                     "the part still totals 40. Whether a section was dropped is unknown (legal-1048.md §7 item 8).")
    if sid in ("ruou-trang", DOCK):
        notes.append("The sensory criteria are printed 6.1, 6.2, 6.3, 6.5 (no 6.4); the printed codes are kept. "
                     "Rượu trắng and Đồ uống có cồn khác share this numbering gap (gaps-1048.md §3).")
    if sid == TPCN:
        notes.append("Part C totals 38: see gaps. The inferred patch (10. KIỂM TRA ĐỊNH KỲ 0/1/3 → 0/2/5, confidence low) "
                     "is stored as option 'inferred' and is not default data (gaps-1048.md §4, §8).")
        notes.append("Section 6 'Chất lượng nguyên liệu' is printed in lower case, unlike the other section titles; "
                     "kept as printed (gaps-1048.md §4).")
    if sid == "nuoc-khoang-thien-nhien-nuoc-uong-tinh-khiet":
        notes.append("The note under 6.4 ('Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước "
                     "tiếp theo') refers to all sensory criteria 6.1–6.4, so it is recorded as a 'halted' knock-out on "
                     "each of them, with zero_points: it applies by itself when the council's points on that "
                     "criterion are 0.")
    if sid in ("che-tuoi-che-bien", COFFEE):
        notes.append("The impurity knock-out note is printed under the header 6.1 Ngoại hình, so the knockout is "
                     "recorded on the header (it concerns 6.1.1 Tạp chất lạ).")
    if sid == "che-bien-tu-rau-cu-qua-hat":
        notes.append("6.1 note 'Ghi chú: Nếu bị 0 Điểm, sẽ không đánh giá các bước tiếp theo' halts the evaluation when "
                     "6.1 scores 0 (option 1 'Có các tạp chất không chấp nhận được…'); recorded as a halted knockout "
                     "with zero_points, so it applies by itself when the council's points on 6.1 are 0.")
    if sid in ("thu-cong-my-nghe-trang-tri", "thu-cong-my-nghe-gia-dung"):
        notes.append("The two handicraft sets are structured differently in Part C (trang trí: 6 = 32, 7 Công bố = 3, "
                     "8 = 5; gia dụng: 6 = 27, 7 Công bố = 5, 8 Kiểm tra định kỳ = 3, 9 = 5); kept as printed "
                     "(legal-1048.md §7 item 9).")
    if sid == VAI:
        notes.append("Part C has no quality-declaration and no ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM criterion, so 781's 2★ and "
                     "3★ declaration minima and the 3★ internal-control minimum cannot be placed on this sheet; they are "
                     "listed in README.md as external checks, not stored as gates.")
    if sid == TOURISM:
        notes.append("No 781 minimum-criteria gates: 781's Mục 6 applies to all groups except 'Dịch vụ du lịch cộng đồng "
                     "và điểm du lịch' (legal-781.md §2.2).")
        notes.append("Checked against raw-781-du-lich-cong-dong-diem-du-lich.md, a second transcription of the same "
                     "dump rows (not an independent source): same options, order and points.")


def apply_patches(sets):
    for p in POINT_PATCHES:
        s = sets[p["set"]]
        c = find(s, p["code"])
        pts = [o["points"] for o in c["options"]]
        if pts != p["before"]:
            fail("%s %s: patch expects %r, found %r" % (p["set"], p["code"], p["before"], pts))
            continue
        for o, new in zip(c["options"], p["after"]):
            if new != o["points"]:
                o["inferred"] = OrderedDict(points=new, basis=p["basis"], confidence=p["confidence"])


def apply_gates(s, group, applied):
    """Attach 781 minimum-criteria gates. Returns list of (rule, criterion, option index)."""
    if group is None:
        return []
    hits = []
    for rule in GATE_RULES:
        if group not in rule["groups"]:
            continue
        for c in iter_criteria(s):
            if c.get("header") or not c.get("options") or not rule["crit"](c):
                continue
            matches = [i for i, o in enumerate(c["options"]) if rule["option"](o, c)]
            if len(matches) != 1:
                fail("%s %s: gate rule %s matched %d options" % (s["id"], c["code"], rule["id"], len(matches)))
                continue
            o = c["options"][matches[0]]
            if "gate" in o:
                fail("%s %s: option %d already has a gate" % (s["id"], c["code"], matches[0] + 1))
                continue
            gate = OrderedDict(stars=rule["stars"])
            if rule["confidence"] != "high":
                gate["inferred"] = OrderedDict(
                    basis="gaps-1048.md §6.4: 781 clause \"%s\"; reading: %s" % (rule["clause"], rule["reading"]),
                    confidence=rule["confidence"])
            # keep option key order text, points, case, gate, inferred
            inf = o.pop("inferred", None)
            o["gate"] = gate
            if inf:
                o["inferred"] = inf
            hits.append((rule, c, matches[0]))
            applied.setdefault(rule["id"], []).append((s["id"], c["code"], matches[0] + 1, o["text"], o["points"]))
    return hits


def gate_note(s, hits, group):
    if group is None:
        return
    parts = []
    for rule, c, i in hits:
        parts.append("%s option %d '%s' → %d★ (%s)" % (
            c["code"], i + 1, c["options"][i]["text"], rule["stars"],
            "plain gate" if rule["confidence"] == "high" else "inferred, %s" % rule["confidence"]))
    ext = [e for e in EXTERNAL_GATES if s["id"] in e[2]]
    txt = ("781 minimum criteria (Phụ lục II Mục 6, known only in part; gaps-1048.md §6.4, 781's 'Nhóm %d'): %s." % (
        group, "; ".join(parts) if parts else "none placed"))
    if ext:
        txt += " Not placeable on this sheet (external yes/no, README.md): " + "; ".join(
            "%d★ \"%s\"" % (e[0], e[1]) for e in ext) + "."
    txt += " The rest of 4★, all of 5★ and all Part A/B minima are unknown."
    s["notes"].append(txt)


# ---------------------------------------------------------------- the signed sheets

GAO_SOURCE = (sg.SIGNED_DESC % (sg.RICE_SHEET, "Gạo, ngũ cốc") +
              ". No 781-era copy of this sheet has been seen: the 2022 transcription behind the other sets has the "
              "product type but no criteria rows (legal-1048.md §3, gaps-1048.md §2.1), so the table is the 2019 "
              "sheet, assumed unchanged by 781 like the other food sheets (legal-781.md §2.3)")

# Where the 2022 transcription is incomplete or copied from another set and the signed sheet is
# complete, the signed sheet's sections replace it (labels stay those of the 2022 set for the same
# codes). Each entry: set, sheet, the section codes taken whole (`sections`) or the criteria whose
# points and maxima are taken (`points`, option texts agreeing), and why.
SIGNED_TAKEN = [
    dict(set=DOCK, sheet=16, sections=["6", "7"], reason=(
        "Part C sections 6 (CHỈ TIÊU CẢM QUAN) and 7 (TÍNH ĐỘC ĐÁO) are taken from Decision 1048/QĐ-TTg as signed, "
        "sheet 16. The 2022 transcription is defective there: its rows for 6.2, 6.3 and 6.5 carry the option "
        "texts and points of 'Đồ uống không cồn' 6.2–6.4, the fifth options of 6.3 and 6.5 and the fourth of 6.2 "
        "are missing, and the part totals 38 (legal-1048.md §7 item 1; gaps-1048.md §3). The signed sheet prints "
        "a complete block that adds up to its own maxima and to 40: 6.1 0/1/3, 6.2 0/1/2/3, 6.3 0/1/2/4/6, 6.5 "
        "0/1/3/5/8 (sensory 20; still numbered 6.1, 6.2, 6.3, 6.5, as in Rượu trắng) and 7 0/2/3/5. This "
        "resolves the 98-point gap: the gap and the inferred patch of gaps-1048.md §8 (6.5 top option 6 → 8) are "
        "dropped. The 2022 readings, for the record: %s.")),
    dict(set=TUONG, sheet=10, points=["7"], reason=(
        "The points of 7 TÍNH ĐỘC ĐÁO are taken from Decision 1048/QĐ-TTg as signed, sheet 10, which prints the "
        "same four options at 0/1/3/5 (max 5), the ladder of 'Gia vị khác' and of 18 of the 20 sets with this "
        "section; the option texts stay the 2022 transcription's (the sheet prints the same four). The 2022 "
        "transcription reads 0/1/2/3 (max 3), which left Part C at 38 (legal-1048.md §7 item 1; gaps-1048.md §5); "
        "every other criterion of the part agrees in points with the signed sheet, so the deficit was in this "
        "section alone. The gap and the inferred patch of gaps-1048.md §8 (0/1/2/3 → 0/1/3/5, which the signed "
        "sheet confirms) are dropped. The 2022 reading, for the record: %s.")),
]


def reading_of(sections):
    """A compact record of sections' criteria: 'code title [max]: text p / text p'."""
    out = []
    for sec in sections:
        for c in sec["criteria"]:
            out.append("%s %s [max %d]: %s" % (c["code"], c["title"], c["max"], " / ".join(
                "%s %d" % (o["text"], o["points"]) for o in c.get("options", []))))
    return "; ".join(out)


def take_signed(sets, sheets):
    """Apply SIGNED_TAKEN. Returns {set: [criterion codes taken]}."""
    taken = {}
    for t in SIGNED_TAKEN:
        s = sets[t["set"]]
        sheet = sheets[t["sheet"] - 1]
        labels_2022 = {("section", sec["code"]): sec["label"] for _, sec in iter_sections(s)}
        labels_2022.update({("criterion", c["code"]): c["label"] for c in iter_criteria(s)})

        def labels(kind, sid, code, title, _l=labels_2022):
            return _l.get((kind, code), "")

        signed = sg.build_set(sheet, t["set"], s["name"], s["nganh"], s["nhom"], labels)
        new = {sec["code"]: sec for _, sec in iter_sections(signed)}
        codes = []
        if t.get("sections"):
            before = [copy.deepcopy(sec) for _, sec in iter_sections(s) if sec["code"] in t["sections"]]
            for p in s["parts"]:
                for i, sec in enumerate(p["sections"]):
                    if sec["code"] in t["sections"]:
                        p["sections"][i] = copy.deepcopy(new[sec["code"]])
                        for c in p["sections"][i]["criteria"]:
                            if not c["label"]:
                                fail("%s %s: no 2022 label for this code" % (t["set"], c["code"]))
                            codes.append(c["code"])
        else:
            before = []
            for code in t["points"]:
                c, nc = find(s, code), find(signed, code)
                before.append(OrderedDict(criteria=[copy.deepcopy(c)]))
                if [sg.norm_text(o["text"]) for o in c["options"]] != [sg.norm_text(o["text"]) for o in nc["options"]]:
                    fail("%s %s: option texts differ from the signed sheet" % (t["set"], code))
                for o, no in zip(c["options"], nc["options"]):
                    o["points"] = no["points"]
                c["max"] = nc["max"]
                codes.append(code)
            for _, sec in iter_sections(s):
                sec["max"] = sum(c["max"] for c in sec["criteria"] if "parent" not in c)
        s["notes"].append(t["reason"] % reading_of(before))
        taken[t["set"]] = codes
    return taken


def build_gao(sheets, cls_row, sets):
    """The rice set of qd1048-781: sheet 3 of the decision as signed (no 781-era copy exists)."""
    sheet = sheets[sg.RICE_SHEET - 1]
    labels = sg.make_labeler([sets[k] for k in sorted(sets)])
    s = sg.build_set(sheet, GAO, cls_row["phan_nhom_s1"], cls_row["nganh"], cls_row["nhom_781"], labels,
                     source=GAO_SOURCE)
    for m in labels.missing:
        fail("gao: no English label for %s %s %s %r" % m)
    s["notes"] = [
        "Transcribed from Decision 1048/QĐ-TTg as signed, Phụ lục III sheet 3 (raw-1048-as-signed.txt), by "
        "tools/signed_1048.py; the same table as qd1048-2019/gao-ngu-coc.json. It replaces the reconstruction "
        "of gaps-1048.md §2.2, which the printed sheet shows to be wrong in Part C (sensory 6.1–6.5 worth 15, "
        "not 6.1–6.6 worth 18; 7 DINH DƯỠNG worth 5, not 2; 10 scored 0/1/2/3/5). Parts A and B have the "
        "reconstruction's points, criterion by criterion; the sheet words 1.2's options for grain (Sơ chế (xay "
        "xát,...) / Tinh chế / …), titles 1.3, 1.4, 2.3 and 3.1 differently, and prints the 1.1 knock-out 'Bị loại "
        "nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ nguồn gốc', which the reconstruction (Parts A/B "
        "copied from the 2022 Rau, củ, quả, hạt tươi) lacked.",
    ] + sg.notes_2019(sheet, s) + [
        "The 781 gates are placed as in the sibling sets of 781's 'Nhóm 1' and are all inferred.",
    ]
    return s


# ---------------------------------------------------------------- verification

def crit_max_expected(c, sec, inferred=False):
    if c.get("header"):
        return sum(x["max"] if not inferred else crit_max_expected(x, sec, True)
                   for x in sec["criteria"] if x.get("parent") == c["code"])
    if c.get("yes_no"):
        return c["max"]
    pts = [o.get("inferred", {}).get("points", o["points"]) if inferred else o["points"] for o in c["options"]]
    return max(pts)


def verify_set(s, raw=None, taken=()):
    sid = s["id"]
    codes = Counter(c["code"] for c in iter_criteria(s))
    for k, v in codes.items():
        if v > 1:
            fail("%s: code %s used %d times" % (sid, k, v))
    seccodes = Counter(sec["code"] for _, sec in iter_sections(s))
    for k, v in seccodes.items():
        if v > 1:
            fail("%s: section code %s used %d times" % (sid, k, v))
    allc = {c["code"]: c for c in iter_criteria(s)}
    gaps = Counter()
    for g in s["gaps"]:
        gaps[g["part"]] += g["points"]
    total = total_inf = 0
    if [p["part"] for p in s["parts"]] != ["A", "B", "C"]:
        fail("%s: parts not A, B, C" % sid)
    for p in s["parts"]:
        if p["max"] != PART_MAX[p["part"]]:
            fail("%s part %s max %d" % (sid, p["part"], p["max"]))
        psum = psum_inf = 0
        for sec in p["sections"]:
            smax = smax_inf = 0
            for c in sec["criteria"]:
                exp = crit_max_expected(c, sec)
                if c["max"] != exp:
                    fail("%s %s: max %d, expected %d" % (sid, c["code"], c["max"], exp))
                if c.get("header"):
                    if c.get("options"):
                        fail("%s %s: header with options" % (sid, c["code"]))
                    if not any(x.get("parent") == c["code"] for x in sec["criteria"]):
                        fail("%s %s: header without children" % (sid, c["code"]))
                elif not c.get("yes_no") and not c.get("options"):
                    fail("%s %s: no options" % (sid, c["code"]))
                if "parent" in c:
                    par = allc.get(c["parent"])
                    if not par or not par.get("header"):
                        fail("%s %s: parent %s is not a header" % (sid, c["code"], c["parent"]))
                else:
                    smax += c["max"]
                    smax_inf += crit_max_expected(c, sec, True)
                if "applies_if" in c:
                    ref_c = allc.get(c["applies_if"]["criterion"])
                    if not ref_c:
                        fail("%s %s: applies_if points at missing %s" % (sid, c["code"], c["applies_if"]["criterion"]))
                    elif not all(1 <= i <= len(ref_c["options"]) for i in c["applies_if"]["options"]):
                        fail("%s %s: applies_if options out of range" % (sid, c["code"]))
                if "cases" in c:
                    cs = [o.get("case") for o in c["options"]]
                    if any(x not in range(1, len(c["cases"]) + 1) for x in cs) or cs != sorted(cs):
                        fail("%s %s: bad case numbers %r" % (sid, c["code"], cs))
                elif any("case" in o for o in c.get("options", [])):
                    fail("%s %s: case without cases" % (sid, c["code"]))
                if "knockout" in c and c["knockout"]["kind"] not in ("eliminated", "halted"):
                    fail("%s %s: bad knockout kind" % (sid, c["code"]))
                for o in c.get("options", []):
                    if not isinstance(o["points"], int):
                        fail("%s %s: non-integer points" % (sid, c["code"]))
                    g = o.get("gate")
                    if g:
                        if sid == TOURISM:
                            fail("%s: gate in tourism set" % sid)
                        if g["stars"] not in (2, 3, 4, 5):
                            fail("%s %s: gate stars %r" % (sid, c["code"], g["stars"]))
                        plain = "inferred" not in g
                        is_high = c["title"] == "Mức độ tinh xảo/sắc nét của sản phẩm" and g["stars"] == 3
                        if plain != is_high:
                            fail("%s %s: plain gate only allowed for the TCMN 6.1 3★ row" % (sid, c["code"]))
            if sec["max"] != smax:
                fail("%s section %s: max %d, sum %d" % (sid, sec["code"], sec["max"], smax))
            psum += smax
            psum_inf += smax_inf
        if psum != PART_MAX[p["part"]] - gaps[p["part"]]:
            fail("%s part %s: sum %d, expected %d - gap %d" % (sid, p["part"], psum, PART_MAX[p["part"]], gaps[p["part"]]))
        total += psum
        total_inf += psum_inf
    if total + sum(gaps.values()) != TOTAL_MAX:
        fail("%s: total %d + gaps %d != 100" % (sid, total, sum(gaps.values())))
    if total_inf != TOTAL_MAX:
        fail("%s: total with inferred points %d != 100" % (sid, total_inf))
    if raw is not None:
        # criteria taken from the signed sheet (SIGNED_TAKEN) are not the 2022 rows
        taken_secs = {t.split(".")[0] for t in taken}
        flat = [c for c in iter_criteria(s) if c["code"].split(".")[0] not in taken_secs]
        rflat = [rc for sec in raw["sections"] for rc in sec["criteria"]
                 if split_section(sec["section"])[0] not in taken_secs]
        if len(flat) != len(rflat):
            fail("%s: %d criteria vs raw %d" % (sid, len(flat), len(rflat)))
        for c, rc in zip(flat, rflat):
            opts = c.get("options", [])
            if len(opts) != len(rc["options"]):
                fail("%s %s: %d options vs raw %d" % (sid, c["code"], len(opts), len(rc["options"])))
            if [o["points"] for o in opts] != [o["points"] for o in rc["options"]]:
                fail("%s %s: points differ from raw" % (sid, c["code"]))
            if [o["text"] for o in opts] != [o["text"] for o in rc["options"]]:
                fail("%s %s: texts differ from raw" % (sid, c["code"]))
            if c.get("notes", []) != ([rc["note"]] if rc["note"] else []):
                fail("%s %s: notes differ from raw" % (sid, c["code"]))
            if bool(c.get("header")) != rc["is_group_header"]:
                fail("%s %s: header flag differs from raw" % (sid, c["code"]))
            # every suspicious note is classified
            if rc["note"] and SUSPICIOUS.search(rc["note"]) and "knockout" not in c:
                fail("%s %s: note with disqualifying wording not classified: %r" % (sid, c["code"], rc["note"]))
        cm = raw["computed_max"]
        got = {p["part"]: sum(sec["max"] for sec in p["sections"]) for p in s["parts"]}
        if got != cm and not taken:
            fail("%s: part sums %r differ from raw computed_max %r" % (sid, got, cm))
    return total, total_inf


def counts(s):
    ncrit = sum(1 for _ in iter_criteria(s))
    ngate = sum(1 for c in iter_criteria(s) for o in c.get("options", []) if "gate" in o)
    ninf = sum(1 for c in iter_criteria(s) for o in c.get("options", []) if "gate" in o and "inferred" in o["gate"])
    return ncrit, ngate, ninf


def cross_check_secondary(sets, ref):
    # Rau, củ, quả, hạt tươi vs the 2020 dump
    t2020 = parse_md_tables(os.path.join(ref, "raw-1048-rau-cu-qua-hat-tuoi-2020dump.md"), r"^## Phần A")
    mine = [[o["points"] for o in c["options"]] for c in iter_criteria(sets[RAU]) if c.get("options")]
    theirs = [[p for _, p in c] for c in t2020]
    nopt = sum(len(x) for x in theirs)
    if mine != theirs or nopt != 113:
        fail("rau-cu-qua-hat-tuoi: 2020 dump points differ (%d options)" % nopt)
    # tourism vs raw-781
    t781 = parse_md_tables(os.path.join(ref, "raw-781-du-lich-cong-dong-diem-du-lich.md"), r"^## Phần A")
    mine = [[(o["text"], o["points"]) for o in c["options"]] for c in iter_criteria(sets[TOURISM])]
    if mine != t781:
        fail("tourism: raw-781 transcription differs")
    return nopt


# ---------------------------------------------------------------- README

def md_escape(t):
    return t.replace("|", "\\|").replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")


def write_readme(path, sets, order, cls_rows, applied, summary, nopt2020):
    L = []
    a = L.append
    a("# Edition qd1048-781: Decision 1048/QĐ-TTg as amended by 781/QĐ-TTg")
    a("")
    a("Generated by `tools/convert_1048.py` from `shared/reference/1048-781/` (do not edit by hand; re-run the")
    a("converter). File names below refer to that reference folder.")
    a("")
    a("## Provenance")
    a("")
    a("- **Regime.** 1048/QĐ-TTg was signed on 21 Aug 2019; 781/QĐ-TTg of 8 Jun 2020 amended some of its annexes; "
      "both were replaced by 148/QĐ-TTg of 24 Feb 2023 (legal-1048.md §1; legal-781.md §1).")
    a("- **Parts.** A 35 (Sản phẩm và sức mạnh của cộng đồng), B 25 (Khả năng tiếp thị), C 40 (Chất lượng sản "
      "phẩm), total 100: Điều 1, quoted verbatim on ciptek.vn and truyenhinhcapsongthu.net (legal-1048.md §2). Part "
      "titles in the data are the part headings of the raw files (`raw-1048-<set>.md`).")
    a("- **Tables.** No 781-era copy of the official annex (Phụ lục III) was available. 25 sets come from an unofficial "
      "transcription of the tables as used in 2022: the MySQL seed dump of a provincial OCOP scoring app, GitHub "
      "`tranquangduc24011999/ommani_ocop`, `ocop-web-master/ocop-web-master/mysql/init.sql` (commit 38ed3c1e…; rows "
      "created 2022-05-26), in machine-readable form in `raw-1048-all-sets.json` (legal-1048.md §0, §3; README of the "
      "reference folder). Each of them has the original decision as a second source: Decision 1048/QĐ-TTg as signed "
      "(`raw-1048-as-signed.txt`, the legal-text publisher's Word copy, with all 26 sheets of Phụ lục III), read by "
      "`tools/signed_1048.py`. Every set's `source` field repeats the 2022 provenance string verbatim.")
    a("- **Gạo, ngũ cốc.** The 2022 transcription has no rows for this phân nhóm. `gao-ngu-coc` is sheet 3 of the "
      "decision as signed, transcribed by `tools/signed_1048.py` (status `transcribed`, scored by default); no "
      "781-era copy of it has been seen. It replaces the reconstruction of gaps-1048.md §2.2, which the printed "
      "sheet shows to be wrong in Part C. Its 781 minimums are inferred, as in the sibling sets.")
    a("- **Where the signed sheet replaces the 2022 reading.** Only where the 2022 transcription is defective and the "
      "signed sheet complete: Part C sections 6–7 of `do-uong-co-con-khac` (rows copied from Đồ uống không cồn, "
      "options missing, 98 points) and the points of 7 TÍNH ĐỘC ĐÁO in `tuong-nuoc-mam-gia-vi-dang-long-khac` (0/1/2/3, "
      "98 points). Both sets now total 100; their notes record the 2022 readings. Everywhere else the two readings "
      "may differ, the 781-era reading is kept, since 781 may have changed it, and both are recorded in "
      "`second_source`. `disqualified_when` is each sheet's 'Bị loại khi' clause (the 2022 transcription has none).")
    a("- **Second source.** `second_source` records, for every set, the comparison with its signed sheet made by "
      "`tools/compare_1048.py` (texts after Unicode NFC and whitespace normalisation, without the box; option points; "
      "criterion maxima as printed; section maxima; titles; the knock-out each note encodes), with every difference "
      "and its resolution; CI re-runs the comparison against the reference folder. `here` is this file's reading, "
      "`other` the signed sheet's.")
    a("- **Status.** `cross-checked` where the signed sheet agrees with the set everywhere (%s), and "
      "`rau-cu-qua-hat-tuoi`, whose independent 2020 transcription (`OCOP_DB` phpMyAdmin dump, "
      "`raw-1048-rau-cu-qua-hat-tuoi-2020dump.md`) has all %d options in the same order with the same points "
      "(legal-1048.md §0; re-checked by the converter). The other sets are `transcribed`." % (
          ", ".join("`%s`" % sid for sid in order if sets[sid]["second_source"]["outcome"] == "agrees"), nopt2020))
    a("- **Tourism set.** `dich-vu-du-lich-cong-dong-va-diem-du-lich` is the post-781 set. A second transcription of the "
      "same dump rows (`raw-781-du-lich-cong-dong-diem-du-lich.md`) agrees option for option (checked by the converter); "
      "it is not an independent source, and the signed decision has no counterpart (781 replaced its sheet 26, "
      "'Dịch vụ du lịch - truyền thống - lễ hội', which is `qd1048-2019/dich-vu-du-lich-truyen-thong-le-hoi.json`).")
    a("- **Classification** (`classification.json`): the 26 phân nhóm of `raw-1048-classification.md`, reconstructed from "
      "the 2020 `OCOP_DB` tables and the 2022 `product_types` table. Phụ lục I of the decision as signed "
      "(`raw-1048-as-signed.txt`, `qd1048-2019/classification.json`) has the same rows in the same order (checked by "
      "`tools/signed_1048.py`), but for the tourism nhóm and the spelling 'Cà phê, Ca cao' of one nhóm. 781 renamed "
      "the tourism nhóm 'Dịch vụ du lịch - truyền thống - lễ hội' to 'Dịch vụ du lịch cộng đồng và điểm du lịch' "
      "(legal-781.md §2.1, source yenbai.gov.vn). Phân nhóm names follow the sets' names (2022 dump); the 2020 dump "
      "spells two of them differently: 'Tương, nước mắm, gia vị lỏng khác' and 'Cà phê, ca cao'.")
    a("- `edition.json` (dates, part maxima, star bands, rounding) is maintained separately; this converter does not "
      "write it.")
    a("")
    a("## Conventions used in the data")
    a("")
    a("- Codes are the printed numbers without the trailing dot; a section that is itself the criterion has the "
      "section's code and title. Titles, option texts and notes are verbatim from `raw-1048-all-sets.json`, typos "
      "included (double spaces, `\\r\\n` inside two notes). Criterion `label`s are the JSON's English glosses; section "
      "labels (and the labels of section-criteria) are the English glosses printed in the raw md files.")
    a("- Criterion `max` is the highest option; a group header (`header: true`; tea and coffee 6.1/6.2) has no options "
      "and max = sum of its children, which carry `parent`. Section `max` is computed (the dump prints none). Part "
      "`max` is the decision's 35/25/40; where the recovered table is short, `gaps` says by how much.")
    a("- No set of this edition has a yes/no criterion or an empty points cell. `disqualified_when` is the 'Bị loại "
      "khi' clause of the same phân nhóm's signed sheet (null for tourism, which has none).")
    a("- Two alternative cases: `cases` = ['Trường hợp 1', 'Trường hợp 2'] (the 2022 transcription has no headings) "
      "and each option's `case`; the split is read from the point ladders, as the raw md files mark it. "
      "`gao-ngu-coc` has the printed headings of its sheet ('a. Trường hợp 1: …').")
    a("- `applies_if` on 5.2 and 5.3 (note 'Chỉ áp dụng khi có câu chuyện…') lists every 5.1 option except option 1 "
      "'Không có câu chuyện…'. The tourism set prints no such note and has no 'no story' option, so it has none.")
    a("- Inferred data never replaces recovered data: a proposed point correction is an option's `inferred`, and an "
      "inferred 781 minimum is a gate with `inferred`.")
    a("")
    a("## Sets")
    a("")
    a("| set | name | status | A/B/C | total | gaps | criteria | gates (inferred) | second source |")
    a("|---|---|---|---|---|---|---|---|---|")
    for sid in order:
        s = sets[sid]
        row = summary[sid]
        gp = ", ".join("%s %+d" % (g["part"], -g["points"]) if g["points"] else "%s 0 (code glitch)" % g["part"]
                       for g in s["gaps"]) or "—"
        ss = s["second_source"]
        a("| `%s` | %s | %s | %d/%d/%d | %d | %s | %d | %d (%d) | %s%s |" % (
            sid, s["name"], s["status"], row["A"], row["B"], row["C"], row["total"], gp, row["ncrit"],
            row["ngate"], row["ninf"], ss["outcome"],
            " (%d)" % len(ss["differences"]) if ss.get("differences") else ""))
    a("")
    a("## Comparison with Decision 1048/QĐ-TTg as signed")
    a("")
    a("Differences by kind (`tools/compare_1048.py`; every one is listed, with both readings and its resolution, in "
      "the set's `second_source`). Most are wordings and punctuation ('…' / '...'); the point differences are "
      "printed maxima that disagree with the sheet's own options, and one option the signed text lacks.")
    a("")
    kinds = ["text", "title", "points", "max", "section_max", "missing", "extra", "knockout"]
    a("| set | sheet | outcome | " + " | ".join(kinds) + " |")
    a("|---|---|---|" + "---|" * len(kinds))
    for sid in order:
        ss = sets[sid]["second_source"]
        c = cmp.counts(ss)
        m = re.search(r"sheet (\d+)", ss["source"])
        a("| `%s` | %s | %s | %s |" % (sid, m.group(1) if m else "—", ss["outcome"],
                                      " | ".join(str(c[k]) for k in kinds)))
    a("")
    def on_parent(sid, code):
        c = find(sets[sid], code)
        return c is not None and "parent" in c and "knockout" in find(sets[sid], c["parent"])

    lacking = [(sid, d["at"], d["other"]) for sid in order for d in sets[sid]["second_source"].get("differences", [])
               if d["what"] == "knockout" and "here" not in d and not on_parent(sid, d["at"])]
    a("Knock-outs that the signed sheet prints and the 2022 transcription lacks are not added to this edition (the "
      "781-era reading is kept, and 781's text is unknown); they are: %s. Other `knockout` differences are wordings "
      "of the same clause, or the same clause recorded on another criterion (tea and coffee print the impurity note "
      "under 6.1.1, the 2022 transcription under 6.1)." % "; ".join(
          "`%s` %s (%s)" % (sid, at, md_escape(other)) for sid, at, other in lacking))
    a("")
    a("The set without a signed counterpart is `dich-vu-du-lich-cong-dong-va-diem-du-lich` (781 replaced the sheet).")
    a("")
    a("## Gaps and defects per set, and how each glitch was resolved")
    a("")
    a("Each set's `gaps` and `notes` carry the same text; this is the full list.")
    a("")
    for sid in order:
        s = sets[sid]
        a("### `%s` (%s)" % (sid, s["name"]))
        a("")
        for g in s["gaps"]:
            a("- **Gap, Part %s, %d points:** %s" % (g["part"], g["points"], g["text"]))
        for n in s["notes"]:
            a("- %s" % n)
        if not s["gaps"] and not s["notes"]:
            a("- none")
        a("")
    a("## Knock-out notes")
    a("")
    a("Every note of every set was searched for 'Bị loại nếu', 'sẽ bị loại bỏ', 'không đánh giá các bước tiếp theo' and "
      "'không xem xét các chỉ tiêu khác' (any case), and for other disqualifying wording ('loại', 'không đạt', 'dừng', "
      "'bỏ qua', 'vi phạm'); the converter fails if a note with such wording is left unclassified. Rule: 'Bị loại nếu' "
      "→ `eliminated`, text from that phrase on; 'sẽ bị loại bỏ' (intellectual-property violation) → `eliminated`; "
      "'không đánh giá các bước tiếp theo' / 'không xem xét các chỉ tiêu khác' → `halted`. The knockout text is the "
      "clause after the 'Ghi chú:' / 'Chú ý:' label of the line that holds the phrase (legal-1048.md §4.3). What "
      "'halted' means for the stars is defined in no source (legal-1048.md §4.3, §7 item 7). A knock-out phrased "
      "in points ('Nếu được 0 điểm …', 'Nếu bị 0 Điểm …') carries `zero_points: true`: it applies by itself when "
      "the council's points on the criterion are 0; one printed after a group ('tại một trong các chỉ tiêu "
      "trên') is recorded on every criterion of the group.")
    a("")
    a("| set | criterion | kind | text |")
    a("|---|---|---|---|")
    for sid in order:
        for c in iter_criteria(sets[sid]):
            if "knockout" in c:
                a("| `%s` | %s | %s | %s |" % (sid, c["code"], c["knockout"]["kind"], md_escape(c["knockout"]["text"])))
    a("")
    a("Notes reviewed and not classified as knock-outs (no disqualifying wording): the explanatory notes on 1.3, 4.2, "
      "TÍNH ĐỘC ĐÁO ('Chất lượng: Có nét riêng…'), DINH DƯỠNG, the test-report notes on 8.1/8.2/9.1/9.2 ('Bản tiêu chuẩn "
      "sản phẩm cần có phiếu kiểm nghiệm…', 'Phiếu kiểm nghiệm định kỳ…'), 'Kiểm tra theo tiêu chuẩn công bố', the "
      "HIỆU QUẢ and TÍNH AN TOÀN evidence notes, the design notes of the craft and textile sets, the two-case notes "
      "and the 'Chỉ áp dụng khi có câu chuyện' notes (these become `cases` and `applies_if`).")
    a("")
    a("## 781 minimum criteria (gates)")
    a("")
    a("781 added Phụ lục II Mục 6, minimum criteria per star level, for every group except community tourism; only part "
      "of its Part C table is known (legal-781.md §2.2; gaps-1048.md §6.1, source tapchicongthuong.vn). 781's 'Nhóm 1…5' "
      "is read as the sectors in Điều 1's order: 1 Thực phẩm, 2 Đồ uống, 3 Thảo dược, 4 Vải và may mặc, 5 lưu niệm – "
      "nội thất – trang trí (the handicraft sets) (gaps-1048.md §6.2). Option thresholds follow gaps-1048.md §6.4. "
      "A gate sits on the minimum option; a tier's minimums include those of the tiers below (4★: 'Đáp ứng các yêu cầu "
      "của hạng 3 sao'). No gate is placed in the tourism set.")
    a("")
    rank = {sid: i for i, sid in enumerate(order)}

    def rows(rule):
        return sorted(applied.get(rule["id"], []), key=lambda r: rank[r[0]])

    a("### Shipped as plain gates (high confidence)")
    a("")
    for rule in GATE_RULES:
        if rule["confidence"] != "high":
            continue
        a("**%d★, \"%s\"** (gaps-1048.md §6.4, confidence high: the option repeats the clause word for word). "
          "Stored as `{\"stars\": %d}` on:" % (rule["stars"], rule["clause"], rule["stars"]))
        a("")
        for sid, code, idx, text, pts in rows(rule):
            a("- `%s` %s, option %d '%s' (%d points)" % (sid, code, idx, text, pts))
        a("")
    a("### Inferred gates (used only when inferred data is requested)")
    a("")
    a("Each is stored as `{\"stars\": S, \"inferred\": {\"basis\": \"gaps-1048.md §6.4: …\", \"confidence\": …}}`.")
    a("")
    for rule in GATE_RULES:
        if rule["confidence"] == "high":
            continue
        a("**%d★, \"%s\"**, confidence %s. Reading: %s." % (rule["stars"], rule["clause"], rule["confidence"],
                                                          rule["reading"]))
        a("")
        for sid, code, idx, text, pts in rows(rule):
            a("- `%s` %s, option %d '%s' (%d points)" % (sid, code, idx, text, pts))
        a("")
    a("### External minimums (no criterion on the sheet; not in the data)")
    a("")
    for stars, clause, sids, why in EXTERNAL_GATES:
        a("- %d★ \"%s\": %s. Sets: %s. A scorer needs a separate yes/no answer for it." % (
            stars, clause, why, ", ".join("`%s`" % x for x in sids)))
    a("- Unknown, so not modelled at all: the rest of the 4★ row (the clause 'Mức độ t…' is cut off), the whole 5★ row, "
      "any 1★ entry, and every Part A and Part B minimum (gaps-1048.md §6.1, §6.4). What happens when a minimum fails "
      "is not written in any source found; in 2020 the national council graded such products 'Không đạt' "
      "(legal-781.md §2.2).")
    a("")
    a("## Inferred point corrections (gaps-1048.md §8)")
    a("")
    a("Stored as `inferred` on the affected options; `points` keeps the recovered value. With it applied the 98-point "
      "set totals 100 (checked by the converter). The corrections of gaps-1048.md §8 for Đồ uống có cồn khác and "
      "Tương, nước mắm, gia vị dạng lỏng khác are dropped: the signed sheets settle both sets (see above).")
    a("")
    a("| set | criterion | recovered | inferred | confidence | basis |")
    a("|---|---|---|---|---|---|")
    for p in POINT_PATCHES:
        a("| `%s` | %s | %s | %s | %s | %s |" % (p["set"], p["code"], "/".join(map(str, p["before"])),
                                                "/".join(map(str, p["after"])), p["confidence"], p["basis"]))
    a("")

    a("## Unresolved")
    a("")
    a("- Thực phẩm chức năng… totals 98: the decision itself prints 10 KIỂM TRA ĐỊNH KỲ at 5 over options 0/1/3 "
      "(legal-1048.md §7 item 1; gaps-1048.md §4); the missing points are unknown.")
    a("- 'Tương đối đồng đều' = 3 in `che-bien-tu-gao-ngu-coc` 6.2 (0/1/3/3), the missing section 8 of "
      "`thit-trung-sua-tuoi` and the duplicated coffee code 6.1.3 are printed so in the signed decision too.")
    a("- The Part C sensory option texts are the least reliable part of the tables: the app's guidance notes quote "
      "different wordings for some of them (legal-1048.md §7 item 6).")
    a("- Whether 781 changed any food, drink or craft sheet (legal-781.md §2.3).")
    a("- The 781 minimum-criteria table beyond the recovered clauses, and the meaning of 'halted' for star levels.")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


# ---------------------------------------------------------------- main

def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        print("usage: python3 tools/convert_1048.py <reference folder>", file=sys.stderr)
        return 2
    ref = sys.argv[1]
    raw_all = json.loads(read(os.path.join(ref, "raw-1048-all-sets.json")), object_pairs_hook=OrderedDict)
    cls_rows = parse_classification(os.path.join(ref, "raw-1048-classification.md"))
    if len(cls_rows) != 26:
        fail("classification: %d rows, expected 26" % len(cls_rows))
    cls_by_set = {r["set"]: r for r in cls_rows if r["set"]}
    gao_row = [r for r in cls_rows if r["set"] is None]
    if len(gao_row) != 1 or gao_row[0]["phan_nhom_s1"] != "Gạo, ngũ cốc":
        fail("classification: expected exactly one row without a set (Gạo, ngũ cốc)")

    sets, raw_by_id = OrderedDict(), {}
    for raw_name, raw in raw_all.items():
        name = "Vải, may mặc" if raw["phan_nhom"] == "Ngành vải, may mặc" else raw["phan_nhom"]
        sid = slug(name)
        if sid not in cls_by_set:
            fail("%s: not in the classification table" % sid)
            continue
        s = build_set(raw_name, raw, ref, cls_by_set[sid])
        if s:
            sets[sid] = s
            raw_by_id[sid] = raw
    if len(sets) != 25:
        fail("%d recovered sets, expected 25" % len(sets))
    apply_patches(sets)

    # the decision as signed
    try:
        sheets = sg.parse_sheets(ref)
        sheet_of = cmp.sheet_of_781(sheets, ref)
    except sg.SheetError as e:
        print("PARSE FAILED (raw-1048-as-signed.txt): %s" % e, file=sys.stderr)
        return 1
    for f in sg.unused_fixes(sheets):
        fail(f)
    taken = take_signed(sets, sheets)
    sets[GAO] = build_gao(sheets, gao_row[0], sets)
    for sid, s in sets.items():
        sheet = sheet_of.get(sid)
        if sheet is None:
            if sid != TOURISM:
                fail("%s: no signed sheet" % sid)
            continue
        if s["disqualified_when"] is None and sheet["disqualified_when"]:
            s["disqualified_when"] = sheet["disqualified_when"]
            if sid != GAO:
                s["notes"].append("`disqualified_when` is the 'Bị loại khi' clause of the same phân nhóm's sheet "
                                  "in Decision 1048/QĐ-TTg as signed (sheet %d); the 2022 transcription has no such "
                                  "clause." % sheet["number"])

    # gates
    applied = {}
    for sid, s in sets.items():
        group = NGANH_GROUP[s["nganh"]]
        hits = apply_gates(s, group, applied)
        gate_note(s, hits, group)
        if group is not None:
            ids = {r["id"] for r, _, _ in hits}
            if group in (1, 2, 3):
                decl = ids & {"3s-congbo-8.1", "3s-congbo-9.1", "3s-congbo-herbal"}
                if len(decl) != (0 if sid == TPCN else 1):
                    fail("%s: declaration gates %r" % (sid, decl))
                for need in ("3s-dambao", "4s-docdao"):
                    if need not in ids:
                        fail("%s: missing gate %s" % (sid, need))
            if group == 4 and ids != {"3s-vai-thammy", "4s-vai-docdao"}:
                fail("%s: gates %r" % (sid, ids))
            if group == 5 and ids != {"2s-tcmn-congbo", "3s-tcmn-congbo", "3s-tcmn-tinhxao", "4s-tcmn-tinhxao"}:
                fail("%s: gates %r" % (sid, ids))

    # second source (tools/compare_1048.py) and status
    for sid in list(sets):
        s = sets[sid]
        ss = cmp.second_source_781(s, sheet_of.get(sid))
        if ss["outcome"] == "agrees" and s["status"] == "transcribed":
            s["status"] = "cross-checked"
            s["notes"].append("Cross-checked: Decision 1048/QĐ-TTg as signed (sheet %d) agrees with this table in "
                              "every text, point value, maximum and knock-out (second_source)." %
                              sheet_of[sid]["number"])
        sets[sid] = sg.with_second_source(s, ss)

    # order: classification table order
    order = []
    for r in cls_rows:
        order.append(r["set"] or GAO)

    os.makedirs(OUT, exist_ok=True)
    for sid in order:
        write_json(os.path.join(OUT, sid + ".json"), sets[sid])

    cls_source = ("raw-1048-classification.md: Phụ lục I of 1048/QĐ-TTg reconstructed from two unofficial developer "
                  "databases (2020 OCOP_DB dump tables tb_nganh_sp/tb_nhom_sp/tb_phan_nhom_sp; 2022 "
                  "tranquangduc24011999/ommani_ocop init.sql product_types); the official annex was not seen")
    entries781 = []
    for r in cls_rows:
        sid = r["set"] or GAO
        pn = sets[sid]["name"]
        entries781.append(OrderedDict(nganh=r["nganh"], nhom=r["nhom_781"], phan_nhom=pn, set=sid))
    write_json(os.path.join(OUT, "classification.json"), OrderedDict(
        edition=EDITION, source=cls_source + "; tourism nhóm renamed by 781/QĐ-TTg (legal-781.md §2.1, yenbai.gov.vn)",
        entries=entries781))

    # ---- verification (re-read what was written)
    summary = {}
    written = {}
    for sid in order:
        written[sid] = json.loads(read(os.path.join(OUT, sid + ".json")), object_pairs_hook=OrderedDict)
        text = read(os.path.join(OUT, sid + ".json"))
        if not text.endswith("}\n"):
            fail("%s: file does not end with a newline" % sid)
        s = written[sid]
        if s["id"] != sid or slug(s["name"]) != sid:
            fail("%s: id/name slug mismatch" % sid)
        if sid != GAO and not os.path.exists(os.path.join(ref, "raw-1048-%s.md" % sid)):
            fail("%s: no raw md with this slug" % sid)
        total, total_inf = verify_set(s, raw_by_id.get(sid), taken.get(sid, ()))
        ss = s.get("second_source")
        if ss is None or json.dumps(ss, sort_keys=True) != json.dumps(cmp.second_source_781(s, sheet_of.get(sid)),
                                                                       sort_keys=True):
            fail("%s: second_source does not match the comparison" % sid)
        if sheet_of.get(sid) and s["disqualified_when"] != sheet_of[sid]["disqualified_when"]:
            fail("%s: disqualified_when differs from the signed sheet's 'Bị loại khi'" % sid)
        ncrit, ngate, ninf = counts(s)
        psums = {p["part"]: sum(sec["max"] for sec in p["sections"]) for p in s["parts"]}
        summary[sid] = dict(A=psums["A"], B=psums["B"], C=psums["C"], total=total, total_inf=total_inf,
                            ncrit=ncrit, ngate=ngate, ninf=ninf)
    for sid in (TPCN,):
        if summary[sid]["total"] != 98 or summary[sid]["total_inf"] != 100:
            fail("%s: expected 98 recovered / 100 inferred, got %d / %d" % (
                sid, summary[sid]["total"], summary[sid]["total_inf"]))
    for sid in (DOCK, TUONG, GAO):
        if summary[sid]["total"] != 100:
            fail("%s: expected 100, got %d" % (sid, summary[sid]["total"]))
    nopt2020 = cross_check_secondary(written, ref)
    for name in ("classification.json",):
        c = json.loads(read(os.path.join(OUT, name)))
        if len(c["entries"]) != 26:
            fail("classification: not 26 entries")
        for e in c["entries"]:
            if e["set"] not in written:
                fail("classification: unknown set %r" % e["set"])
            elif (written[e["set"]]["nganh"], written[e["set"]]["nhom"], written[e["set"]]["name"]) != (
                    e["nganh"], e["nhom"], e["phan_nhom"]):
                fail("classification: entry %r disagrees with its set" % e["set"])

    write_readme(os.path.join(OUT, "README.md"), written, order, cls_rows, applied, summary, nopt2020)

    # ---- summary table
    print("%-62s %5s %5s %5s %6s %6s %6s %6s" % ("set", "A", "B", "C", "total", "+inf", "#crit", "#gates"))
    for sid in order:
        r = summary[sid]
        print("%-62s %5d %5d %5d %6d %6d %6d %3d(%d)" % (sid, r["A"], r["B"], r["C"], r["total"], r["total_inf"],
                                                         r["ncrit"], r["ngate"], r["ninf"]))
    print("(+inf = total with inferred point corrections applied; #gates = gates (of which inferred))")
    if FAILURES:
        print("\nVERIFICATION FAILED (%d):" % len(FAILURES), file=sys.stderr)
        for f in FAILURES:
            print("  - " + f, file=sys.stderr)
        return 1
    print("\nverification passed: %d sets, classification, README (qd1048-781); now run tools/signed_1048.py for "
          "qd1048-2019" % len(order))
    return 0


if __name__ == "__main__":
    sys.exit(main())

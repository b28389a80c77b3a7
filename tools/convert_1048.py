#!/usr/bin/env python3
"""Convert the recovered 1048/QĐ-TTg (+781/QĐ-TTg) criteria tables into the
crate's criteria-set JSON format (see criteria/README.md).

Usage:
    python3 tools/convert_1048.py <reference folder>
    e.g. python3 tools/convert_1048.py ../shared/reference/1048-781

Reads (read-only): raw-1048-all-sets.json, raw-1048-<set>.md (part headings,
English section glosses, two-case markers), raw-1048-classification.md,
raw-1048-rau-cu-qua-hat-tuoi-2020dump.md and raw-781-du-lich-cong-dong-diem-du-lich.md
(cross-checks), gaps-1048.md (§2.2 table of the inferred Gạo set, checked
programmatically).

Writes:
    criteria/qd1048-781/<set-id>.json       25 recovered sets + gao-ngu-coc (inferred)
    criteria/qd1048-781/classification.json
    criteria/qd1048-781/README.md
    criteria/qd1048-2019/classification.json

Then verifies its own output and exits non-zero on any failure.
"""

import copy
import json
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "criteria", "qd1048-781")
OUT2019 = os.path.join(ROOT, "criteria", "qd1048-2019")

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

def slug(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


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


def parse_gao_table(path):
    """gaps-1048.md §2.2 table: {criterion code: [(text, points)]} and the 6.1 note."""
    text = read(path)
    sec = text[text.index("### 2.2 INFERRED reconstruction"):text.index("## 3. Gap 2a")]
    out, note61 = OrderedDict(), None
    for line in sec.splitlines():
        m = re.match(r"^\| (\d+) \| (.+?) \| (.+) \| (\d+) \| (.+?) \|$", line)
        if not m:
            continue
        secno, crit, opts = m.group(1), m.group(2), m.group(3)
        cm = re.match(r"^(\d+\.\d+) ", crit)
        code = cm.group(1) if cm else secno
        if ". Knock-out note" in opts:
            opts, rest = opts.split(". Knock-out note", 1)
            note61 = re.search(r'"(.+)"', rest).group(1)
        parsed = []
        for part in opts.split(" / "):
            pm = re.match(r"^(.*\S)\s+(\d+)$", part.strip())
            parsed.append((pm.group(1), int(pm.group(2))))
        out[code] = (parsed, int(m.group(4)))
    return out, note61


# ---------------------------------------------------------------- knock-outs

KO_PHRASES = [
    ("eliminated", re.compile(r"Bị loại nếu")),
    ("eliminated", re.compile(r"sẽ bị loại bỏ")),
    ("halted", re.compile(r"không đánh giá các bước tiếp theo", re.I)),
    ("halted", re.compile(r"không xem xét các chỉ tiêu khác", re.I)),
]
NOTE_LABEL = re.compile(r"(?:Ghi chú|Chú ý)\s*:\s*", re.I)
# wording that could signal a disqualification; every note matching it must be classified
SUSPICIOUS = re.compile(r"loại|không đánh giá|không xem xét|không đạt|dừng|bỏ qua|vi phạm", re.I)


# knock-outs phrased in points ("Nếu được/bị 0 điểm ..."): they apply by themselves when the council gives 0
ZERO_POINTS = re.compile(r"Nếu (?:được|bị) 0 điểm", re.I)


def knockout_of(note):
    ko = _knockout_of(note)
    if ko and ZERO_POINTS.search(ko["text"]):
        ko["zero_points"] = True
    return ko


def _knockout_of(note):
    for line in re.split(r"\r?\n", note):
        m = re.search(r"Bị loại nếu", line)
        if m:
            return OrderedDict(kind="eliminated", text=line[m.start():].strip())
        for kind, pat in KO_PHRASES[1:]:
            m = pat.search(line)
            if m:
                start = 0
                for lm in NOTE_LABEL.finditer(line[:m.start()]):
                    start = lm.end()
                return OrderedDict(kind=kind, text=line[start:].strip())
    return None


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
         crit=lambda c: c["title"].startswith("Hồ sơ công bố") and any(
             o["text"] == "Có Tiêu chuẩn sản phẩm, có Bản công bố tiêu chuẩn/chất lượng" for o in c["options"]),
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
    dict(set=TUONG, code="7", before=[0, 1, 2, 3], after=[0, 1, 3, 5], confidence="medium-high",
         basis="gaps-1048.md §5 and §8: 7. TÍNH ĐỘC ĐÁO is printed 0/1/2/3; 18 of the 20 other sets with this "
               "section score 'Độc đáo' 3 and 'Rất độc đáo' 5 (sibling 'Gia vị khác' 0/1/3/5): 0/1/2/3 → 0/1/3/5"),
    dict(set=DOCK, code="6.5", before=[0, 2, 4, 6], after=[0, 2, 4, 8], confidence="medium-low",
         basis="gaps-1048.md §3 and §8 (candidate B, preferred): Vị max 8 as in the sibling 'Rượu trắng'; "
               "minimal patch: top option 'Phù hợp, hấp dẫn' 6 → 8"),
    dict(set=TPCN, code="10", before=[0, 1, 3], after=[0, 2, 5], confidence="low",
         basis="gaps-1048.md §4 and §8: slot 10 of the sibling 'Trang thiết bị, dụng cụ y tế' layout is worth 5; "
               "KIỂM TRA ĐỊNH KỲ 0/1/3 → 0/2/5"),
]

GAPS = {
    DOCK: [OrderedDict(part="C", points=2, text=(
        "Part C of the recovered table totals 38, not 40: the sensory criteria are numbered 6.1, 6.2, 6.3, 6.5 and sum "
        "to 18 (20 in the sibling Rượu trắng). The missing 2 points are in no source found (legal-1048.md §7 item 1; "
        "gaps-1048.md §3). Rượu trắng skips 6.4 too and still totals 20, so no 6.4 can be copied from it. "
        "Inferred fix (flag only): 6.5 Vị top option 6 → 8."))],
    TPCN: [OrderedDict(part="C", points=2, text=(
        "Part C of the recovered table totals 38, not 40. Sections 6–13 are numbered without a gap and the set has no "
        "'Công bố chất lượng' section, unlike its herbal siblings; the missing 2 points are in no source found "
        "(legal-1048.md §7 item 1; gaps-1048.md §4, which places them most plausibly in 10. KIỂM TRA ĐỊNH KỲ, "
        "worth 5 in the same slot of Trang thiết bị, dụng cụ y tế). Inferred fix (flag only, low confidence): "
        "10 KIỂM TRA ĐỊNH KỲ 0/1/3 → 0/2/5."))],
    TUONG: [OrderedDict(part="C", points=2, text=(
        "Part C of the recovered table totals 38, not 40. The sensory block sums to 20 as in every processed-food set; "
        "the whole deficit is in 7. TÍNH ĐỘC ĐÁO, printed 0/1/2/3 (max 3) where 18 of the 20 other sets with this "
        "section have max 5 (legal-1048.md §7 item 1; gaps-1048.md §5). Inferred fix (flag only): 0/1/2/3 → 0/1/3/5."))],
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


KEY_ORDER = ["code", "title", "label", "max", "header", "parent", "yes_no", "notes", "knockout",
             "applies_if", "cases", "options"]


def reorder(c):
    items = OrderedDict((k, c[k]) for k in KEY_ORDER if k in c)
    for k in list(c.keys()):
        if k not in items:
            items[k] = c[k]
    c.clear()
    c.update(items)


def iter_criteria(s):
    for p in s["parts"]:
        for sec in p["sections"]:
            for c in sec["criteria"]:
                yield c


def iter_sections(s):
    for p in s["parts"]:
        for sec in p["sections"]:
            yield p, sec


def find(s, code):
    for c in iter_criteria(s):
        if c["code"] == code:
            return c
    return None


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
    if sid == DOCK:
        notes.append("Part C totals 38: see gaps. The inferred patch (6.5 top option 6 → 8, confidence medium-low) is "
                     "stored as option 'inferred' and is not default data. An alternative candidate, 6.1 Tạp chất lạ "
                     "0/1/3 → 0/3/5 as in Đồ uống không cồn, is not stored (gaps-1048.md §3).")
    if sid == TUONG:
        notes.append("Part C totals 38: see gaps. The inferred patch (7. TÍNH ĐỘC ĐÁO 0/1/2/3 → 0/1/3/5, confidence "
                     "medium-high) is stored as option 'inferred' and is not default data (gaps-1048.md §5, §8).")
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


# ---------------------------------------------------------------- inferred Gạo set

GAO_SPEC = [
    # code, inferred title (gaps-1048.md §2.2), sibling set, sibling code, points override
    ("6.1", "Tạp chất lạ", MATONG, "6.1", None),
    ("6.2", "Ngoại hình (kích thước, hình dạng, độ đồng đều của hạt)", CBGAO, "6.2", [0, 1, 2, 3]),
    ("6.3", "Màu sắc", CBGAO, "6.3", None),
    ("6.4", "Mùi", CBGAO, "6.4", None),
    ("6.5", "Vị", MATONG, "6.5", None),
    ("6.6", "Quy cách đóng gói", MATONG, "6.2", None),
]
GAO_RAU_SECTIONS = [("7", "7"), ("8", "8"), ("9", "9"), ("10", "10"), ("11", "11")]


def strip_gates(obj):
    for p in obj["parts"]:
        for sec in p["sections"]:
            for c in sec["criteria"]:
                for o in c.get("options", []):
                    o.pop("gate", None)


def build_gao(sets, ref, cls_row):
    rau = copy.deepcopy(sets[RAU])
    strip_gates(rau)
    s = OrderedDict()
    s["id"] = GAO
    s["name"] = cls_row["phan_nhom_s1"]
    s["nganh"] = cls_row["nganh"]
    s["nhom"] = cls_row["nhom_781"]
    s["status"] = "inferred"
    s["source"] = ("INFERRED, not sourced: reconstruction proposed in gaps-1048.md §2.2 from the recovered 1048/781 "
                   "sets (ommani_ocop init.sql via raw-1048-all-sets.json): Part A/B = Rau, củ, quả, hạt tươi; Part C "
                   "option texts from Mật ong…, Chế biến từ gạo, ngũ cốc and Rau, củ, quả, hạt tươi")
    s["basis"] = ("No source has the 1048 'Gạo, ngũ cốc' table (the 2022 dump lists the product type with no criteria "
                  "rows; legal-1048.md §3, gaps-1048.md §2.1). Part A and B are copied verbatim from "
                  "rau-cu-qua-hat-tuoi, because A/B are the same in all 24 non-tourism sets apart from 1.2 wording and "
                  "that set is confirmed by two dumps. Part C follows the 18/2/5/5/5/5 layout shared by Rau, củ, quả, "
                  "hạt tươi and Mật ong (the other phân nhóm of the same nhóm); sections 7–11 are copied verbatim from "
                  "Rau, củ, quả, hạt tươi, and the six sensory criteria borrow their option texts and ladders from "
                  "Mật ong 6.1/6.5/6.2 and Chế biến từ gạo, ngũ cốc 6.2/6.3/6.4. Only the selection is invented; "
                  "every text and point value exists in a 1048 sibling (gaps-1048.md §2.2).")
    s["disqualified_when"] = None
    s["gaps"] = []
    s["notes"] = [
        "INFERRED set: scored only on request, never as official 1048 data (gaps-1048.md §2.2 recommendation).",
        "Confidence per part (gaps-1048.md §0, §8): Part A high; Part B high; Part C section weights "
        "(6 = 18, 7 = 2, 8 = 5, 9 = 5, 10 = 5, 11 = 5) medium; the six sensory criteria 6.1–6.6 low.",
        "Criterion names 6.1–6.6 are the inferred names of gaps-1048.md §2.2 (backed by the 2023/2026 successor's rice "
        "set: Tạp chất / Kích thước, độ đồng đều / Màu sắc / Mùi, vị); their labels are the siblings' glosses.",
        "6.1 options from Mật ong… 6.1; its note and halted knockout from Chế biến từ gạo, ngũ cốc 6.1.",
        "6.2 options from Chế biến từ gạo, ngũ cốc 6.2, with 'Tương đối đồng đều' scored 2 instead of the printed 3 "
        "(gaps-1048.md §2.2 corrects that set's 0/1/3/3 typo to 0/1/2/3, as in the successor's rice 6.2).",
        "6.3 and 6.4 from Chế biến từ gạo, ngũ cốc 6.3 and 6.4; 6.5 from Mật ong… 6.5; 6.6 from Mật ong… 6.2.",
        "Alternative, also inferred and not stored: use rau-cu-qua-hat-tuoi unchanged as a stand-in (gaps-1048.md §2.2).",
        "The 781 gates are placed as in the sibling fresh/raw sets and are all inferred.",
        "Checked by this converter against the gaps-1048.md §2.2 table: every option text and point value matches.",
    ]
    parts = [copy.deepcopy(rau["parts"][0]), copy.deepcopy(rau["parts"][1])]
    # Part C
    rau_c = rau["parts"][2]
    rau_secs = {sec["code"]: sec for sec in rau_c["sections"]}
    sensory_title = rau_secs["6"]["title"]
    crits = []
    for code, title, sib, sibcode, override in GAO_SPEC:
        src = find(sets[sib], sibcode)
        c = OrderedDict(code=code, title=title, label=src["label"], max=0)
        if code == "6.1":
            gsrc = find(sets[CBGAO], "6.1")
            c["notes"] = list(gsrc["notes"])
            c["knockout"] = copy.deepcopy(gsrc["knockout"])
        opts = []
        for i, so in enumerate(src["options"]):
            o = OrderedDict(text=so["text"], points=override[i] if override else so["points"])
            opts.append(o)
        c["options"] = opts
        c["max"] = max(o["points"] for o in opts)
        crits.append(c)
    sensory = OrderedDict(code="6", title=sensory_title, label=rau_secs["6"]["label"],
                          max=sum(c["max"] for c in crits), criteria=crits)
    csecs = [sensory]
    for code, rcode in GAO_RAU_SECTIONS:
        csecs.append(copy.deepcopy(rau_secs[rcode]))
    for sec in csecs[1:]:
        for c in sec["criteria"]:
            for o in c.get("options", []):
                o.pop("inferred", None)
    parts.append(OrderedDict(part="C", title=rau_c["title"], max=PART_MAX["C"], sections=csecs))
    s["parts"] = parts
    for c in iter_criteria(s):
        reorder(c)
    # check against gaps-1048.md §2.2
    table, note61 = parse_gao_table(os.path.join(ref, "gaps-1048.md"))
    got = OrderedDict()
    for sec in csecs:
        for c in sec["criteria"]:
            got[c["code"]] = ([(o["text"], o["points"]) for o in c["options"]], c["max"])
    if list(table.keys()) != list(got.keys()):
        fail("gao: criteria codes %r differ from gaps-1048.md §2.2 %r" % (list(got), list(table)))
    for k, v in table.items():
        if got.get(k) != v:
            fail("gao %s: %r differs from gaps-1048.md §2.2 %r" % (k, got.get(k), v))
    if note61 != find(s, "6.1")["notes"][0]:
        fail("gao 6.1 note differs from gaps-1048.md §2.2")
    # Part A/B verbatim from Rau
    if json.dumps(parts[:2], ensure_ascii=False) != json.dumps(rau["parts"][:2], ensure_ascii=False):
        fail("gao: Part A/B not identical to rau-cu-qua-hat-tuoi")
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


def verify_set(s, raw=None):
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
        flat = list(iter_criteria(s))
        rflat = [rc for sec in raw["sections"] for rc in sec["criteria"]]
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
        if got != cm:
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
    a("- **Tables.** The official annex (Phụ lục III) was not available. All 25 recovered sets come from an unofficial "
      "transcription: the MySQL seed dump of a provincial OCOP scoring app, GitHub `tranquangduc24011999/ommani_ocop`, "
      "`ocop-web-master/ocop-web-master/mysql/init.sql` (commit 38ed3c1e…; rows created 2022-05-26), in machine-readable "
      "form in `raw-1048-all-sets.json` (legal-1048.md §0, §3; README of the reference folder). Every set's `source` "
      "field repeats that provenance string verbatim.")
    a("- **Status.** `rau-cu-qua-hat-tuoi` is `cross-checked`: an independent 2020 transcription (`OCOP_DB` phpMyAdmin "
      "dump, `raw-1048-rau-cu-qua-hat-tuoi-2020dump.md`) has all %d options in the same order with the same points "
      "(legal-1048.md §0; re-checked by the converter). The other 24 recovered sets are `transcribed` (one source). "
      "`gao-ngu-coc` is `inferred` (no source; see below)." % nopt2020)
    a("- **Tourism set.** `dich-vu-du-lich-cong-dong-va-diem-du-lich` is the post-781 set. A second transcription of the "
      "same dump rows (`raw-781-du-lich-cong-dong-diem-du-lich.md`) agrees option for option (checked by the converter); "
      "it is not an independent source. The pre-781 set 'Dịch vụ du lịch - truyền thống - lễ hội' was not recovered "
      "(gaps-1048.md §7), so `qd1048-2019/classification.json` maps that row to no set.")
    a("- **Classification** (`classification.json`): the 26 phân nhóm of `raw-1048-classification.md`, reconstructed from "
      "the 2020 `OCOP_DB` tables and the 2022 `product_types` table; the official Phụ lục I was not seen. 781 renamed "
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
    a("- No 1048 set has a yes/no criterion or an empty points cell; `disqualified_when` is null (a 2026 feature).")
    a("- Two alternative cases: `cases` = ['Trường hợp 1', 'Trường hợp 2'] (no headings are printed in this edition) "
      "and each option's `case`; the split is read from the point ladders, as the raw md files mark it.")
    a("- `applies_if` on 5.2 and 5.3 (note 'Chỉ áp dụng khi có câu chuyện…') lists every 5.1 option except option 1 "
      "'Không có câu chuyện…'. The tourism set prints no such note and has no 'no story' option, so it has none.")
    a("- Inferred data never replaces recovered data: a proposed point correction is an option's `inferred`, an inferred "
      "781 minimum is a gate with `inferred`, and the reconstructed Gạo set has status `inferred`.")
    a("")
    a("## Sets")
    a("")
    a("| set | name | status | A/B/C | total | gaps | criteria | gates (inferred) |")
    a("|---|---|---|---|---|---|---|---|")
    for sid in order:
        s = sets[sid]
        row = summary[sid]
        gp = ", ".join("%s %+d" % (g["part"], -g["points"]) if g["points"] else "%s 0 (code glitch)" % g["part"]
                       for g in s["gaps"]) or "—"
        a("| `%s` | %s | %s | %d/%d/%d | %d | %s | %d | %d (%d) |" % (
            sid, s["name"], s["status"], row["A"], row["B"], row["C"], row["total"], gp, row["ncrit"],
            row["ngate"], row["ninf"]))
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
    a("Stored as `inferred` on the affected options; `points` keeps the recovered value. With them applied the three "
      "98-point sets total 100 (checked by the converter).")
    a("")
    a("| set | criterion | recovered | inferred | confidence | basis |")
    a("|---|---|---|---|---|---|")
    for p in POINT_PATCHES:
        a("| `%s` | %s | %s | %s | %s | %s |" % (p["set"], p["code"], "/".join(map(str, p["before"])),
                                                "/".join(map(str, p["after"])), p["confidence"], p["basis"]))
    a("")
    a("The inferred set `gao-ngu-coc` follows gaps-1048.md §2.2 exactly (the converter compares it with that table): "
      "Part A/B high confidence, Part C section weights medium, sensory criteria low.")
    a("")
    a("## Unresolved")
    a("")
    a("- The correct values of the three 98-point sets (legal-1048.md §7 item 1; gaps-1048.md §3–5).")
    a("- Whether 'Tương đối đồng đều' = 3 in `che-bien-tu-gao-ngu-coc` 6.2 is a typo (legal-1048.md §7 item 2).")
    a("- Whether `thit-trung-sua-tuoi` lost a section 8 (legal-1048.md §7 item 8).")
    a("- Which coffee criterion the duplicated 6.1.3 really is in the printed annex.")
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
    sets[GAO] = build_gao(sets, ref, gao_row[0])

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

    # order: classification table order
    order = []
    for r in cls_rows:
        order.append(r["set"] or GAO)

    os.makedirs(OUT, exist_ok=True)
    os.makedirs(OUT2019, exist_ok=True)
    for sid in order:
        write_json(os.path.join(OUT, sid + ".json"), sets[sid])

    cls_source = ("raw-1048-classification.md: Phụ lục I of 1048/QĐ-TTg reconstructed from two unofficial developer "
                  "databases (2020 OCOP_DB dump tables tb_nganh_sp/tb_nhom_sp/tb_phan_nhom_sp; 2022 "
                  "tranquangduc24011999/ommani_ocop init.sql product_types); the official annex was not seen")
    entries781, entries2019 = [], []
    for r in cls_rows:
        sid = r["set"] or GAO
        pn = sets[sid]["name"]
        entries781.append(OrderedDict(nganh=r["nganh"], nhom=r["nhom_781"], phan_nhom=pn, set=sid))
        if sid == TOURISM:
            entries2019.append(OrderedDict(nganh=r["nganh"], nhom=r["nhom"], phan_nhom=r["phan_nhom_s1"], set=None,
                                           gap="the pre-781 tourism set was not recovered (gaps-1048.md §7)"))
        else:
            entries2019.append(OrderedDict(nganh=r["nganh"], nhom=r["nhom"], phan_nhom=pn, set=sid))
    write_json(os.path.join(OUT, "classification.json"), OrderedDict(
        edition=EDITION, source=cls_source + "; tourism nhóm renamed by 781/QĐ-TTg (legal-781.md §2.1, yenbai.gov.vn)",
        entries=entries781))
    write_json(os.path.join(OUT2019, "classification.json"), OrderedDict(
        edition="qd1048-2019", source=cls_source + "; original 1048 tourism group name as in the 2020 OCOP_DB dump "
                                                   "(before 781's renaming); sets are those of qd1048-781",
        entries=entries2019))

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
        total, total_inf = verify_set(s, raw_by_id.get(sid))
        ncrit, ngate, ninf = counts(s)
        psums = {p["part"]: sum(sec["max"] for sec in p["sections"]) for p in s["parts"]}
        summary[sid] = dict(A=psums["A"], B=psums["B"], C=psums["C"], total=total, total_inf=total_inf,
                            ncrit=ncrit, ngate=ngate, ninf=ninf)
    for sid in (DOCK, TPCN, TUONG):
        if summary[sid]["total"] != 98 or summary[sid]["total_inf"] != 100:
            fail("%s: expected 98 recovered / 100 inferred, got %d / %d" % (
                sid, summary[sid]["total"], summary[sid]["total_inf"]))
    nopt2020 = cross_check_secondary(written, ref)
    for name in ("classification.json",):
        c = json.loads(read(os.path.join(OUT, name)))
        c19 = json.loads(read(os.path.join(OUT2019, name)))
        if len(c["entries"]) != 26 or len(c19["entries"]) != 26:
            fail("classification: not 26 entries")
        for e in c["entries"]:
            if e["set"] not in written:
                fail("classification: unknown set %r" % e["set"])
            elif (written[e["set"]]["nganh"], written[e["set"]]["nhom"], written[e["set"]]["name"]) != (
                    e["nganh"], e["nhom"], e["phan_nhom"]):
                fail("classification: entry %r disagrees with its set" % e["set"])
        for e in c19["entries"]:
            if e["set"] is not None and e["set"] not in written:
                fail("classification 2019: unknown set %r" % e["set"])
        if [e["set"] for e in c19["entries"]].count(None) != 1:
            fail("classification 2019: expected exactly one null set")

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
    print("\nverification passed: %d sets, classification (qd1048-781, qd1048-2019), README" % len(order))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Parse the 26 score sheets of Decision 1048/QĐ-TTg as signed (Phụ lục III) and
write the qd1048-2019 edition's own tables.

Usage:
    python3 tools/signed_1048.py <reference folder>
    e.g. python3 tools/signed_1048.py ../shared/reference/1048-781

Reads (read-only): raw-1048-as-signed.txt (the decision as signed), and for the
second-source record of each set raw-1048-all-sets.json (the 2022 transcription)
through tools/compare_1048.py.

Writes:
    criteria/qd1048-2019/<set-id>.json      26 sets, one per signed sheet
    criteria/qd1048-2019/classification.json  Phụ lục I as signed
    criteria/qd1048-2019/README.md

As a module it gives `parse_sheets(ref)` (the sheets as printed, every misprint
resolved once through FIXES) and `build_set(sheet, ...)` (a sheet in the crate's
set-file shape, see criteria/README.md), used by convert_1048.py for the rice
set of qd1048-781 and by compare_1048.py.

Every sheet is verified: option maxima against printed criterion maxima, header
and section sums, part sums against the printed 35/25/40, total 100 except the
recorded gaps. Anything unexpected, including a fix that no longer matches the
text, makes the script exit non-zero.
"""

import copy
import itertools
import json
import os
import re
import sys
import unicodedata
from collections import OrderedDict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT2019 = os.path.join(ROOT, "criteria", "qd1048-2019")
OUT781 = os.path.join(ROOT, "criteria", "qd1048-781")
SIGNED_FILE = "raw-1048-as-signed.txt"
EDITION_2019 = "qd1048-2019"
PART_MAX = {"A": 35, "B": 25, "C": 40}
NSHEETS = 26
TOURISM_SHEET = 26
TOURISM_2019 = "dich-vu-du-lich-truyen-thong-le-hoi"
RICE_SHEET = 3

SIGNED_DESC = ("Decision 1048/QĐ-TTg as signed (21 Aug 2019), Phụ lục III sheet %d '%s' (reference: "
               "1048-781/raw-1048-as-signed.txt, the full text of the decision from the legal-text publisher "
               "thuvienphapluat.vn's Word copy, document 422157, committed to GitHub congnn1107/ocop_project at "
               "commit 1fef402bee4951aeab1eba918772780f9547289e; not the gazette PDF)")


class SheetError(Exception):
    """The text does not read the way this parser expects."""


# ---------------------------------------------------------------- shared helpers

def slug(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1))
        f.write("\n")


def norm_text(s):
    """The comparison key of a printed text: Unicode NFC, whitespace collapsed, without a leading box."""
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"^\s*□\s*", "", s)
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------- knock-outs
# One classification for every 1048 note (the 2022 transcription's, through
# convert_1048.py, and the signed sheets'): "Bị loại nếu" and "sẽ bị loại bỏ" →
# eliminated; "không đánh giá các bước tiếp theo", "không xem xét các chỉ tiêu
# khác" and (sheet 13 only) "không xem xét thêm các tiêu chuẩn khác" → halted.

KO_PHRASES = [
    ("eliminated", re.compile(r"Bị loại nếu")),
    ("eliminated", re.compile(r"sẽ bị loại bỏ")),
    ("halted", re.compile(r"không đánh giá các bước tiếp theo", re.I)),
    ("halted", re.compile(r"không xem xét các chỉ tiêu khác", re.I)),
    ("halted", re.compile(r"không xem xét thêm các tiêu chuẩn khác", re.I)),
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


# ---------------------------------------------------------------- misprints
# Every reading of the text that is not mechanical is listed here, once, keyed by
# sheet and by the printed line (or criterion code). Each entry must match exactly
# once; an entry that no longer matches the text is an error. The `note` of each
# entry goes into the set's `notes` (and the README).

ENC = ("the Word copy stores Vietnamese code-page-1258 characters as Latin-1 letters here (%s); read as the "
       "code page gives them")

FIXES = [
    # ---- headings
    dict(sheet=3, kind="line", line="8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM", to="8. TÍNH ĐỘC ĐÁO",
         note="Misprint: sheet 3 prints the heading '8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM' (5 Điểm) over the note "
              "'(Chất lượng: Có nét riêng, khác biệt, không lẫn với sản phẩm khác, tiềm năng thành thương hiệu "
              "của địa phương)' and the options Trung bình 0 / Tương đối độc đáo 1 / Độc đáo 3 / Rất độc đáo 5, "
              "which are those of TÍNH ĐỘC ĐÁO in every sibling sheet; the Công bố options follow under '9. CÔNG "
              "BỐ CHẤT LƯỢNG SẢN PHẨM, KIỂM TRA ĐỊNH KỲ' (9.1, 9.2). Read as section 8 'TÍNH ĐỘC ĐÁO', worth 5 "
              "(0/1/3/5)."),
    dict(sheet=4, kind="line", line="11. CƠ HỘI THỊ TRƯỜNG TOAÌN CẦU", to="11. CƠ HỘI THỊ TRƯỜNG TOÀN CẦU",
         note="Sheet 4 section 11 prints 'TOAÌN': " + ENC % "'Ì' for the combining grave accent" +
              ": 'CƠ HỘI THỊ TRƯỜNG TOÀN CẦU'."),
    dict(sheet=5, kind="line", line="8. CÔNG BÔì CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         to="8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         note="Sheet 5 section 8 prints 'BÔì': " + ENC % "'ì' for the combining acute accent" +
              ": 'CÔNG BỐ'."),
    dict(sheet=7, kind="line", line="8. CÔNG BÔì CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         to="8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         note="Sheet 7 section 8 prints 'BÔì': " + ENC % "'ì' for the combining acute accent" + ": 'CÔNG BỐ'."),
    dict(sheet=9, kind="line", line="8. CÔNG BÔì CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         to="8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         note="Sheet 9 section 8 prints 'BÔì': " + ENC % "'ì' for the combining acute accent" + ": 'CÔNG BỐ'."),
    dict(sheet=11, kind="line", line="8. CÔNG BÔì CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         to="8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM, KIểM TRA ĐỊNH KỲ",
         note="Sheet 11 section 8 prints 'BÔì': " + ENC % "'ì' for the combining acute accent" + ": 'CÔNG BỐ'."),
    dict(sheet=5, kind="line",
         line="□ Có thể xuất khẩu đến các THEO trường có tiêu chuẩn cao (MyÞ, Nhâòt, EU…)",
         to="□ Có thể xuất khẩu đến các thị trường có tiêu chuẩn cao (Mỹ, Nhật, EU…)",
         note="Sheet 5 criterion 10 option 3 prints 'các THEO trường có tiêu chuẩn cao (MyÞ, Nhâòt, EU…)'. 'MyÞ, "
              "Nhâòt': " + ENC % "'Þ' for the combining tilde, 'ò' for the combining dot below" + ": 'Mỹ, "
              "Nhật'. 'THEO' stands for 'thị', as in sheet 4's '4. TIẾP THEO' under 'KHẢ NĂNG TIẾP THỊ': read "
              "'các thị trường', the wording of every sibling sheet."),
    dict(sheet=4, kind="line", line="4. TIẾP THEO", to="4. TIẾP THỊ",
         note="Sheet 4 heads section 4 '4. TIẾP THEO' ('continued') under Part B 'KHẢ NĂNG TIẾP THỊ', over the "
              "criteria 4.1–4.3 of TIẾP THỊ in every sibling sheet; 'THEO' stands for 'THỊ' (sheet 5 prints 'các "
              "THEO trường' for 'các thị trường'). Read as '4. TIẾP THỊ'."),
    dict(sheet=11, kind="line", line="(KhaÒ năng sản xuất đáp ứng nhu cầu về số  lượng/quy mô của thị trường)",
         to="(Khả năng sản xuất đáp ứng nhu cầu về số  lượng/quy mô của thị trường)",
         note="Sheet 11 note of 1.3 prints 'KhaÒ': " + ENC % "'Ò' for the combining hook above" + ": 'Khả'."),
    dict(sheet=11, kind="line", line="2. PHÁT TRIÊÒN SẢN PHẩM", to="2. PHÁT TRIỂN SẢN PHẩM",
         note="Sheet 11 section 2 prints 'TRIÊÒN': " + ENC % "'Ò' for the combining hook above" +
              ": 'PHÁT TRIỂN'."),
    dict(sheet=11, kind="line", line="Lýòa chọn một trong hai trường hợp sau:",
         to="Lựa chọn một trong hai trường hợp sau:",
         note="Sheet 11 note of 3.2 prints 'Lýòa': " + ENC % "'ý' for 'ư', 'ò' for the combining dot below" +
              ": 'Lựa chọn'."),
    dict(sheet=13, kind="line", line="□ Hõi đục, màu nhạt, chấp nhận được", to="□ Hơi đục, màu nhạt, chấp nhận được",
         note="Sheet 13 criterion 6.3 option 1 prints 'Hõi': " + ENC % "'õ' for 'ơ'" + ": 'Hơi đục'."),
    dict(sheet=14, kind="line", line="□ Hõi đục, màu nhạt, chấp nhận được", to="□ Hơi đục, màu nhạt, chấp nhận được",
         note="Sheet 14 criterion 6.2.1 option 1 prints 'Hõi': " + ENC % "'õ' for 'ơ'" + ": 'Hơi đục'."),
    # ---- points cells
    dict(sheet=3, kind="line",
         line="□ Có ≥ 50% số thành viên quản trị cao cấp (Ban giám đốc, HĐQT, 2 Điểm HĐTV) tham gia quản lý là "
              "người trong tỉnh hoặc < 50% số thành viên quản trị cao cao cấp là người trong tỉnh nhưng có thành "
              "viên là phụ nữ địa phương",
         to="□ Có ≥ 50% số thành viên quản trị cao cấp (Ban giám đốc, HĐQT, HĐTV) tham gia quản lý là người "
            "trong tỉnh hoặc < 50% số thành viên quản trị cao cao cấp là người trong tỉnh nhưng có thành viên là "
            "phụ nữ địa phương",
         note="Sheet 3 criterion 3.2 option 2 prints '(Ban giám đốc, HĐQT, 2 Điểm HĐTV)': the option's points "
              "cell ('2 Điểm') is merged into its text, and is printed again on the next line. Read as the text "
              "'(Ban giám đốc, HĐQT, HĐTV)' with 2 points, as in every other sheet."),
    dict(sheet=7, kind="line", line="3 Đỉểm", to="3 Điểm",
         note="Sheet 7 prints the points cell of 2.2 option 4 as '3 Đỉểm'; read as 3 Điểm."),
    # ---- printed maxima that disagree with the options under them
    dict(sheet=13, kind="max", code="6.3", printed=2, read=3,
         note="Sheet 13 criterion 6.3 'Màu nước' prints '2 Điểm' as its maximum over options scored 0/1/2/3. "
              "The maximum is read as 3, the best option: with 3 the sensory section, Part C (40) and the "
              "total (100) add up as printed."),
    dict(sheet=17, kind="max", code="6.1", printed=5, read=3,
         note="Sheet 17 criterion 6.1 'Tạp chất lạ' prints '5 Điểm' as its maximum over options scored 0/3. "
              "The maximum is read as 3, the best option: with 3, Part C (40) and the total (100) add up as "
              "printed."),
    dict(sheet=25, kind="max", code="6.5", printed=3, read=5,
         note="Sheet 25 criterion 6.5 'Chất lượng của nguyên Iiệu/thành phần' prints '3 Điểm' as its maximum "
              "over options scored 0/1/3/5. The maximum is read as 5, the best option: with 5, Part C (40) and "
              "the total (100) add up as printed."),
    dict(sheet=19, kind="max", code="10", printed=5, read=3, gap=("C", 2),
         note="Sheet 19 section-criterion 10 'KIỂM TRA ĐỊNH KỲ' prints '5 Điểm' as its maximum over options "
              "scored 0/1/3. This is the decision's own inconsistency (the 2022 transcription has the same "
              "0/1/3): the maximum is read as 3, the best option, and Part C adds up to 38; the 2 missing points "
              "are recorded as a gap."),
    # ---- cells missing from the text
    dict(sheet=4, kind="max", code="9.1", printed=3, read=2,
         note="Sheet 4 prints the points cells of 9.1 'Hồ sơ công bố chất lượng sản phẩm' after the title and "
              "note of 9.2: '3 điểm', 0, 1, 2, then '3 Điểm' and, after 9.2's options, 0/1/2/3. Read by order, as "
              "everywhere, 9.1 prints the maximum 3 over options scored 0/1/2 and 9.2 the maximum 3 over 0/1/2/3. "
              "The maximum of 9.1 is read as 2, the best option: with 2, Part C (40) and the total (100) add up "
              "as printed, and 0/1/2 is what sheets 1 and 3 print for the same three options. (The other reading, "
              "9.1 printed without points and 9.2's option cells printed twice, needs two defects instead of "
              "one.)"),
    dict(sheet=7, kind="missing_option", code="3.1", printed=3, gap=("A", 1),
         note="Sheet 7 criterion 3.1 'Loại hình tổ chức sản xuất - kinh doanh' prints its maximum '3 Điểm' but "
              "only two options (1 and 2 points); the third option of every other sheet ('HTX tổ chức, hoạt "
              "động theo Luật HTX 2012 …', 3 points) is not in the text. The criterion is stored as printed, "
              "with max 2; Part A adds up to 34 and the missing point is recorded as a gap."),
    # ---- other
    dict(sheet=14, kind="dup_code", code="6.1.3", to="6.1.3b",
         note="Sheet 14 prints the code 6.1.3 twice ('6.1.3. Màu sắc', then '6.1.3. Mùi', then '6.1.4. Vị'), as "
              "the 2022 transcription does. The second one, 'Mùi', is stored under the code 6.1.3b so that codes "
              "are unique (the same choice as the qd1048-781 set)."),
    dict(sheet=19, kind="part_note", part="C",
         line="không đánh giá các bước tiếp theo nếu không có số đăng ký thuốc/giấy tiếp nhận đăng ký bản công "
              "bố sản phẩm (hoặc tương đương)",
         code="6",
         note="Sheet 19 prints the halting clause 'không đánh giá các bước tiếp theo nếu không có số đăng ký "
              "thuốc/giấy tiếp nhận đăng ký bản công bố sản phẩm (hoặc tương đương)' at the head of Part C, "
              "before section 6. It is recorded as a note and a halted knock-out of criterion 6, the first "
              "criterion of Part C, so that a council can assert it."),
    dict(sheet=26, kind="part_short", part="A", printed=35, total=34, gap=("A", 1),
         note="Sheet 26 heads Part A '(35 Điểm)' but its criteria add up to 34 (section 1: 6 + 10 + 3 = 19; "
              "section 2: 3 + 3 = 6; section 3: 3 + 2 + 1 + 1 + 2 = 9). The missing point is recorded as a gap."),
]


# ---------------------------------------------------------------- reading the text

SHEET_RE = re.compile(r"^(\d+)\. Bộ sản phẩm: (.+)$")
HEADER_RE = re.compile(r"^\(Ngành: (.+?)\. Nhóm: (.+?)\.?\)$")
PART_RE = re.compile(r"^Phần ([ABC]):\s*(.*)$")
PART_TITLE_RE = re.compile(r"^(.*?)\s*\((\d+) Điểm\)$")
PART_END_RE = re.compile(r"^Tổng [Đđ]iểm phần ([ABC])")
PTS_RE = re.compile(r"^(\d+)\s*(?:Điểm|điểm)$")
CRIT_RE = re.compile(r"^(\d+(?:\.\d+)+)\.?\s*(\S.*)$")
SEC_RE = re.compile(r"^(\d+)\.\s*(\S.*)$")
CASE_RE = re.compile(r"^([a-z])\.?\s*Trường hợp (\d+)\s*:")
DISQ_RE = re.compile(r"^Bị loại khi\s*:\s*(.+)$")
STORY_NOTE = "Chỉ áp dụng khi có câu chuyện"
CASES_NOTE = re.compile(r"^Lựa chọn (?:một|1) trong hai trường hợp sau")


class Fixes:
    """The FIXES of one sheet, with a record of which were used."""

    def __init__(self, sheet_no):
        self.sheet = sheet_no
        self.items = [f for f in FIXES if f["sheet"] == sheet_no]
        self.used = {}

    def of(self, kind, **match):
        out = [f for f in self.items if f["kind"] == kind and all(f.get(k) == v for k, v in match.items())]
        return out

    def use(self, f):
        self.used[id(f)] = self.used.get(id(f), 0) + 1

    def unused(self):
        return [f for f in self.items if self.used.get(id(f), 0) != 1]


def sheet_bounds(lines):
    try:
        start = next(i for i, l in enumerate(lines) if l.strip() == "PHỤ LỤC III")
    except StopIteration:
        raise SheetError("no 'PHỤ LỤC III' heading")
    heads = [i for i in range(start, len(lines)) if SHEET_RE.match(lines[i].strip())]
    if len(heads) != NSHEETS:
        raise SheetError("%d sheet headings, expected %d" % (len(heads), NSHEETS))
    for k, i in enumerate(heads):
        if int(SHEET_RE.match(lines[i].strip()).group(1)) != k + 1:
            raise SheetError("sheet headings out of order at line %d" % (i + 1))
    return [(heads[k], heads[k + 1] if k + 1 < NSHEETS else len(lines)) for k in range(NSHEETS)]


def parse_sheets(ref):
    """All 26 sheets as printed, misprints resolved through FIXES. Raises SheetError."""
    lines = read(os.path.join(ref, SIGNED_FILE)).split("\n")
    sheets = []
    for a, b in sheet_bounds(lines):
        sheets.append(parse_sheet(lines, a, b))
    return sheets


def parse_sheet(lines, a, b):
    m = SHEET_RE.match(lines[a].strip())
    no, title = int(m.group(1)), m.group(2).strip()
    fx = Fixes(no)
    body = []
    for i in range(a + 1, b):
        s = lines[i].strip()
        if not s:
            continue
        hits = fx.of("line", line=s)
        if hits:
            fx.use(hits[0])
            s = hits[0]["to"]
        body.append((i + 1, s))
    sheet = OrderedDict(number=no, title=title, line=a + 1, nganh=None, nhom=None, disqualified_when=None,
                        parts=[], part_notes={}, fixes=fx, caps=[])
    for ln, s in body[:12]:
        hm = HEADER_RE.match(s)
        if hm and sheet["nganh"] is None:
            sheet["nganh"], sheet["nhom"] = hm.group(1), hm.group(2)
        dm = DISQ_RE.match(s)
        if dm:
            sheet["disqualified_when"] = dm.group(1).strip()
    if sheet["nganh"] is None:
        raise SheetError("sheet %d: no '(Ngành: …. Nhóm: …)' line" % no)
    # split the body into parts
    k = 0
    parts_raw = []
    while k < len(body):
        ln, s = body[k]
        pm = PART_RE.match(s)
        if not pm:
            k += 1
            continue
        part = pm.group(1)
        head = pm.group(2).strip()
        if not head:
            k += 1
            head = body[k][1]
        tm = PART_TITLE_RE.match(head)
        if not tm:
            raise SheetError("sheet %d part %s: heading %r without '(N Điểm)'" % (no, part, head))
        k += 1
        start = k
        while k < len(body) and not PART_END_RE.match(body[k][1]):
            k += 1
        if k == len(body) or PART_END_RE.match(body[k][1]).group(1) != part:
            raise SheetError("sheet %d part %s: no 'Tổng Điểm phần %s' line" % (no, part, part))
        parts_raw.append((part, heading_caps(sheet, tm.group(1).strip()), int(tm.group(2)), body[start:k], ln))
        k += 1
    if [p[0] for p in parts_raw] != ["A", "B", "C"]:
        raise SheetError("sheet %d: parts %r" % (no, [p[0] for p in parts_raw]))
    for part, ptitle, pmax, plines, pln in parts_raw:
        if no == TOURISM_SHEET and part == "C":
            sheet["parts"].append(parse_additive_part(sheet, part, ptitle, pmax, plines, pln))
        else:
            sheet["parts"].append(parse_part(sheet, part, ptitle, pmax, plines, pln))
    # each part adds up to its printed heading, less the gaps the fixes record
    for rp in sheet["parts"]:
        total = sum(n["max"] for n in rp["nodes"] if n["kind"] == "sec")
        gap = sum(f["gap"][1] for f in fx.items if f.get("gap") and f["gap"][0] == rp["part"])
        if total + gap != rp["printed_max"]:
            raise SheetError("sheet %d part %s: criteria add up to %d, gaps %d, heading %d" % (
                no, rp["part"], total, gap, rp["printed_max"]))
        for f in fx.of("part_short", part=rp["part"]):
            if (f["printed"], f["total"]) != (rp["printed_max"], total):
                raise SheetError("sheet %d part %s: part_short fix does not match" % (no, rp["part"]))
            fx.use(f)
    return sheet


def heading_caps(sheet, title):
    """A heading printed in capitals but for one or two lower-case letters ('Tổ CHỨC SẢN XUẤT', 'SẢN PHẩM',
    'KIểM': the Word copy's capitalisation) is read in capitals. Mixed-case headings ('Vị trí') are kept."""
    letters = [ch for ch in title if ch.isalpha()]
    lower = [ch for ch in letters if ch.islower()]
    if 0 < len(lower) <= 2 and len(letters) - len(lower) >= 6:
        sheet["caps"].append(title)
        return title.upper()
    return title


def classify(s):
    if PTS_RE.match(s):
        return "pts"
    if s.startswith("□"):
        return "opt"
    if CASE_RE.match(s):
        return "case"
    if CRIT_RE.match(s):
        return "crit"
    if SEC_RE.match(s):
        return "sec"
    return "note"


def parse_part(sheet, part, ptitle, pmax, plines, pln):
    """A part whose criteria carry options. Options' points are read from the
    stream of points cells: the text puts a table's cells in reading order, and a
    merged cell can push a criterion's points below later rows, so texts and
    points are matched by order, not by position. A criterion takes one cell for
    its maximum and one per option; a header (a criterion with sub-criteria) one
    for its maximum; a section heading over criteria takes one only when the
    sheet prints its maximum, which is decided by the sums (exactly one choice
    must add up)."""
    no, fx = sheet["number"], sheet["fixes"]
    items, points = [], []
    for ln, s in plines:
        kind = classify(s)
        if kind == "pts":
            points.append((ln, int(PTS_RE.match(s).group(1))))
        else:
            items.append((ln, kind, s))
    # nodes: sections and criteria, each with what follows it
    nodes = []
    pre = []  # notes before the first section
    cur = None
    for ln, kind, s in items:
        if kind in ("sec", "crit"):
            if kind == "sec":
                code, title = SEC_RE.match(s).group(1), heading_caps(sheet, SEC_RE.match(s).group(2).strip())
            else:
                code, title = CRIT_RE.match(s).group(1), CRIT_RE.match(s).group(2).strip()
            cur = OrderedDict(kind=kind, code=code, title=title, line=ln, notes=[], options=[], cases=[],
                              case_of=[])
            nodes.append(cur)
        elif cur is None:
            pre.append((ln, s))
        elif kind == "opt":
            cur["options"].append(OrderedDict(text=re.sub(r"^□\s*", "", s).strip(), line=ln))
            cur["case_of"].append(len(cur["cases"]) or None)
        elif kind == "case":
            cur["cases"].append(s)
        else:
            cur["notes"].append(s)
    # part-head notes
    for ln, s in pre:
        hits = fx.of("part_note", part=part, line=s)
        if not hits:
            raise SheetError("sheet %d part %s line %d: unexpected text before the first section: %r" % (
                no, part, ln, s))
        fx.use(hits[0])
        sheet["part_notes"].setdefault(part, []).append((s, hits[0]["code"]))
    # duplicate codes
    seen = set()
    for n in nodes:
        if n["kind"] == "crit" and n["code"] in seen:
            hits = fx.of("dup_code", code=n["code"])
            if not hits:
                raise SheetError("sheet %d: code %s printed twice" % (no, n["code"]))
            fx.use(hits[0])
            n["printed_code"] = n["code"]
            n["code"] = hits[0]["to"]
        seen.add(n["code"])
    # roles
    for j, n in enumerate(nodes):
        nxt = nodes[j + 1] if j + 1 < len(nodes) else None
        if n["options"]:
            n["role"] = "scored"
        elif n["kind"] == "crit" and nxt is not None and nxt["kind"] == "crit" and \
                nxt["code"].startswith(n["code"] + "."):
            n["role"] = "header"
        elif n["kind"] == "sec" and nxt is not None and nxt["kind"] == "crit" and \
                nxt["code"].startswith(n["code"] + "."):
            n["role"] = "group"
        else:
            raise SheetError("sheet %d line %d: %s %s has neither options nor sub-criteria" % (
                no, n["line"], n["kind"], n["code"]))
        if n["cases"] and any(c is None for c in n["case_of"]):
            raise SheetError("sheet %d %s: options before the first case heading" % (no, n["code"]))
        if n["kind"] == "sec" and n["role"] == "header":
            raise SheetError("sheet %d: section %s as header" % (no, n["code"]))
    # cells each node takes

    def need(n, secmax):
        if n["role"] == "scored":
            return 1 + len(n["options"])
        if n["role"] == "header":
            return 1
        return 1 if n["code"] in secmax else 0

    groups = [n["code"] for n in nodes if n["role"] == "group"]
    base = sum(need(n, ()) for n in nodes)
    extra = len(points) - base
    if extra < 0 or extra > len(groups):
        raise SheetError("sheet %d part %s: %d points cells for %d expected" % (no, part, len(points), base))
    fits = []
    for chosen in itertools.combinations(groups, extra):
        trial = allocate(nodes, points, set(chosen), need)
        if not check_part(sheet, part, trial, fx, dry=True):
            fits.append(chosen)
    if len(fits) != 1:
        problems = check_part(sheet, part, allocate(nodes, points, set(), need), fx, dry=True)
        raise SheetError("sheet %d part %s: %d readings of the section maxima add up (%r); without any: %s" % (
            no, part, len(fits), fits, "; ".join(problems)))
    nodes = allocate(nodes, points, set(fits[0]), need)
    check_part(sheet, part, nodes, fx, dry=False)
    return OrderedDict(part=part, title=ptitle, printed_max=pmax, line=pln, nodes=nodes, additive=False)


def allocate(nodes, points, secmax, need):
    out = []
    pi = 0
    for n in nodes:
        n = copy.deepcopy(n)
        k = need(n, secmax)
        cells = points[pi:pi + k]
        pi += k
        n["printed_max"] = cells[0][1] if cells else None
        n["max_line"] = cells[0][0] if cells else None
        if n["role"] == "scored" and cells:
            for o, (ln, p) in zip(n["options"], cells[1:]):
                o["points"] = p
                o["points_line"] = ln
        elif n["role"] == "scored":
            for o in n["options"]:
                o["points"] = None
        out.append(n)
    return out


def check_part(sheet, part, nodes, fx, dry):
    """Problems of one reading of a part ([] = it adds up). With dry=False the
    fixes used are recorded and problems raise."""
    no = sheet["number"]
    probs = []
    max_fix = {f["code"]: f for f in fx.of("max")}
    miss_fix = {f["code"]: f for f in fx.of("missing_option")}
    for n in nodes:
        if n["role"] != "scored":
            continue
        pts = [o.get("points") for o in n["options"]]
        if any(p is None for p in pts):
            probs.append("%s: options without points" % n["code"])
            n["max"] = 0
            continue
        best = max(pts)
        n["max"] = best
        if n["printed_max"] == best:
            if n["code"] in max_fix or n["code"] in miss_fix:
                probs.append("%s: a max fix is listed but the printed max agrees" % n["code"])
            continue
        f = max_fix.get(n["code"]) or miss_fix.get(n["code"])
        if f and f["printed"] == n["printed_max"] and (f["kind"] == "missing_option" or f["read"] == best):
            if not dry:
                fx.use(f)
            continue
        probs.append("%s: printed max %r, best option %d" % (n["code"], n["printed_max"], best))
    # headers (before sections: a header counts in its section)
    for n in nodes:
        if n["role"] == "header":
            kids = [x for x in nodes if x["kind"] == "crit" and x["code"].startswith(n["code"] + ".")]
            n["max"] = sum(x["max"] for x in kids)
            if n["printed_max"] != n["max"]:
                probs.append("header %s: printed %r, sub-criteria add up to %d" % (n["code"], n["printed_max"],
                                                                                   n["max"]))
    for n in nodes:
        if n["role"] == "group":
            top = [x for x in nodes if x["kind"] == "crit" and re.match(r"^%s\.\d+$" % re.escape(n["code"]),
                                                                       x["code"])]
            n["max"] = sum(x["max"] for x in top)
            if n["printed_max"] is not None and n["printed_max"] != n["max"]:
                probs.append("section %s: printed %d, criteria add up to %d" % (n["code"], n["printed_max"],
                                                                              n["max"]))
    if probs and not dry:
        raise SheetError("sheet %d part %s: %s" % (no, part, "; ".join(probs)))
    return probs


def parse_additive_part(sheet, part, ptitle, pmax, plines, pln):
    """Sheet 26 Part C: '(Được cộng tổng điểm các nội dung ghi Có)'. Each
    section prints its maximum, then boxes each with its points; every box is a
    yes/no item."""
    no = sheet["number"]
    nodes = []
    cur = None
    pending = None
    head = []
    for ln, s in plines:
        kind = classify(s)
        if kind == "sec":
            m = SEC_RE.match(s)
            cur = OrderedDict(kind="sec", code=m.group(1), title=m.group(2).strip(), line=ln, role="additive",
                              printed_max=None, items=[], notes=[])
            nodes.append(cur)
        elif cur is None:
            if kind != "note":
                raise SheetError("sheet %d part C line %d: %r before the first section" % (no, ln, s))
            head.append(s)
        elif kind == "pts":
            p = int(PTS_RE.match(s).group(1))
            if cur["printed_max"] is None and not cur["items"]:
                cur["printed_max"] = p
            elif pending is not None:
                pending["points"] = p
                pending = None
            else:
                raise SheetError("sheet %d line %d: points without a box" % (no, ln))
        elif kind == "opt":
            if pending is not None:
                raise SheetError("sheet %d line %d: box without points" % (no, pending["line"]))
            pending = OrderedDict(text=re.sub(r"^□\s*", "", s).strip(), line=ln, points=None)
            cur["items"].append(pending)
        else:
            raise SheetError("sheet %d part C line %d: unexpected %s %r" % (no, ln, kind, s))
    if pending is not None:
        raise SheetError("sheet %d: last box without points" % no)
    if head != ["(Được cộng tổng điểm các nội dung ghi Có)"]:
        raise SheetError("sheet %d part C: head note %r" % (no, head))
    sheet["part_notes"]["C"] = [(head[0], None)]
    for n in nodes:
        n["max"] = sum(x["points"] for x in n["items"])
        if n["printed_max"] != n["max"]:
            raise SheetError("sheet %d section %s: printed %r, boxes add up to %d" % (no, n["code"], n["printed_max"],
                                                                                   n["max"]))
    return OrderedDict(part=part, title=ptitle, printed_max=pmax, line=pln, nodes=nodes, additive=True)


# ---------------------------------------------------------------- sheet → set file

def sheet_gaps(sheet):
    """[(part, points, note)] of the sheet's own defects."""
    out = []
    for f in FIXES:
        if f["sheet"] == sheet["number"] and f.get("gap"):
            out.append((f["gap"][0], f["gap"][1], f["note"]))
    return out


def fix_notes(sheet):
    return [f["note"] for f in FIXES if f["sheet"] == sheet["number"]]


def knockout_notes(notes):
    """The knock-out a criterion's printed notes encode (the first classified)."""
    for note in notes:
        ko = knockout_of(note)
        if ko:
            return ko
    return None


def build_set(sheet, sid, name, nganh, nhom, labels, source=None, status="transcribed"):
    """A sheet in the crate's set-file shape. `labels(kind, sid, code, title)` gives the
    English label of a section ('section') or criterion ('criterion')."""
    no = sheet["number"]
    s = OrderedDict()
    s["id"] = sid
    s["name"] = name
    s["nganh"] = nganh
    s["nhom"] = nhom
    s["status"] = status
    s["source"] = source or SIGNED_DESC % (no, sheet["title"])
    s["disqualified_when"] = sheet["disqualified_when"]
    s["gaps"] = [OrderedDict(part=p, points=pts, text=t) for p, pts, t in sheet_gaps(sheet)]
    s["notes"] = []
    parts = []
    for rp in sheet["parts"]:
        part = OrderedDict(part=rp["part"], title=rp["title"], max=rp["printed_max"], sections=[])
        if rp["printed_max"] != PART_MAX[rp["part"]]:
            raise SheetError("sheet %d part %s prints %d" % (no, rp["part"], rp["printed_max"]))
        parts.append(part)
        if rp["additive"]:
            build_additive(sheet, sid, rp, part, labels)
            continue
        section = None
        for n in rp["nodes"]:
            if n["kind"] == "sec":
                section = OrderedDict(code=n["code"], title=n["title"], label=labels("section", sid, n["code"],
                                                                                        n["title"]),
                                      max=n["max"] if n["role"] == "group" else 0, criteria=[])
                part["sections"].append(section)
                if n["role"] == "group":
                    if n["notes"]:
                        raise SheetError("sheet %d section %s: notes under a group heading" % (no, n["code"]))
                    continue
            c = OrderedDict()
            c["code"] = n["code"]
            c["title"] = n["title"]
            c["label"] = labels("criterion", sid, n["code"], n["title"])
            c["max"] = n["max"]
            if n["role"] == "header":
                c["header"] = True
            parent = ".".join(n["code"].rstrip("b").split(".")[:-1]) if n["code"].count(".") >= 2 else None
            if parent:
                c["parent"] = parent
            notes = list(n["notes"])
            for text, code in sheet["part_notes"].get(rp["part"], []):
                if code == n["code"]:
                    notes.insert(0, text)
            if notes:
                c["notes"] = notes
                ko = knockout_notes(notes)
                if ko:
                    c["knockout"] = ko
                for note in notes:
                    if SUSPICIOUS.search(note) and not knockout_of(note):
                        raise SheetError("sheet %d %s: note with disqualifying wording not classified: %r" % (
                            no, n["code"], note))
            if any(note.startswith(STORY_NOTE) for note in notes):
                c["applies_if"] = None
            if n["cases"]:
                if not any(CASES_NOTE.match(note) for note in notes):
                    raise SheetError("sheet %d %s: case headings without a two-case note" % (no, n["code"]))
                c["cases"] = list(n["cases"])
            elif any(CASES_NOTE.match(note) for note in notes):
                raise SheetError("sheet %d %s: two-case note without case headings" % (no, n["code"]))
            if n["role"] == "scored":
                opts = []
                for i, ro in enumerate(n["options"]):
                    o = OrderedDict(text=ro["text"], points=ro["points"])
                    if n["cases"]:
                        o["case"] = n["case_of"][i]
                    opts.append(o)
                c["options"] = opts
            section["criteria"].append(c)
            if n["role"] != "header" and not parent:
                if n["kind"] == "sec":
                    section["max"] = c["max"]
        # section max for group sections is the criteria sum (checked in parse)
    s["parts"] = parts
    # applies_if for 5.2 / 5.3
    allc = {c["code"]: c for c in iter_criteria(s)}
    for c in iter_criteria(s):
        if "applies_if" in c:
            story = allc.get("5.1")
            keep = [i + 1 for i, o in enumerate(story["options"]) if not o["text"].startswith("Không có câu chuyện")]
            if len(keep) != len(story["options"]) - 1:
                raise SheetError("sheet %d: 5.1 has no single 'Không có câu chuyện' option" % no)
            c["applies_if"] = OrderedDict(criterion="5.1", options=keep)
    for c in iter_criteria(s):
        reorder(c)
    # a points knock-out printed after a group ("tại một trong các chỉ tiêu trên") covers every
    # answerable criterion of the group above it
    for _, section in iter_sections(s):
        crits = section["criteria"]
        for i, c in enumerate(crits):
            ko = c.get("knockout")
            if ko and ko.get("zero_points") and "một trong các chỉ tiêu trên" in ko["text"]:
                for above in crits[:i]:
                    if above.get("header"):
                        continue
                    if "knockout" in above:
                        raise SheetError("sheet %d %s: already has a knock-out" % (no, above["code"]))
                    above["knockout"] = copy.deepcopy(ko)
                    reorder(above)
    return s


def build_additive(sheet, sid, rp, part, labels):
    for n in rp["nodes"]:
        section = OrderedDict(code=n["code"], title=n["title"], label=labels("section", sid, n["code"], n["title"]),
                              max=n["max"], criteria=[])
        part["sections"].append(section)
        for i, it in enumerate(n["items"]):
            code = "%s.%d" % (n["code"], i + 1)
            c = OrderedDict(code=code, title=it["text"], label=labels("criterion", sid, code, it["text"]),
                            max=it["points"], yes_no=True)
            section["criteria"].append(c)


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


def unused_fixes(sheets):
    out = []
    for sh in sheets:
        for f in sh["fixes"].unused():
            out.append("sheet %d: fix %s %s used %d times" % (sh["number"], f["kind"], f.get("code") or
                                                              f.get("line"), sh["fixes"].used.get(id(f), 0)))
    return out


# ---------------------------------------------------------------- verification of a set file

def verify_set(s, part_max=PART_MAX):
    """Problems of a built set: maxima, sums, gaps, codes (the loader's rules, and the 100 total)."""
    probs = []
    sid = s["id"]
    codes = [c["code"] for c in iter_criteria(s)]
    if len(codes) != len(set(codes)):
        probs.append("%s: duplicate codes" % sid)
    gaps = {}
    for g in s["gaps"]:
        gaps[g["part"]] = gaps.get(g["part"], 0) + g["points"]
    total = 0
    for p in s["parts"]:
        psum = 0
        for sec in p["sections"]:
            smax = 0
            for c in sec["criteria"]:
                if c.get("header"):
                    kids = sum(x["max"] for x in sec["criteria"] if x.get("parent") == c["code"])
                    if kids != c["max"] or c.get("options"):
                        probs.append("%s %s: header max %d, children %d" % (sid, c["code"], c["max"], kids))
                elif c.get("yes_no"):
                    if c.get("options") or c["max"] <= 0:
                        probs.append("%s %s: yes/no with options" % (sid, c["code"]))
                else:
                    best = max([o["points"] for o in c["options"] if "unreadable" not in o] or [0])
                    if best != c["max"]:
                        probs.append("%s %s: max %d, best option %d" % (sid, c["code"], c["max"], best))
                if "parent" not in c:
                    smax += c["max"]
            if smax != sec["max"]:
                probs.append("%s section %s: max %d, criteria %d" % (sid, sec["code"], sec["max"], smax))
            psum += sec["max"]
        want = part_max[p["part"]]
        if psum + gaps.get(p["part"], 0) != want or p["max"] not in (want, psum):
            probs.append("%s part %s: sections %d + gap %d, part max %d, edition %d" % (
                sid, p["part"], psum, gaps.get(p["part"], 0), p["max"], want))
        total += psum
    if total + sum(gaps.values()) != 100:
        probs.append("%s: total %d + gaps %d != 100" % (sid, total, sum(gaps.values())))
    return probs


def part_sums(s):
    return OrderedDict((p["part"], sum(sec["max"] for sec in p["sections"])) for p in s["parts"])


# ---------------------------------------------------------------- Phụ lục I as signed

def parse_annex1(ref):
    """Phụ lục I of the decision as signed: [(ngành, nhóm, phân nhóm)] in printed order.
    Ngành headings are printed in capitals ('NGÀNH THỰC PHẨM'); the name is the rest in
    sentence case. A nhóm printed without phân nhóm is its own phân nhóm, and a ngành
    printed without nhóm (V, Vải, may mặc) is its own nhóm."""
    lines = [l.strip() for l in read(os.path.join(ref, SIGNED_FILE)).split("\n")]
    start = lines.index("PHỤ LỤC I")
    end = lines.index("PHỤ LỤC II")
    rows = []
    nganh = nhom = None
    nhom_rows = 0

    def close_nhom():
        if nhom is not None and nhom_rows == 0:
            rows.append((nganh, nhom, nhom))

    for s in lines[start:end]:
        m = re.match(r"^NGÀNH (.+)$", s)
        if m:
            close_nhom()
            if nganh is not None and nhom is None:
                rows.append((nganh, nganh, nganh))
            up = m.group(1)
            nganh = up[0] + up[1:].lower()
            nhom, nhom_rows = None, 0
            continue
        m = re.match(r"^Nhóm\s*:\s*(.+)$", s)
        if m:
            close_nhom()
            nhom, nhom_rows = m.group(1).strip(), 0
            continue
        m = re.match(r"^Phân nhóm\s*:\s*(.+)$", s)
        if m:
            rows.append((nganh, nhom, m.group(1).strip()))
            nhom_rows += 1
    close_nhom()
    if nganh is not None and nhom is None:
        rows.append((nganh, nganh, nganh))
    return rows


# ---------------------------------------------------------------- labels

def label_index(sets=None):
    """English labels of the qd1048-781 sets (`sets`, or the files): by (set, code, title) and by title."""
    if sets is None:
        sets = []
        for fn in sorted(os.listdir(OUT781)):
            if fn.endswith(".json") and fn not in ("edition.json", "classification.json"):
                sets.append(json.loads(read(os.path.join(OUT781, fn))))
    by_code, by_title = {}, {}
    for s in sets:
        for p in s["parts"]:
            for sec in p["sections"]:
                key = norm_label_key(sec["title"])
                by_code[("section", s["id"], sec["code"], key)] = sec["label"]
                by_title.setdefault(("section", key), sec["label"])
                for c in sec["criteria"]:
                    key = norm_label_key(c["title"])
                    by_code[("criterion", s["id"], c["code"], key)] = c["label"]
                    by_title.setdefault(("criterion", key), c["label"])
                    if c["code"] == sec["code"]:
                        by_title.setdefault(("section", key), c["label"])
    return by_code, by_title


def norm_label_key(t):
    t = unicodedata.normalize("NFC", t).lower()
    return re.sub(r"[\W_]+", "", t)


# Short English labels for titles that no qd1048-781 set prints (the 2019 rice and tourism sheets,
# and wordings of the signed sheets that the 2022 transcription words differently).
LABELS_EN = {
    # rice (sheet 3)
    ("criterion", "Công bố sản phẩm chất lượng"): "Quality declaration of the product",
    # wordings of other signed sheets
    ("criterion", "Màu sắc, thể chất"): "Colour, body",
    ("section", "ĐẢM BẢO CHẤT SẢN PHẨM"): "Product quality assurance",
    ("criterion", "ĐẢM BẢO CHẤT SẢN PHẨM"): "Product quality assurance",
    ("criterion", "Các tính năng của sản phẩm (Giá trị sử dụng: Áo mặc; khăn quàng…)"): "Product features (use value)",
    ("criterion", "Độ tin cậy (Khả năng thực hiện đúng tính năng, tác dụng)"): "Reliability",
    # tourism (sheet 26), Parts A and B
    ("section", "Tổ chức dịch vụ"): "Service organisation",
    ("criterion", "Bảo vệ, bảo tồn các di sản văn hóa/thiên nhiên liên quan đến sản phẩm dịch vụ du lịch"):
        "Protection of cultural/natural heritage",
    ("criterion", "Sử dụng năng lượng, công nghệ thân thiện bền vững trong sản xuất"):
        "Sustainable energy and technology use",
    ("criterion", "Tính hoàn thiện quá trình dịch vụ"): "Completeness of the service process",
    ("criterion", "Khu vực khách hành chính"): "Main customer area",
    # tourism Part C sections
    ("section", "Kiến trúc"): "Architecture",
    ("section", "Bố trí đón tiếp"): "Reception arrangements",
    ("section", "Trang thiết bị, tiện nghi"): "Equipment and amenities",
    ("section", "Dịch vụ và chất lượng phục vụ"): "Service and service quality",
    ("section", "Hàng hóa phục vụ (ăn uống, đồ lưu niệm,...)"): "Goods offered (food, souvenirs)",
    ("section", "Người quản lý và nhân viên"): "Managers and staff",
    # tourism Part C items (yes/no)
    ("criterion", "Thuận lợi, dễ tiếp cận"): "Convenient, easy to reach",
    ("criterion", "Liền kề khu vực có tài nguyên du lịch"): "Next to an area with tourism resources",
    ("criterion", "Vị trí đặc biệt, trong khu vực có tài nguyên du lịch"):
        "Special location within an area with tourism resources",
    ("criterion", "Môi trường, cảnh quan thiên nhiên đẹp"): "Beautiful environment and natural landscape",
    ("criterion", "Phù hợp với môi trường cảnh quan thiên nhiên"): "Fits the natural landscape",
    ("criterion", "Hệ thống giao thông thuận tiện và phù hợp"): "Convenient, suitable transport links",
    ("criterion", "Kiến trúc có tính dân tộc"): "Ethnic architecture",
    ("criterion", "Hệ thống thông tin, chỉ dẫn rõ ràng"): "Clear information and signage",
    ("criterion", "Có nơi để xe phù hợp"): "Suitable parking",
    ("criterion", "Có nơi đón tiếp khách hàng phù hợp"): "Suitable reception area",
    ("criterion", "Có quầy bán hàng hóa, đồ lưu niệm tại điểm dịch vụ"): "Goods and souvenir counter on site",
    ("criterion", "Có phương tiện giao thông nội bộ thuận tiện"): "Convenient internal transport",
    ("criterion", "Có hệ thống cấp thoát nước bảo đảm vệ sinh môi trường"): "Sanitary water supply and drainage",
    ("criterion", "Có trang bị đủ dịch vụ ăn nghỉ, hoạt động tốt, chất lượng phù hợp"):
        "Adequate food and lodging services",
    ("criterion", "Thái độ thân thiện"): "Friendly attitude",
    ("criterion", "Nhanh nhẹn, nhiệt tình, chu đáo"): "Quick, enthusiastic, attentive",
    ("criterion", "Có quy trình kỹ thuật, nghiệp vụ"): "Technical and service procedures",
    ("criterion", "Chất lượng phục vụ hoàn hảo"): "Excellent service quality",
    ("criterion", "Có nguồn gốc rõ ràng"): "Clear origin",
    ("criterion", "Có tiêu chuẩn chất lượng phù hợp"): "Suitable quality standard",
    ("criterion", "Được bảo quản phù hợp"): "Suitably stored",
    ("criterion", "Người quản lý được đào tạo"): "Trained managers",
    ("criterion", "Nhân viên được đào tạo"): "Trained staff",
    ("criterion", "Nhân viên hướng dẫn có thể dùng 1 ngoại ngữ"): "Guides speak a foreign language",
}


def make_labeler(sets=None):
    """labels(kind, sid, code, title): the qd1048-781 label of the same set and code with the same title,
    else of any set with the same title, else LABELS_EN. Unknown titles are collected in `labels.missing`."""
    by_code, by_title = label_index(sets)
    table = {(k, norm_label_key(t)): v for (k, t), v in LABELS_EN.items()}
    missing = []

    def labels(kind, sid, code, title):
        key = norm_label_key(title)
        for look in ((kind, sid, code, key),):
            if look in by_code:
                return by_code[look]
        if (kind, key) in by_title:
            return by_title[(kind, key)]
        if (kind, key) in table:
            return table[(kind, key)]
        other = "criterion" if kind == "section" else "section"
        if (other, key) in by_title:
            return by_title[(other, key)]
        missing.append((kind, sid, code, title))
        return ""

    labels.missing = missing
    return labels


# ---------------------------------------------------------------- the 2019 edition

def set_ids_2019(sheets, annex):
    """[(sheet, set id, phân nhóm, ngành, nhóm)]: sheet k is row k of Phụ lục I."""
    if len(annex) != NSHEETS:
        raise SheetError("Phụ lục I: %d phân nhóm, expected %d" % (len(annex), NSHEETS))
    out = []
    for sh, (nganh, nhom, pn) in zip(sheets, annex):
        sid = slug(pn)
        out.append((sh, sid, pn, nganh, nhom))
    return out


def main(argv):
    if len(argv) != 2:
        print("usage: python3 tools/signed_1048.py <reference folder>", file=sys.stderr)
        return 2
    ref = argv[1]
    import compare_1048  # noqa: E402  (it imports this module; see the end of the file)
    failures = []
    try:
        sheets = parse_sheets(ref)
        annex = parse_annex1(ref)
        rows = set_ids_2019(sheets, annex)
    except SheetError as e:
        print("PARSE FAILED: %s" % e, file=sys.stderr)
        return 1
    failures += unused_fixes(sheets)
    ids781 = {fn[:-5] for fn in os.listdir(OUT781) if fn.endswith(".json") and fn not in (
        "edition.json", "classification.json")}
    cls781 = json.loads(read(os.path.join(OUT781, "classification.json")))["entries"]
    # every row but tourism names the phân nhóm of the qd1048-781 classification (781's reconstruction,
    # from two databases, spells one nhóm differently)
    spelled = {("ca-phe-ca-cao", "Cà phê, Ca cao", "Cà phê, ca cao")}
    for (sh, sid, pn, nganh, nhom), e in zip(rows, cls781):
        if (sid, nhom, e["nhom"]) in spelled:
            e = dict(e, nhom=nhom)
        if sh["number"] == TOURISM_SHEET:
            if sid != TOURISM_2019:
                failures.append("tourism row slug %s" % sid)
            continue
        if (sid, pn, nganh, nhom) != (e["set"], e["phan_nhom"], e["nganh"], e["nhom"]):
            failures.append("Phụ lục I row %r differs from qd1048-781 classification %r" % (
                (sid, pn, nganh, nhom), (e["set"], e["phan_nhom"], e["nganh"], e["nhom"])))
        if sid not in ids781:
            failures.append("%s: no qd1048-781 set" % sid)
    labels = make_labeler()
    raw_all = json.loads(read(os.path.join(ref, "raw-1048-all-sets.json")), object_pairs_hook=OrderedDict)
    raw_by_id = compare_1048.raw_sets_by_id(raw_all)
    sets = OrderedDict()
    for sh, sid, pn, nganh, nhom in rows:
        try:
            s = build_set(sh, sid, pn, nganh, nhom, labels)
        except SheetError as e:
            failures.append(str(e))
            continue
        s["notes"] = notes_2019(sh, s)
        s["number"] = sh["number"]
        ss = compare_1048.second_source_2019(s, raw_by_id.get(sid), sh)
        s = with_second_source(s, ss)
        if ss["outcome"] == "agrees":
            s["status"] = "cross-checked"
        sets[sid] = s
    if labels.missing:
        for m in labels.missing:
            failures.append("no English label for %s %s %s %r" % m)
    for sid, s in sets.items():
        failures += verify_set(s)
    if len(sets) != NSHEETS:
        failures.append("%d sets built" % len(sets))
    if failures:
        print("VERIFICATION FAILED (%d):" % len(failures), file=sys.stderr)
        for f in failures:
            print("  - " + f, file=sys.stderr)
        return 1
    os.makedirs(OUT2019, exist_ok=True)
    keep = set(sets) | {"edition.json", "classification.json"}
    for fn in os.listdir(OUT2019):
        if fn.endswith(".json") and fn[:-5] not in keep and fn not in keep:
            os.remove(os.path.join(OUT2019, fn))
    for sid, s in sets.items():
        write_json(os.path.join(OUT2019, sid + ".json"), s)
    write_json(os.path.join(OUT2019, "classification.json"), OrderedDict(
        edition=EDITION_2019,
        source=("Phụ lục I of Decision 1048/QĐ-TTg as signed (reference: 1048-781/raw-1048-as-signed.txt); the "
                "phân nhóm of a nhóm printed without any is the nhóm itself, and the ngành 'Vải, may mặc', "
                "printed without nhóm, is its own nhóm and phân nhóm. Each row's set is the decision's score "
                "sheet of the same number in Phụ lục III (sheets 1–26 follow the rows in order)."),
        entries=[OrderedDict(nganh=nganh, nhom=nhom, phan_nhom=pn, set=sid) for _, sid, pn, nganh, nhom in rows]))
    # re-read and check what was written
    written = OrderedDict()
    for sid in sets:
        written[sid] = json.loads(read(os.path.join(OUT2019, sid + ".json")), object_pairs_hook=OrderedDict)
        if written[sid] != sets[sid]:
            failures.append("%s: written file differs" % sid)
    write_readme_2019(os.path.join(OUT2019, "README.md"), written, rows)
    print("%-62s %5s %5s %5s %6s  %-13s %s" % ("set", "A", "B", "C", "total", "status", "second source"))
    for sid, s in written.items():
        ps = part_sums(s)
        ss = s["second_source"]
        print("%-62s %5d %5d %5d %6d  %-13s %s (%d)" % (sid, ps["A"], ps["B"], ps["C"], sum(ps.values()),
                                                        s["status"], ss["outcome"], len(ss.get("differences", []))))
    if failures:
        print("VERIFICATION FAILED (%d):" % len(failures), file=sys.stderr)
        for f in failures:
            print("  - " + f, file=sys.stderr)
        return 1
    print("\nverification passed: %d sets, classification, README (qd1048-2019)" % len(written))
    return 0


SET_KEY_ORDER = ["id", "name", "number", "nganh", "nhom", "status", "source", "basis", "disqualified_when", "gaps",
                 "second_source", "notes", "parts"]


def with_second_source(s, ss):
    out = OrderedDict()
    s = dict(s)
    s["second_source"] = ss
    for k in SET_KEY_ORDER:
        if k in s:
            out[k] = s[k]
    for k in s:
        if k not in out:
            out[k] = s[k]
    return out


def notes_2019(sheet, s):
    no = sheet["number"]
    notes = []
    if sheet["title"] != s["name"]:
        notes.append("Sheet %d is headed '%d. Bộ sản phẩm: %s'; the set is named by its phân nhóm in Phụ lục I, "
                     "'%s'." % (no, no, sheet["title"], s["name"]))
    notes.append("Printed header: '(Ngành: %s. Nhóm: %s)'; ngành and nhóm here are those of Phụ lục I." % (
        sheet["nganh"], sheet["nhom"]))
    if sheet["disqualified_when"] is None:
        notes.append("The sheet prints no 'Bị loại khi' clause: `disqualified_when` is null.")
    else:
        notes.append("`disqualified_when` is the clause after 'Bị loại khi:' at the head of the sheet.")
    for c in iter_criteria(s):
        if "cases" in c:
            notes.append("%s: `cases` are the printed case headings; each option's `case` is the heading it is "
                         "printed under." % c["code"])
        if "applies_if" in c:
            pass
    ai = [c for c in iter_criteria(s) if "applies_if" in c]
    if ai:
        notes.append("%s (note '%s…'): applies_if 5.1 options %s, i.e. every 5.1 option except '%s'." % (
            " and ".join(c["code"] for c in ai), STORY_NOTE, ai[0]["applies_if"]["options"],
            find(s, "5.1")["options"][0]["text"]))
    for c in iter_criteria(s):
        if c.get("knockout", {}).get("zero_points") and "một trong các chỉ tiêu trên" in c["knockout"]["text"]:
            notes.append("The note printed under %s ('%s') refers to every criterion above it in its section; it "
                         "is recorded as a halted knock-out, with zero_points, on each of them." % (
                             c["code"], c["knockout"]["text"]))
            break
    for rp in sheet["parts"]:
        for n in rp["nodes"]:
            if n.get("role") == "group" and n.get("printed_max") is not None:
                notes.append("Section %s prints its maximum (%d), equal to the sum of its criteria." % (
                    n["code"], n["printed_max"]))
    if no == TOURISM_SHEET:
        notes.append("Part C prints '(Được cộng tổng điểm các nội dung ghi Có)' under its heading: the points of "
                     "every item ticked 'Có' are added. Each printed box is encoded as a yes/no criterion worth its "
                     "printed points; the section max is the value printed with the section heading (each equals "
                     "the sum of its boxes).")
        notes.append("The codes of the Part C items (6.1–6.4, 7.1–7.4, 8.1–8.3, 9.1–9.3, 10.1–10.4, 11.1–11.3, "
                     "12.1–12.3) are this library's numbering of the printed boxes in printed order; the sheet "
                     "numbers only the sections.")
        notes.append("No 781 minimum criteria: this is the pre-781 sheet, and 781's Mục 6 excludes tourism.")
    if sheet["caps"]:
        notes.append("Headings printed in capitals but for one or two lower-case letters (the Word copy's "
                     "capitalisation) are read in capitals: %s." % ", ".join("'%s'" % t for t in sheet["caps"]))
    for t in fix_notes(sheet):
        notes.append(t)
    return notes


def write_readme_2019(path, sets, rows):
    L = []
    a = L.append
    a("# Edition qd1048-2019: Decision 1048/QĐ-TTg as signed, before 781/QĐ-TTg")
    a("")
    a("Generated by `tools/signed_1048.py` from `shared/reference/1048-781/raw-1048-as-signed.txt` (do not edit by "
      "hand; re-run the script). `edition.json` is maintained separately.")
    a("")
    a("## Provenance")
    a("")
    a("- **Source.** `raw-1048-as-signed.txt`: the full text of Decision 1048/QĐ-TTg of 21 August 2019 as signed, "
      "from the legal-text publisher thuvienphapluat.vn's Word copy (document 422157), committed to GitHub "
      "`congnn1107/ocop_project` at commit `1fef402bee4951aeab1eba918772780f9547289e`, path "
      "`TestLinhTinh/1048_QD-TTg_m_422157.doc`. It is the publisher's copy, not the gazette PDF. The text was "
      "extracted from the Word piece table with nothing corrected (its header lists its known properties).")
    a("- **Tables.** All 26 score sheets of Phụ lục III, one set per sheet, including sheet 3 'Gạo, ngũ cốc' and "
      "sheet 26 'Dịch vụ du lịch - truyền thống - lễ hội', the tourism sheet that 781/QĐ-TTg later replaced. No "
      "781 amendment and no 781 minimum criteria: this edition has no gates.")
    a("- **Classification.** `classification.json` is Phụ lục I as signed; sheet k of Phụ lục III is its row k.")
    a("- **Second source.** Each set's `second_source` compares it, option by option, with the 2022 transcription "
      "of the same phân nhóm (the seed database of a provincial scoring app, `raw-1048-all-sets.json`; the "
      "transcription behind `qd1048-781`). In a record, `here` is this file's (the signed sheet's) reading and "
      "`other` the 2022 reading. The comparison is written by `tools/compare_1048.py` (texts after Unicode NFC and "
      "whitespace normalisation, without the box; points; criterion and section maxima; knock-out notes). "
      "Rice and tourism have no second source: the 2022 transcription has no rows for 'Gạo, ngũ cốc', and its "
      "tourism set is the post-781 one.")
    a("- **Status.** `cross-checked` where the sheet agrees with the 2022 transcription everywhere; `transcribed` "
      "otherwise (one source per reading).")
    a("")
    a("## Conventions")
    a("")
    a("- Codes, titles, option texts and notes are as printed (NFC; runs of spaces inside a line kept), typos "
      "included, except the misprints listed below, each resolved once in `tools/signed_1048.py` (table `FIXES`). "
      "One reading is a rule: a section or part heading printed in capitals but for one or two lower-case letters "
      "('Tổ CHỨC SẢN XUẤT', 'SẢN PHẩM', 'KIểM': the Word copy's capitalisation) is read in capitals; each set's "
      "notes list the headings so read.")
    a("- Reading the points. The text puts each table cell on its own line, in reading order; a merged cell can "
      "push a criterion's points cells below later rows. Points are therefore matched to texts by order within "
      "a part: a criterion takes one cell for its maximum and one per option, a header (a criterion with "
      "sub-criteria, tea and coffee 6.1/6.2) one for its maximum, and a section heading over criteria one only "
      "where the sheet prints the section's maximum, which is decided by the sums (exactly one reading must add "
      "up, or the script fails).")
    a("- Criterion `max` is the printed maximum, which equals the best option except where listed below. Section "
      "`max` is the sum of its criteria (printed in a few sheets, and then equal). Part `max` is the printed "
      "heading (35/25/40); where the criteria add up to less, `gaps` says by how much.")
    a("- Notes printed with a criterion are kept in printed order, one per printed line. Knock-outs are read from "
      "them as in `qd1048-781`: 'Bị loại nếu …' and '… sẽ bị loại bỏ' → `eliminated`; 'không đánh giá các bước "
      "tiếp theo', 'không xem xét các chỉ tiêu khác' and 'không xem xét thêm các tiêu chuẩn khác' → `halted`; "
      "'Nếu được/bị 0 điểm …' → `zero_points`. A knock-out is recorded on the criterion the note is printed "
      "under (tea and coffee print the impurity note under 6.1.1; the 2022 transcription has it on 6.1).")
    a("- `disqualified_when` is the clause after 'Bị loại khi:' at the head of the sheet (sheet 26 prints none).")
    a("- 3.2 'Lựa chọn một trong hai trường hợp sau': `cases` are the printed headings ('a. Trường hợp 1: …', "
      "'b. Trường hợp 2: …'), and each option's `case` is the heading it is printed under.")
    a("- 5.2 and 5.3 'Chỉ áp dụng khi có câu chuyện…': `applies_if` 5.1, every option except 'Không có câu "
      "chuyện…'.")
    a("- Sheet 26 Part C '(Được cộng tổng điểm các nội dung ghi Có)': each box is a yes/no criterion "
      "(`yes_no: true`, `max` its points); codes 6.1, 6.2, … are this library's numbering of the boxes in printed "
      "order; the section max is the printed heading value.")
    a("- Labels are the English labels of the `qd1048-781` sets where a title matches, else short labels written "
      "for this edition.")
    a("")
    a("## Sets")
    a("")
    a("| sheet | set | name | status | A/B/C | total | gaps | second source |")
    a("|---|---|---|---|---|---|---|---|")
    for sh, sid, pn, nganh, nhom in rows:
        s = sets[sid]
        ps = part_sums(s)
        gp = ", ".join("%s −%d" % (g["part"], g["points"]) for g in s["gaps"]) or "—"
        ss = s["second_source"]
        a("| %d | `%s` | %s | %s | %d/%d/%d | %d | %s | %s%s |" % (
            sh["number"], sid, pn, s["status"], ps["A"], ps["B"], ps["C"], sum(ps.values()), gp, ss["outcome"],
            (" (%d)" % len(ss.get("differences", []))) if ss.get("differences") else ""))
    a("")
    a("## Misprints and how each was resolved")
    a("")
    kinds = {"line": "text", "max": "printed maximum", "missing_option": "missing option", "dup_code": "duplicate code",
             "part_note": "note at the head of a part", "part_short": "part total"}
    for f in sorted(FIXES, key=lambda f: f["sheet"]):
        a("- **Sheet %d** (%s): %s" % (f["sheet"], kinds[f["kind"]], f["note"]))
    a("")
    a("## Gaps")
    a("")
    for sid, s in sets.items():
        for g in s["gaps"]:
            a("- `%s`, Part %s, %d point%s: %s" % (sid, g["part"], g["points"], "" if g["points"] == 1 else "s",
                                                  g["text"]))
    a("")
    a("## Differences from the 2022 transcription, by kind")
    a("")
    a("| set | outcome | text | title | points | max | section_max | missing | extra | knockout |")
    a("|---|---|---|---|---|---|---|---|---|---|")
    kinds = ["text", "title", "points", "max", "section_max", "missing", "extra", "knockout"]
    for sid, s in sets.items():
        ss = s["second_source"]
        counts = {k: 0 for k in kinds}
        for d in ss.get("differences", []):
            counts[d["what"]] += 1
        a("| `%s` | %s | %s |" % (sid, ss["outcome"], " | ".join(str(counts[k]) for k in kinds)))
    a("")
    a("Every difference is listed, with both readings, in the set's `second_source`.")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    # Run as the module itself, so that compare_1048 (which imports signed_1048) shares it.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import signed_1048
    sys.exit(signed_1048.main(sys.argv))

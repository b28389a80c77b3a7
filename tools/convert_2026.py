#!/usr/bin/env python3
"""Convert the Decision 26/2026/QĐ-TTg criteria tables into the crate's JSON layout.

Usage:
    python3 tools/convert_2026.py ../shared/reference/26-2026 [--out criteria/qd26-2026]

Reads (from the reference folder, read-only):
    raw-qd26-2026-criteria.md   Phụ lục II, 26 sets as `| kind | text | điểm |` rows
    raw-classification.md       Phụ lục I (section B is the 2026 list with set numbers)

Writes (into --out, default: criteria/qd26-2026 next to this tools/ folder):
    <set-id>.json, classification.json, README.md

Every glitch of the mechanical conversion is resolved explicitly below (see GLITCH
HANDLING) and recorded in the set's `notes` and in README.md. After writing, the
files are read back and verified; the script exits non-zero if any check fails.
"""

import argparse
import collections
import json
import os
import re
import sys
import unicodedata

EDITION = "qd26-2026"
PART_MAX = {"A": 40, "B": 25, "C": 35}
REPO = "hakienpdu95/minhan"
REPO_PATH = "docs/bnn_txng.html"
# Point values that were looked up in the HTML transcript itself (read with the repository
# reader at the commit above): (set, criterion code) -> value printed there.
HTML_CHECKED = {(4, "7"): 13, (11, "6.1.1"): 11}

# --------------------------------------------------------------------------
# English labels (short). Keyed by the Vietnamese title as it is kept in the data.
# --------------------------------------------------------------------------

SECTION_LABELS = {
    "TỔ CHỨC SẢN XUẤT": "Production organisation",
    "TỔ CHỨC DỊCH VỤ CỘNG ĐỒNG": "Community service organisation",
    "PHÁT TRIỂN SẢN PHẨM": "Product development",
    "SỨC MẠNH CỘNG ĐỒNG": "Community strength",
    "TIẾP THỊ": "Marketing",
    "CÂU CHUYỆN SẢN PHẨM": "Product story",
    "CÂU CHUYỆN VỀ SẢN PHẨM": "Product story",
    "CHỈ TIÊU CẢM QUAN": "Sensory indicators",
    "DINH DƯỠNG": "Nutrition",
    "TÍNH ĐỘC ĐÁO": "Uniqueness",
    "CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM": "Quality declaration",
    "CÔNG BỐ CHẤT LƯỢNG": "Quality declaration",
    "CÔNG BỐ SẢN PHẨM": "Product declaration",
    "ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM": "Quality assurance",
    "ĐIỀU KIỆN ĐẢM BẢO AN TOÀN CHẤT LƯỢNG SẢN PHẨM": "Quality and safety assurance conditions",
    "HƯỚNG DẪN SỬ DỤNG ĐỂ ĐẢM BẢO SẢN PHẨM CÓ CHẤT LƯỢNG TỐT NHẤT CHO NGƯỜI TIÊU DÙNG": "Instructions for use",
    "CƠ HỘI THỊ TRƯỜNG TOÀN CẦU": "Global market opportunity",
    "CHẤT LƯỢNG AN TOÀN THỰC PHẨM": "Food safety quality",
    "SỰ TIỆN LỢI KHI SỬ DỤNG, BẢO QUẢN": "Convenience of use and storage",
    "HIỆU QUẢ SỬ DỤNG": "Effectiveness in use",
    "KIỂM TRA ĐỊNH KỲ": "Periodic testing",
    "TÍNH AN TOÀN": "Safety",
    "CÁC CHỈ TIÊU": "Product indicators",
    "CHẤT LƯỢNG SẢN PHẨM": "Product quality",
    "Vị trí": "Location",
    "Kiến trúc và cảnh quan môi trường": "Architecture and landscape",
    "Đáp ứng điều kiện kinh doanh dịch vụ": "Business conditions for services",
    "Đảm bảo an toàn và an ninh trật tự": "Safety and security",
    "Tính hoàn thiện của quá trình dịch vụ": "Completeness of the service process",
    "Hoạt động trải nghiệm": "Experience activities",
    "Quản lý và nhân viên": "Management and staff",
    "Chất lượng sản phẩm dịch vụ du lịch": "Quality of tourism products",
    "Chất lượng phục vụ": "Service quality",
    "Tiện nghi": "Amenities",
    "Hoạt động thu hút khách du lịch": "Visitor attractions",
    "Hàng hóa dịch vụ": "Goods for visitors",
}

CRITERION_LABELS = {
    "Nguồn gốc sản phẩm": "Product origin",
    "Nguồn nguyên liệu": "Raw-material source",
    "Vùng nguyên liệu được cấp chứng nhận chất lượng": "Certified raw-material area",
    "Vùng sản xuất được cấp chứng nhận chất lượng": "Certified production area",
    "Gia tăng giá trị": "Value added",
    "Năng lực sản xuất đáp ứng yêu cầu phân phối": "Production capacity",
    "Năng lực sản xuất để đáp ứng yêu cầu phân phối": "Production capacity",
    "Liên kết sản xuất": "Production linkage",
    "Liên kết chuỗi trong sản xuất": "Value-chain linkage",
    "Bảo vệ môi trường trong quá trình sản xuất": "Environmental protection",
    "Sử dụng công nghệ theo hướng bền vững trong sản xuất": "Sustainable technology",
    "Nguồn gốc ý tưởng sản phẩm": "Origin of the product idea",
    "Đóng gói, bao bì sản phẩm": "Packaging",
    "Phong cách, ghi nhãn hàng hóa": "Style and labelling",
    "Phong cách, ghi nhãn sản phẩm": "Style and labelling",
    "Bao bì, ghi nhãn sản phẩm": "Packaging and labelling",
    "Ghi nhãn hàng hóa có sử dụng song ngữ": "Bilingual labelling",
    "Loại hình tổ chức sản xuất - kinh doanh": "Type of business organisation",
    "Đại diện pháp luật của chủ thể là nữ; hoặc đồng bào dân tộc thiểu số; hoặc người khuyết tật":
        "Legal representative: woman, ethnic minority or person with disability",
    "Sử dụng lao động địa phương": "Local labour",
    "Tăng trưởng sản xuất kinh doanh": "Business growth",
    "Sở hữu trí tuệ": "Intellectual property",
    "Khu vực phân phối chính": "Main distribution area",
    "Tổ chức phân phối": "Distribution organisation",
    "Quảng bá sản phẩm": "Promotion",
    "Câu chuyện sản phẩm": "Product story",
    "Cấu trúc câu chuyện sản phẩm": "Story structure",
    "Trí tuệ/bản sắc địa phương": "Local wisdom and identity",
    "Kích thước, hình dạng bề ngoài": "Size and shape",
    "Màu sắc, độ chín": "Colour and ripeness",
    "Mùi/vị": "Smell/taste",
    "Tính đầy đủ về sản phẩm, sạch": "Completeness and cleanliness",
    "Tạp chất": "Impurities",
    "Tạp chất lạ": "Foreign matter",
    "Màu sắc": "Colour",
    "Mùi": "Smell",
    "Vị": "Taste",
    "Mùi, vị": "Smell and taste",
    "Kích thước, độ đồng đều": "Size and uniformity",
    "Độ đồng đều của sản phẩm": "Uniformity",
    "Màu sắc, thể chất": "Colour and texture",
    "Hình dạng": "Shape",
    "Hình dạng, thể chất": "Shape and texture",
    "Ngoại hình, đồng đều": "Appearance and uniformity",
    "Thể chất": "Texture",
    "Ngoại hình": "Appearance",
    "Hình dạng, màu sắc cánh chè": "Shape and colour of the tea leaf",
    "Nước pha": "Infusion",
    "Màu nước": "Infusion colour",
    "Mùi nước": "Infusion smell",
    "Vị nước": "Infusion taste",
    "Trạng thái/hình dạng": "State/shape",
    "Mức độ tinh xảo/sắc nét của sản phẩm": "Craftsmanship and finish",
    "Thiết kế độc đáo": "Original design",
    "Các yếu tố tích hợp lên giá trị của sản phẩm": "Integrated value elements",
    "Các tính năng của sản phẩm": "Product functions",
    "Chất lượng của nguyên liệu/thành phần": "Quality of materials",
    "Thiết kế sản phẩm": "Product design",
    "Hình dáng so với loại sản phẩm": "Form relative to the product type",
    "Kiểu dáng, tạo hình, mỹ thuật": "Styling and artistry",
    # tourism (set 26)
    "Bộ phận điều phối quản lý và điều hành dịch vụ": "Service coordination unit",
    "Cơ chế quản lý/quy định": "Management rules",
    "Bảo vệ môi trường trong cộng đồng làm du lịch/điểm du lịch": "Environmental protection at the destination",
    "Sử dụng năng lượng tiết kiệm": "Energy saving",
    "Nguồn gốc ý tưởng sản phẩm dịch vụ du lịch": "Origin of the tourism product idea",
    "Tổ chức dịch vụ theo thị trường mục tiêu": "Services for target markets",
    "Bảo vệ, bảo tồn các di sản văn hóa, thiên nhiên, đa dạng sinh học liên quan đến sản phẩm dịch vụ du lịch":
        "Heritage and biodiversity conservation",
    "Liên kết chuỗi giá trị trong quảng bá sản phẩm du lịch": "Value-chain linkage in promotion",
    "Liên kết vùng và chuỗi giá trị trong sản phẩm dịch vụ du lịch": "Regional and value-chain linkage",
    "Tổ chức quảng bá, bán hàng": "Promotion and sales organisation",
    "Bộ nhận diện quảng bá sản phẩm": "Promotional identity kit",
    "Trình bày câu chuyện sản phẩm": "Story presentation",
    "Sản phẩm dịch vụ du lịch trên địa bàn đạt chuẩn nông thôn mới": "New-rural-standard locality",
}

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def slug(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


STAR_RE = re.compile(r"\s*((?:\*\s*){3,5})$")
STAR_MID_RE = re.compile(r"^(.*?)\s*(\*{3,5})\s+(Ghi chú:.*)$")


def split_stars(text):
    """Return (text without trailing star marker, stars or None)."""
    m = STAR_RE.search(text)
    if not m:
        return text, None
    stars = m.group(1).count("*")
    return text[: m.start()].rstrip(), stars


def trailing_paren(text):
    """Split a trailing balanced parenthetical: 'A (B)' -> ('A', '(B)')."""
    if not text.endswith(")"):
        return text, None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                head = text[:i].rstrip()
                if not head:
                    return text, None
                return head, text[i:]
    return text, None


def is_upper_word(word):
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and not word.startswith("(")


def split_section_title(text):
    """Group heading text (after the code) -> (title, note or None).

    Upper-case headings: the title is the run of upper-case words; the rest (a
    parenthetical or an explanatory sentence printed with the heading) is the note.
    Mixed-case headings (tourism set): a trailing parenthetical is the note.
    """
    words = text.split(" ")
    n = 0
    while n < len(words) and is_upper_word(words[n]):
        n += 1
    if n > 0 and n < len(words):
        return " ".join(words[:n]), " ".join(words[n:])
    if n == len(words):
        return text, None
    # mixed case: only a trailing parenthetical is split off
    head, paren = trailing_paren(text)
    return head, paren


def note_clause(note):
    """Knock-out clause of a note: the note without its 'Ghi chú:'/'Chú ý:' label."""
    return re.sub(r"^(Ghi chú|Chú ý)\s*:\s*", "", note)


# knock-outs phrased in points ("Nếu được 0 điểm ..."): they apply by themselves when the council gives 0
ZERO_POINTS = re.compile(r"Nếu (?:được|bị) 0 điểm", re.I)


def halted(text):
    ko = {"kind": "halted", "text": text}
    if ZERO_POINTS.search(text):
        ko["zero_points"] = True
    return ko


def knockout_of(note):
    if "Bị loại nếu" in note:
        i = note.index("Bị loại nếu")
        return {"kind": "eliminated", "text": note[i:]}
    if re.search(r"sẽ bị loại", note):
        return {"kind": "eliminated", "text": note_clause(note)}
    for pat in ("sẽ không đánh giá các bước tiếp theo", "Không đánh giá các bước tiếp theo nếu",
                "Không xem xét các chỉ tiêu khác nếu", "Không đánh giá những sản phẩm có tính phổ biến"):
        if pat in note:
            return halted(note_clause(note))
    return None


# --------------------------------------------------------------------------
# Reading the markdown
# --------------------------------------------------------------------------

ROW_RE = re.compile(r"^\| (.*?) \| (.*) \| (.*?) \|$")


def read_sets(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    header = "\n".join(lines[:30])
    m = re.search(r"commit ([0-9a-f]{40})", header)
    if not m:
        raise SystemExit("no commit hash in the header of " + path)
    commit = m.group(1)
    sets = []
    cur = None
    for no, line in enumerate(lines, 1):
        h = re.match(r"^## Set (\d+): (.*)$", line)
        if h:
            cur = {"number": int(h.group(1)), "heading": h.group(2).strip(), "rows": [],
                   "classline": None, "stats": None, "crit_rows": None, "disq": None,
                   "line": no}
            sets.append(cur)
            continue
        if cur is None:
            continue
        if line.startswith("*Phân loại"):
            cur["classline"] = line.split(":*", 1)[1].strip()
            continue
        if line.startswith("*Converter stats:*"):
            st = re.search(r"(\d+) CRIT rows; star-marked options: \*\*\* ×(\d+), \*\*\*\* ×(\d+), \*\*\*\*\* ×(\d+)", line)
            if not st:
                raise SystemExit("unreadable stats line %d" % no)
            cur["crit_rows"] = int(st.group(1))
            cur["stats"] = {3: int(st.group(2)), 4: int(st.group(3)), 5: int(st.group(4))}
            continue
        if line.startswith("**Hồ sơ bị loại khi**"):
            cur["disq"] = line.split("*(file is disqualified when)*:", 1)[1].strip()
            continue
        t = re.match(r"^\|\s*\|\s*TỔNG CỘNG\s*\|\s*(\d+)\s*\|$", line)
        if t:
            cur["printed_total"] = int(t.group(1))
            continue
        r = ROW_RE.match(line)
        if r:
            kind = r.group(1).strip().strip("*").strip()
            text = r.group(2).strip()
            pts = r.group(3).strip()
            if kind in ("kind", "---"):
                continue
            if text.startswith("**") and text.endswith("**"):
                text = text[2:-2].strip()
            cur["rows"].append({"line": no, "kind": kind, "text": text, "pts": pts})
    return commit, sets


# --------------------------------------------------------------------------
# Building one set
# --------------------------------------------------------------------------


class SetBuilder:
    def __init__(self, raw, commit, classification):
        self.raw = raw
        self.commit = commit
        self.classification = classification  # set number -> Phụ lục I row
        self.notes = []          # set-level notes: glitches and how they were resolved
        self.observations = []   # anomalies kept as printed (no change)
        self.parts = []
        self.part = None
        self.section = None
        self.crit = None         # criterion receiving options/notes
        self.pending_group = None  # RAW group heading waiting for its score
        self.section_knockouts = []
        self.printed_part_heading = {}
        self.star_adjust = collections.Counter()
        self.defects = []        # (criterion, option index, kind) kept as printed
        self.forced_checks = []  # (section, part): a group max read from a glitched heading

    # -- identity -------------------------------------------------------
    def identity(self):
        n = self.raw["number"]
        heading = self.raw["heading"]
        classline = self.raw["classline"]
        polluted = False
        if heading.startswith("Bộ sản phẩm:"):
            name = heading[len("Bộ sản phẩm:"):].strip()
        else:
            # sets 12 and 13: '12. Sản phẩm trà từ thực vật khác (Sản phẩm: …. Nhóm: …) ____ Tên sản phẩm: …'
            m = re.match(r"^\d+\.\s+(.*?)\s+(\(Sản phẩm:.*?\))\s*_+.*$", heading)
            if not m:
                raise SystemExit("set %d: unreadable heading %r" % (n, heading))
            name, classline = m.group(1), m.group(2)
            polluted = True
        m = re.match(r"^\(Sản phẩm:\s*(.*?)(?:[.,]\s*Nhóm:\s*(.*))?\)$", classline)
        if not m:
            raise SystemExit("set %d: unreadable classification %r" % (n, classline))
        nganh, nhom = m.group(1).strip(), m.group(2)
        id_name = name
        base, paren = trailing_paren(name)
        if paren is not None:
            id_name = base
            self.notes.append(
                "Set id: the printed name %r carries the example list %s; the id is the slug of %r "
                "(the name without the example list, as in Phụ lục I)." % (name, paren, base))
        if polluted:
            self.notes.append(
                "The set heading came through with the form text of the scoring sheet (classification, "
                "'Tên sản phẩm', 'Mã số'): %r. Name and classification were taken from it; the form text "
                "was dropped." % heading)
        pl1 = self.classification.get(n)
        if nhom is None:
            nhom = pl1["nhom"] if pl1 else None
            self.notes.append(
                "The classification line of this set prints only %r (no 'Nhóm'); `nhom` %r is taken from "
                "Phụ lục I, where this set is the nhóm of that name." % (classline, nhom))
        self.name, self.id, self.nganh, self.nhom = name, slug(id_name), nganh, nhom.strip()
        if pl1 and pl1["nhom"].lower() != self.nhom.lower():
            self.observations.append(
                "The sheet's classification line prints Nhóm %r; Phụ lục I lists this set under Nhóm %r. `nhom` "
                "keeps the sheet's wording." % (self.nhom, pl1["nhom"]))
        if pl1 and pl1["leaf"] != name:
            self.observations.append(
                "Phụ lục I names this leaf %r; the Phụ lục II sheet prints %r (the id follows the sheet)."
                % (pl1["leaf"], name))

    # -- structure --------------------------------------------------------
    def start_part(self, letter, title, heading_pts, cell, row):
        if cell is None:
            raise SystemExit("set %d line %d: part without score" % (self.raw["number"], row["line"]))
        self.part = {"part": letter, "title": title, "max": cell, "sections": []}
        self.printed_part_heading[letter] = heading_pts
        self.parts.append(self.part)
        self.section = None
        self.crit = None
        if heading_pts is not None and heading_pts != cell:
            self.notes.append(
                "Phần %s: the heading prints '(%d Điểm)' but its score cell is %d (md line %d). The cell is "
                "used: it equals the sum of the part's groups and the edition's Phần %s maximum (Điều 3: "
                "A 40 / B 25 / C 35)." % (letter, heading_pts, cell, row["line"], letter))

    def start_section(self, code, text, cell, row):
        if self.part is None:
            raise SystemExit("set %d line %d: group before part" % (self.raw["number"], row["line"]))
        title, note = split_section_title(text)
        label = SECTION_LABELS.get(title)
        if label is None:
            raise SystemExit("set %d line %d: no English label for section %r" % (self.raw["number"], row["line"], title))
        self.section = {"code": code, "title": title, "label": label, "max": cell}
        if note is not None:
            self.section["note"] = note
        self.section["criteria"] = []
        self.part["sections"].append(self.section)
        self.crit = None

    def section_criterion(self):
        """The section itself is the criterion (options directly under the group heading)."""
        s = self.section
        if s["criteria"]:
            raise SystemExit("set %d: options after criteria in section %s without a CRIT row"
                             % (self.raw["number"], s["code"]))
        c = {"code": s["code"], "title": s["title"], "label": s["label"], "max": s["max"],
             "notes": [], "options": []}
        s["criteria"].append(c)
        self.crit = c
        return c

    def start_criterion(self, text, cell, row):
        m = re.match(r"^(\d+(?:\.\d+)+)\.?\s+(.*)$", text)
        if not m:
            raise SystemExit("set %d line %d: unreadable criterion %r" % (self.raw["number"], row["line"], text))
        code, rest = m.group(1), m.group(2)
        if self.section is None or not code.startswith(self.section["code"] + "."):
            raise SystemExit("set %d line %d: criterion %s outside its group" % (self.raw["number"], row["line"], code))
        notes = []
        title = rest
        if " Yêu cầu:" in title:
            title, req = title.split(" Yêu cầu:", 1)
            notes.append("Yêu cầu:" + req)
            title = title.strip()
        head, paren = trailing_paren(title)
        if paren is not None:
            title = head
            notes.insert(0, paren)
        label = CRITERION_LABELS.get(title)
        if label is None:
            raise SystemExit("set %d line %d: no English label for criterion %r" % (self.raw["number"], row["line"], title))
        c = {"code": code, "title": title, "label": label, "max": cell}
        depth = code.count(".")
        if depth >= 2:
            c["parent"] = code.rsplit(".", 1)[0]
        c["notes"] = notes
        c["options"] = []
        self.section["criteria"].append(c)
        self.crit = c

    def add_option(self, text, cell, row, prefix_note=None):
        if self.crit is None:
            self.section_criterion()
        c = self.crit
        t = text
        if t.startswith("□"):
            t = t[1:].lstrip()
        elif t.startswith("o "):
            t = t[2:].lstrip()
        else:
            raise SystemExit("set %d line %d: option without box: %r" % (self.raw["number"], row["line"], text))
        extra_note = None
        mm = STAR_MID_RE.match(t)
        spaced = False
        if mm:
            t, stars, extra_note = mm.group(1).rstrip(), mm.group(2).count("*"), mm.group(3)
        else:
            sm = STAR_RE.search(t)
            spaced = bool(sm) and bool(re.search(r"\*\s+\*", sm.group(1)))
            t, stars = split_stars(t)
        if stars is not None and (mm or spaced or not text.startswith("□")):
            # markers the md converter's stats line did not count (see verify_set)
            self.star_adjust[stars] += 1
        if spaced:
            self.notes.append(
                "Criterion %s: an option's star marker is printed spaced, '* * * *' (md line %d); it is read "
                "as the %d-star marker. The md converter's 'star-marked options' stats line does not count it "
                "(%d-star count there is one lower)." % (c["code"], row["line"], stars, stars))
        opt = {"text": t}
        if cell is None:
            opt["points"] = 0
            opt["points_blank"] = True
        else:
            opt["points"] = cell
        if c.get("cases"):
            opt["case"] = len(c["cases"])
        if stars is not None:
            if stars not in (3, 4, 5):
                raise SystemExit("set %d line %d: %d stars" % (self.raw["number"], row["line"], stars))
            opt["gate"] = {"stars": stars}
        c["options"].append(opt)
        if extra_note is not None:
            self.add_note(extra_note, row)
            self.notes.append(
                "Criterion %s: the last option was printed with its star marker followed by the note %r in the "
                "same cell (md line %d). The note is moved to the criterion's notes (it is a knock-out: the "
                "product is eliminated on an IP violation) and the star marker to the option's gate (a "
                "%d-star marker the md converter's stats line does not count)."
                % (c["code"], extra_note, row["line"], stars))
        return opt

    def add_note(self, text, row):
        c = self.crit
        if c is None:
            if self.section is None:
                raise SystemExit("set %d line %d: note outside any group" % (self.raw["number"], row["line"]))
            # a note right under a group heading: the options that follow make the group a
            # section-criterion (checked when the next row is read)
            c = self.section_criterion()
        if text == "Lựa chọn một trong hai trường hợp sau:":
            c["notes"].append(text)
            c["cases"] = []
            return
        if re.match(r"^[ab]\. Trường hợp [12]:", text):
            if "cases" not in c:
                raise SystemExit("set %d line %d: case heading without 'Lựa chọn…'" % (self.raw["number"], row["line"]))
            c["cases"].append(text)
            return
        c["notes"].append(text)
        if text == "Chỉ áp dụng khi có câu chuyện sản phẩm":
            c["applies_if"] = {"criterion": "5.1", "options": None}  # positions filled in later
            return
        ko = knockout_of(text)
        if ko is not None:
            if "knockout" in c:
                raise SystemExit("set %d line %d: two knock-outs on %s" % (self.raw["number"], row["line"], c["code"]))
            c["knockout"] = ko

    # -- rows -----------------------------------------------------------
    def build(self):
        self.identity()
        rows = self.raw["rows"]
        n = self.raw["number"]
        i = 0
        while i < len(rows):
            row = rows[i]
            kind, text = row["kind"], row["text"]
            cell = int(row["pts"]) if row["pts"] else None
            if kind == "PART":
                m = re.match(r"^Phần ([ABC]):?\s*(.*?)\s*\((\d+) [Đđ]iểm\)$", text)
                if not m:
                    raise SystemExit("set %d line %d: unreadable part %r" % (n, row["line"], text))
                self.start_part(m.group(1), m.group(2), int(m.group(3)), cell, row)
            elif kind == "GROUP":
                m = re.match(r"^(\d+)\.\s+(.*)$", text)
                if not m:
                    raise SystemExit("set %d line %d: unreadable group %r" % (n, row["line"], text))
                self.start_section(m.group(1), m.group(2), cell, row)
            elif kind == "CRIT":
                self.start_criterion(text, cell, row)
            elif kind == "opt":
                self.add_option(text, cell, row)
            elif kind == "note":
                self.note_row(row, cell)
            elif kind == "RAW":
                i = self.raw_row(rows, i)
            else:
                raise SystemExit("set %d line %d: unknown row kind %r" % (n, row["line"], kind))
            i += 1
        self.finish()

    def note_row(self, row, cell):
        text = row["text"]
        n = self.raw["number"]
        # GLITCH HANDLING: note rows that are really headings or options
        m = re.match(r"^PHẦN ([ABC])\s+(.*?)\s*\((\d+) Điểm\)$", text)
        if m and cell is not None:
            self.start_part(m.group(1), m.group(2), int(m.group(3)), cell, row)
            self.notes.append(
                "Phần %s: its heading came through as a note row %r with score %d (md line %d); it is read as "
                "the Phần %s heading, title %r." % (m.group(1), text, cell, row["line"], m.group(1), m.group(2)))
            return
        m = re.match(r"^(\d+)\s+([A-ZĐÂĂÊÔƠƯÁÀẢÃẠ].*)$", text)
        if m and cell is not None:
            code = m.group(1)
            self.start_section(code, m.group(2), cell, row)
            self.forced_checks.append((self.section, self.part))
            self.notes.append(
                "Group %s %r was not recognised as a group heading (printed '%s' without the dot after the "
                "number; it came through as a note row with score %d, md line %d). It is read as group %s with "
                "max %d; the printed Phần %s maximum %d minus its other groups forces the same value (the md "
                "converter's group sum of 95 for this set is this missing group)."
                % (code, m.group(2), text, cell, row["line"], code, cell, self.part["part"], self.part["max"]))
            return
        if text.startswith("o ") and cell is not None:
            opt = self.add_option(text, cell, row)
            self.notes.append(
                "Criterion %s: the option %r was printed with an 'o' bullet instead of the box and came "
                "through as a note row with score %d (md line %d); it is read as the criterion's option %d%s."
                % (self.crit["code"], opt["text"], cell, row["line"], len(self.crit["options"]),
                   " with its %d-star gate (not counted in the md converter's stats line)" % opt["gate"]["stars"]
                   if "gate" in opt else ""))
            return
        if cell is not None:
            raise SystemExit("set %d line %d: note with a score %r" % (n, row["line"], text))
        self.add_note(text, row)

    def raw_row(self, rows, i):
        row = rows[i]
        text = row["text"]
        n = self.raw["number"]
        # (a) a group heading whose score cell holds two paragraphs: '9. …' then '4 1'
        m = re.match(r"^(\d+)\.\s+(.*)$", text)
        if m and i + 1 < len(rows) and rows[i + 1]["kind"] == "RAW" and re.match(r"^\d+( \d+)+$", rows[i + 1]["text"]):
            nums = [int(x) for x in rows[i + 1]["text"].split()]
            code = m.group(1)
            others = sum(s["max"] for s in self.part["sections"])
            forced = self.part["max"] - others
            # the remaining groups of the part follow; read ahead to the next PART or the end
            j = i + 2
            later = 0
            while j < len(rows) and rows[j]["kind"] != "PART":
                if rows[j]["kind"] == "GROUP":
                    later += int(rows[j]["pts"])
                j += 1
            forced -= later
            if forced not in nums:
                raise SystemExit("set %d line %d: group %s score %r does not contain the forced %d"
                                 % (n, row["line"], code, nums, forced))
            self.start_section(code, m.group(2), forced, row)
            self.notes.append(
                "Group %s %r came through as an unpaired RAW row (md line %d) followed by a RAW row %r (md line "
                "%d): the score cell holds two paragraphs, '%s'. The Phần %s maximum %d minus its other groups "
                "forces max %d, which is also the group's best option; the stray %s is dropped."
                % (code, self.section["title"], row["line"], rows[i + 1]["text"], rows[i + 1]["line"],
                   rows[i + 1]["text"], self.part["part"], self.part["max"], forced,
                   ", ".join(str(x) for x in nums if x != forced) or "value"))
            return i + 1
        # (b) the explanatory parenthetical of a group heading printed on its own line
        if text.startswith("(") and text.endswith(")") and self.section is not None and self.crit is None:
            if "note" in self.section:
                raise SystemExit("set %d line %d: second heading note" % (n, row["line"]))
            # keep the key order: code, title, label, max, note, criteria
            crits = self.section.pop("criteria")
            self.section["note"] = text
            self.section["criteria"] = crits
            self.notes.append(
                "Group %s %s: its explanatory parenthetical %r came through as a RAW row (md line %d); it is "
                "the section's note, as in the sets where it is printed in the heading."
                % (self.section["code"], self.section["title"], text, row["line"]))
            return i
        # (c) a section-wide knock-out printed after the group's last criterion
        if "tại một trong các chỉ tiêu trên" in text:
            sec = self.section
            crits = sec.pop("criteria")
            sec["note"] = text
            sec["criteria"] = crits
            ko = halted(note_clause(text))
            codes = []
            for c in crits:
                if "parent" in c:
                    continue
                if "knockout" in c:
                    raise SystemExit("set %d: %s already has a knock-out" % (n, c["code"]))
                c["knockout"] = dict(ko)
                codes.append(c["code"])
            self.notes.append(
                "Group %s: the note %r came through as a RAW row after criterion %s (md line %d). It speaks of "
                "'các chỉ tiêu trên' (all criteria of the group), so it is kept as the section's note and as a "
                "'halted' knock-out on each of %s, with zero_points: it applies by itself when the council's "
                "points on that criterion are 0 (an evaluation may also assert it)." % (sec["code"], text, crits[-1]["code"], row["line"], ", ".join(codes)))
            return i
        # (d) an ordinary note ('Ghi chú: …') that the converter failed to classify
        if text.startswith("Ghi chú:") and self.crit is not None:
            self.add_note(text, row)
            self.notes.append(
                "Criterion %s: the note %r came through as a RAW row (md line %d); it is attached to the "
                "criterion it is printed under (verbatim, including its wording)." % (self.crit["code"], text, row["line"]))
            return i
        raise SystemExit("set %d line %d: unhandled RAW row %r" % (n, row["line"], text))

    # -- completion -------------------------------------------------------
    def finish(self):
        n = self.raw["number"]
        all_crits = [c for p in self.parts for s in p["sections"] for c in s["criteria"]]
        by_code = {c["code"]: c for c in all_crits}
        # headers and yes/no
        parents = {c["parent"] for c in all_crits if "parent" in c}
        for c in all_crits:
            if c["code"] in parents:
                if c["options"]:
                    raise SystemExit("set %d: header %s has options" % (n, c["code"]))
                c["header"] = True
            elif not c["options"]:
                if c["max"] is None or c["max"] <= 0:
                    raise SystemExit("set %d: %s has no options and no points" % (n, c["code"]))
                c["yes_no"] = True
            if "cases" in c:
                if len(c["cases"]) != 2:
                    raise SystemExit("set %d: %s has %d cases" % (n, c["code"], len(c["cases"])))
        # applies_if: every 5.1 position except 'Không có câu chuyện sản phẩm'
        for c in all_crits:
            if "applies_if" in c:
                t = by_code.get(c["applies_if"]["criterion"])
                if t is None:
                    raise SystemExit("set %d: applies_if target missing" % n)
                pos = [k + 1 for k, o in enumerate(t["options"]) if o["text"] != "Không có câu chuyện sản phẩm"]
                if len(pos) != len(t["options"]) - 1:
                    raise SystemExit("set %d: 5.1 has no 'Không có câu chuyện sản phẩm' option" % n)
                c["applies_if"]["options"] = pos
        # GLITCH HANDLING: option values above their criterion's maximum
        for c in all_crits:
            if c.get("header") or c.get("yes_no"):
                continue
            for k, o in enumerate(c["options"]):
                if o["points"] <= c["max"]:
                    continue
                others = [x["points"] for j, x in enumerate(c["options"]) if j != k]
                if max(others, default=0) < c["max"] and k == len(c["options"]) - 1:
                    # the criterion's best option must equal its printed max, and no other
                    # option reaches it: the printed maxima force the value
                    old = o["points"]
                    o["points"] = c["max"]
                    if HTML_CHECKED.get((n, c["code"])) != old:
                        raise SystemExit("set %d: %s value %d not checked in the HTML" % (n, c["code"], old))
                    self.notes.append(
                        "Criterion %s (%s): option %d %r is printed %d (in the md and in the HTML transcript) "
                        "under a printed maximum of %d. The best option must equal the printed maximum (which is "
                        "itself fixed by the printed group and part totals) and the other options are %s, so the "
                        "printed maxima force %d. Changed %d → %d."
                        % (c["code"], c["title"], k + 1, o["text"], old, c["max"],
                           " and ".join(str(x) for x in others), c["max"], old, c["max"]))
                else:
                    # not forced: keep the recovered value; a proposal from sibling sets is
                    # attached by propose_from_siblings() once every set is built
                    self.defects.append((c, k, "above_max"))
        # equal or descending option values: kept as printed, checked against sibling sets later
        for c in all_crits:
            pts = [o["points"] for o in c["options"]]
            if "cases" in c or any(d[0] is c for d in self.defects):
                continue
            for k, (a, b) in enumerate(zip(pts, pts[1:])):
                if b <= a:
                    self.defects.append((c, k + 1, "order"))
                    break
        # forced maxima claimed while reading glitched headings
        for sec, part in self.forced_checks:
            rest = sum(x["max"] for x in part["sections"] if x is not sec)
            if part["max"] - rest != sec["max"]:
                raise SystemExit("set %d: group %s max %d is not forced by Phần %s (%d - %d)"
                                 % (n, sec["code"], sec["max"], part["part"], part["max"], rest))
        if self.raw["number"] == 19:
            self.notes.append("The disqualification clause is printed 'Bị loại khi:' (not 'Hồ sơ bị loại khi:'); "
                              "`disqualified_when` holds the clause after the colon.")
        if self.raw["disq"] is None:
            self.notes.append("No 'Hồ sơ bị loại khi' clause is printed for this set: `disqualified_when` is null.")
        if self.raw.get("printed_total") != 100:
            raise SystemExit("set %d: printed total %r" % (n, self.raw.get("printed_total")))

    def all_crits(self):
        return [c for p in self.parts for s in p["sections"] for c in s["criteria"]]

    def document(self):
        n = self.raw["number"]
        src = ("GitHub %s, %s (commit %s): HTML transcript of Quyết định 26/2026/QĐ-TTg, Phụ lục II, set %d; "
               "converted via raw-qd26-2026-criteria.md" % (REPO, REPO_PATH, self.commit, n))
        doc = {
            "id": self.id,
            "name": self.name,
            "number": n,
            "nganh": self.nganh,
            "nhom": self.nhom,
            "status": "transcribed",
            "source": src,
            "disqualified_when": self.raw["disq"],
            "gaps": [],
            "notes": self.notes + ["Observation: " + o for o in self.observations],
            "parts": self.parts,
        }
        return doc


# --------------------------------------------------------------------------
# Defective point values kept as printed: proposals from sibling sets
# --------------------------------------------------------------------------


def propose_from_siblings(builders):
    """For each defect (an option above its criterion max that the maxima do not force, or
    option values that are not strictly increasing), look for the same criterion (same title,
    maximum and option texts) in the other sets. If they all agree on one vector of points that
    differs from this one only at the defective option, that value becomes `inferred.points`.
    `points` always keeps the recovered value."""
    def key(c):
        return (c["title"], c["max"], tuple(o["text"] for o in c["options"]))

    index = collections.defaultdict(list)
    for b in builders:
        for c in b.all_crits():
            if c["options"]:
                index[key(c)].append((b.raw["number"], c))
    for b in builders:
        for c, k, kind in b.defects:
            pts = tuple(o["points"] for o in c["options"])
            sibs = [(n, c2) for n, c2 in index[key(c)] if c2 is not c]
            vectors = collections.Counter(tuple(o["points"] for o in c2["options"]) for _, c2 in sibs)
            o = c["options"][k]
            where = "Criterion %s (%s): option %d %r" % (c["code"], c["title"], k + 1, o["text"])
            proposal = None
            if len(vectors) == 1:
                (vec,) = vectors
                diff = [j for j in range(len(pts)) if vec[j] != pts[j]]
                if diff == [k] and vec[k] <= c["max"]:
                    proposal = vec[k]
            if kind == "above_max":
                if proposal is None:
                    raise SystemExit("set %d: %s above max and no sibling agreement" % (b.raw["number"], where))
                if HTML_CHECKED.get((b.raw["number"], c["code"])) != o["points"]:
                    raise SystemExit("set %d: %s not checked in the HTML" % (b.raw["number"], where))
                text = ("%s is printed %d under a printed maximum of %d (the HTML transcript prints %d too). The "
                        "printed maxima do not force a single value: the criterion's best option (%d) is already "
                        "present, so any of 0..%d fits every printed total. NOT resolved: the recovered %d is kept "
                        "as `unreadable` and not scored; `inferred.points` proposes %d."
                        % (where, o["points"], c["max"], o["points"], c["max"], c["max"], o["points"], proposal))
            else:
                text = ("%s: the criterion prints option values %s, not strictly increasing. No printed total "
                        "constrains them (the best option equals the maximum), so they are kept as printed."
                        % (where, list(pts)))
                if proposal is not None:
                    text += " NOT resolved: `inferred.points` proposes %d for this option." % proposal
            if proposal is not None:
                sets = sorted(n for n, _ in sibs)
                basis = ("the same criterion (same title, maximum and option texts) scores %s in every other "
                         "2026 set that prints it with identical option texts (sets %s)" % (list(next(iter(vectors))), ", ".join(map(str, sets))))
                if kind == "above_max" and len(str(o["points"])) > 1 and set(str(o["points"])) == {str(proposal)}:
                    basis = "reading %d as a doubled %d; " % (o["points"], proposal) + basis
                o["inferred"] = {"points": proposal, "basis": basis, "confidence": "high"}
                if kind == "above_max":
                    # An impossible value is not scored: the engine reports it
                    # unless inferred data is asked for.
                    o["unreadable"] = str(o["points"])
                    o["points"] = 0
                text += " Basis: " + basis + "."
                b.notes.append(text)
            else:
                b.observations.append(text + " No sibling set prints the same criterion with the same options.")


# --------------------------------------------------------------------------
# Phụ lục I
# --------------------------------------------------------------------------


def read_classification(path):
    text = open(path, encoding="utf-8").read()
    sec = text.split("## B.", 1)[1].split("\n## ", 1)[0]
    entries = []
    nganh = nhom = None
    by_set = {}
    for line in sec.split("\n"):
        if not line.startswith("|"):
            continue
        cells = [x.strip() for x in line.strip().strip("|").split("|")]
        if len(cells) != 4:
            raise SystemExit("unreadable Phụ lục I row %r" % line)
        if cells[0] in ("STT", "---"):
            continue
        stt, label, ministry, setno = cells
        setno = int(setno) if setno else None
        if re.match(r"^[IVX]+$", stt):
            nganh, nhom = label, None
            continue
        if label.startswith("Nhóm:"):
            nhom = label[len("Nhóm:"):].strip()
            if setno is not None:  # the nhóm is itself the leaf
                entries.append({"nganh": nganh, "nhom": nhom, "phan_nhom": nhom, "set": setno,
                                "leaf_is_nhom": True})
            continue
        if label.startswith("Phân nhóm:"):
            pn = label[len("Phân nhóm:"):].strip()
            entries.append({"nganh": nganh, "nhom": nhom, "phan_nhom": pn, "set": setno, "leaf_is_nhom": False})
            continue
        raise SystemExit("unreadable Phụ lục I row %r" % line)
    for e in entries:
        if e["set"] is not None:
            by_set[e["set"]] = {"nhom": e["nhom"], "leaf": e["phan_nhom"]}
    return entries, by_set


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def effective_points(o):
    return o["inferred"]["points"] if "inferred" in o else o["points"]


def verify_set(doc, raw, adjust, errors):
    sid = doc["id"]

    def err(msg):
        errors.append("%s: %s" % (sid, msg))

    codes = collections.Counter()
    crits = {}
    star_count = collections.Counter()
    total = 0
    for p in doc["parts"]:
        sec_sum = 0
        for s in p["sections"]:
            top = 0
            for c in s["criteria"]:
                codes[c["code"]] += 1
                crits[c["code"]] = c
            for c in s["criteria"]:
                if "parent" not in c:
                    top += c["max"]
                if c.get("header"):
                    kids = [x for x in s["criteria"] if x.get("parent") == c["code"]]
                    if not kids or sum(x["max"] for x in kids) != c["max"]:
                        err("header %s max %d != sum of children" % (c["code"], c["max"]))
                    if c["options"]:
                        err("header %s has options" % c["code"])
                elif c.get("yes_no"):
                    if c["options"] or c["max"] <= 0:
                        err("yes/no %s malformed" % c["code"])
                else:
                    if not c["options"]:
                        err("%s has no options" % c["code"])
                        continue
                    best = max(effective_points(o) for o in c["options"])
                    if best != c["max"]:
                        err("%s max %d != best option %d" % (c["code"], c["max"], best))
                    for o in c["options"]:
                        if o["points"] < 0:
                            err("%s negative option" % c["code"])
                        if o["points"] > c["max"] and "inferred" not in o:
                            err("%s option above max without a recorded proposal" % c["code"])
                        if "inferred" in o and not any(c["code"] in nt and "NOT resolved" in nt for nt in doc["notes"]):
                            err("%s inferred value not recorded in the set notes" % c["code"])
                        if o.get("points_blank") and o["points"] != 0:
                            err("%s blank option not 0" % c["code"])
                        if "gate" in o:
                            star_count[o["gate"]["stars"]] += 1
                    if "cases" in c:
                        for k in (1, 2):
                            opts = [o for o in c["options"] if o.get("case") == k]
                            if not opts or max(effective_points(o) for o in opts) != c["max"]:
                                err("%s case %d best != max" % (c["code"], k))
                        if any("case" not in o for o in c["options"]):
                            err("%s option without case" % c["code"])
                if "parent" in c:
                    par = crits.get(c["parent"])
                    if par is None or not par.get("header"):
                        err("%s parent %s missing or not a header" % (c["code"], c["parent"]))
            if top != s["max"]:
                err("section %s max %d != sum of criteria %d" % (s["code"], s["max"], top))
            sec_sum += s["max"]
        if sec_sum != p["max"]:
            err("part %s max %d != sum of sections %d" % (p["part"], p["max"], sec_sum))
        if p["max"] != PART_MAX[p["part"]]:
            err("part %s max %d != %d" % (p["part"], p["max"], PART_MAX[p["part"]]))
        total += p["max"]
    if [p["part"] for p in doc["parts"]] != ["A", "B", "C"]:
        err("parts are not A, B, C")
    if total != 100 or raw.get("printed_total") != 100:
        err("total %d, printed %r" % (total, raw.get("printed_total")))
    for code, k in codes.items():
        if k > 1:
            err("code %s appears %d times" % (code, k))
    for c in crits.values():
        if "applies_if" in c:
            t = crits.get(c["applies_if"]["criterion"])
            if t is None:
                err("%s applies_if target missing" % c["code"])
            else:
                for pos in c["applies_if"]["options"]:
                    if not 1 <= pos <= len(t["options"]):
                        err("%s applies_if position %d out of range" % (c["code"], pos))
        if not c.get("label"):
            err("%s has no label" % c["code"])
    for k in (3, 4, 5):
        if star_count[k] != raw["stats"][k] + adjust[k]:
            err("%d-star options: %d != stats line %d + %d recovered markers"
                % (k, star_count[k], raw["stats"][k], adjust[k]))
    n_crit_rows = sum(1 for c in crits.values() if "." in c["code"])
    if n_crit_rows != raw["crit_rows"]:
        err("%d criteria from CRIT rows != %d CRIT rows in the stats line" % (n_crit_rows, raw["crit_rows"]))
    return star_count


def verify_claims(docs, errors):
    """The statements README.md makes about the whole edition."""
    def where(pred):
        out = []
        for d in docs:
            for p in d["parts"]:
                for s in p["sections"]:
                    for c in s["criteria"]:
                        if pred(c):
                            out.append((d["number"], c["code"]))
        return out

    def expect(name, got, want):
        if got != want:
            errors.append("README claim '%s': found %s, expected %s" % (name, got, want))

    expect("yes/no = 2.4 in sets 1-20, 2.3 in 21-22", where(lambda c: c.get("yes_no")),
           [(n, "2.4") for n in range(1, 21)] + [(21, "2.3"), (22, "2.3")])
    expect("headers only in sets 11 and 13", where(lambda c: c.get("header")),
           [(11, "6.1"), (11, "6.2"), (13, "6.1"), (13, "6.2")])
    expect("applies_if = 5.2 in sets 1-25", where(lambda c: "applies_if" in c), [(n, "5.2") for n in range(1, 26)])
    expect("applies_if options [2,3,4,5]",
           sorted({tuple(c["applies_if"]["options"]) for d in docs for p in d["parts"] for s in p["sections"]
                   for c in s["criteria"] if "applies_if" in c}), [(2, 3, 4, 5)])
    expect("cases = set 26 groups 8, 9, 15", where(lambda c: "cases" in c), [(26, "8"), (26, "9"), (26, "15")])
    expect("only set 10's name has a parenthetical", [d["number"] for d in docs if d["name"].endswith(")")], [10])
    expect("disqualified_when null only in set 26", [d["number"] for d in docs if d["disqualified_when"] is None], [26])
    expect("nhom from Phụ lục I in sets 23-26",
           [d["number"] for d in docs if any("no 'Nhóm'" in nt for nt in d["notes"])], [23, 24, 25, 26])


# --------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------


def readme(docs, entries, commit, summary):
    out = []
    w = out.append
    w("# Decision 26/2026/QĐ-TTg (`qd26-2026`): criteria sets\n")
    w("Generated by `tools/convert_2026.py` from the reference folder `26-2026` "
      "(`raw-qd26-2026-criteria.md`, `raw-classification.md`). Do not edit the JSON by hand: change the "
      "converter and re-run it. `edition.json` in this folder is not written by this converter.\n")
    w("## Provenance\n")
    w("- Tables: Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026, Phụ lục II (26 scoring sheets), as transcribed in "
      "the HTML file `%s` of the public GitHub repository `%s` (commit `%s`), converted mechanically to "
      "`| kind | text | điểm |` rows (`raw-qd26-2026-criteria.md`). Labels are verbatim; whitespace was "
      "collapsed by that conversion. Not checked against the official gazette." % (REPO_PATH, REPO, commit))
    w("- Classification: Phụ lục I, section B of `raw-classification.md` (same transcript).")
    w("- Every set is `status: \"transcribed\"` (one source). Every set prints TỔNG CỘNG 100, and after the "
      "resolutions below every criterion, group and part maximum agrees with the printed totals "
      "(A 40 / B 25 / C 35, Điều 3), with one recorded exception (set 11, below).\n")
    w("## Conventions\n")
    w("- **Set id**: ASCII slug of the set name as printed on its Phụ lục II sheet (diacritics removed, "
      "`đ`→`d`, lower case, other runs → `-`), without the 'Bộ sản phẩm:' prefix. Sets 12 and 13 have "
      "headings polluted by the sheet's form text; their names are 'Sản phẩm trà từ thực vật khác' and "
      "'Sản phẩm cà phê, ca cao'. Set 10 is printed 'Gia vị khác (muối, hành, tỏi, tiêu,...)': the "
      "parenthetical is a list of examples, not part of the name (Phụ lục I calls the leaf 'Gia vị khác'), "
      "so the id is `gia-vi-khac`; `name` keeps the printed text. No other set name carries a parenthetical.")
    differ = [d["number"] for d in docs if any("Phụ lục I names this leaf" in nt for nt in d["notes"])]
    w("- Where the sheet name differs from the Phụ lục I leaf name (sets %s), the id follows the sheet; "
      "`classification.json` maps the Phụ lục I leaf to that id. Each such difference is listed as an "
      "observation in the set's `notes`." % ", ".join(map(str, differ)))
    w("- `nganh` / `nhom`: as printed on the sheet's classification line ('Sản phẩm: …. Nhóm: …'). Sets 23–26 "
      "print only 'Sản phẩm: …'; their `nhom` is taken from Phụ lục I (recorded in each set's notes).")
    w("- Part `title`: as printed without 'Phần X:' and without '(NN Điểm)'; `max` is the printed score cell.")
    w("- Sections: `code` is the group number, `title` the heading text. A heading that prints an explanation "
      "with it, a parenthetical ('7. DINH DƯỠNG (Chỉ ra hàm lượng …)') or a sentence ('7. CÔNG BỐ CHẤT LƯỢNG "
      "SẢN PHẨM Áp dụng bắt buộc …', '7. TÍNH ĐỘC ĐÁO Chất lượng: …'), keeps the upper-case words as the "
      "title and the rest, verbatim, as the section `note`. In the tourism set (mixed-case headings) only a "
      "trailing parenthetical is split off ('17. Hàng hóa dịch vụ (ăn uống, đồ lưu niệm...)').")
    w("- A group with options directly under it is a section-criterion: one criterion with the section's code, "
      "title, label and max.")
    w("- Criteria: `code` without the trailing dot (some codes are printed without it, e.g. '6.2 Nước pha'). "
      "A label that carries 'Yêu cầu: …' or a trailing parenthetical (an explanation, e.g. '1.4. Năng lực sản "
      "xuất … (Khả năng sản xuất …)', or a specification, e.g. '2.4. Ghi nhãn hàng hóa có sử dụng song ngữ "
      "(Việt - Anh hoặc ngôn ngữ nước ngoài khác)') keeps the name as `title`; the rest goes verbatim into "
      "`notes`, in the same form whether the transcript printed it in the label or on its own row.")
    w("- Nesting: '6.1.1', '6.2.3' … are children (`parent`) of '6.1', '6.2', which are `header: true` "
      "(no options, max = sum of the children). Found in set 11 (tea: 6.1 Ngoại hình, 6.2 Nước pha) and "
      "set 13 (coffee/cocoa: 6.1 Ngoại hình with 6.1.1–6.1.5, 6.2 Nước pha with 6.2.1–6.2.2). Set 12 has no "
      "nesting (6.1–6.5 are flat). No other set nests.")
    w("- A criterion printed with points and no options is `yes_no: true` with `options: []` (2.4 'Ghi nhãn "
      "hàng hóa có sử dụng song ngữ' in sets 1–20, 2.3 in sets 21–22).")
    w("- Options: text verbatim without the '□ ' box (or the 'o ' bullet) and without the star marker and the "
      "whitespace before it (also the spaced form '* * * *'). `***`/`****`/`*****` → `gate: {\"stars\": 3|4|5}`. "
      "An empty points cell → `points: 0, points_blank: true`.")
    w("- Notes: every note row is attached, verbatim, to the criterion (or section-criterion) it is printed "
      "under. 'Chỉ áp dụng khi có câu chuyện sản phẩm' (5.2 in sets 1–25) → `applies_if: {criterion: \"5.1\", "
      "options: [2, 3, 4, 5]}` (every 5.1 position except 'Không có câu chuyện sản phẩm'). The tourism set 26 "
      "prints no such note, so none of its criteria has `applies_if`.")
    w("- Knock-outs (`knockout.text` is the note without its 'Ghi chú:'/'Chú ý:' label): 'Bị loại nếu …' → "
      "`eliminated`; '… sẽ bị loại bỏ' (handicraft and textile sets, 6.2) → `eliminated`; '… sẽ không đánh "
      "giá các bước tiếp theo', 'Không đánh giá các bước tiếp theo nếu …', 'Không xem xét các chỉ tiêu khác "
      "nếu …', 'Không đánh giá những sản phẩm có tính phổ biến …' → `halted`. A knock-out phrased in "
      "points ('Nếu được 0 điểm …') also carries `zero_points: true`: it applies by itself when the council's "
      "points on the criterion are 0.")
    w("- 'Lựa chọn một trong hai trường hợp sau:' (set 26, groups 8, 9, 15): the sentence is kept in `notes`, "
      "the two headings 'a. Trường hợp 1: …' / 'b. Trường hợp 2: …' verbatim in `cases`, and each option "
      "carries its `case` (1 or 2). Each case's best option equals the criterion max.")
    w("- `disqualified_when`: the 'Hồ sơ bị loại khi' clause verbatim (set 19 prints 'Bị loại khi:'; set 26 "
      "prints none → null).")
    w("- English `label`s are short glosses written for this edition; they are not part of the source.\n")
    w("## Sets\n")
    w("| # | id | A | B | C | total | criteria | gates 3★/4★/5★ |")
    w("|---|---|---|---|---|---|---|---|")
    for row in summary:
        w("| %d | `%s` | %d | %d | %d | %d | %d | %d/%d/%d |" % row)
    w("")
    w("`criteria` counts every criterion object (section-criteria and headers included).\n")
    w("## Classification (Phụ lục I → set)\n")
    w("| ngành | nhóm | phân nhóm | set |")
    w("|---|---|---|---|")
    for e in entries:
        w("| %s | %s | %s | %s |" % (e["nganh"], e["nhom"], e["phan_nhom"],
                                     "`%s`" % e["set"] if e["set"] else "— (%s)" % e.get("gap", "")))
    w("")
    w("Ten leaves of Phụ lục I are a 'Nhóm' with its own set and no 'Phân nhóm' (cà phê/ca cao, the three "
      "dược liệu groups, the two handicraft groups, the three sinh vật cảnh groups and tourism); for those "
      "`phan_nhom` repeats the nhóm name. Every phân nhóm has a set: there is no `gap` entry.\n")
    w("## Glitches and how they were resolved\n")
    w("Each item is also in the set's `notes`. 'Observation:' items are anomalies kept as printed.\n")
    for d in docs:
        if not d["notes"]:
            continue
        w("### Set %d `%s`\n" % (d["number"], d["id"]))
        for nt in d["notes"]:
            w("- " + nt)
        w("")
    w("## Not resolved\n")
    w("Point values that look defective but that no printed total forces are kept as recovered. Where every "
      "other set that prints the same criterion (same title, maximum and option texts) agrees, the option "
      "carries `inferred` with that value (used only when inferred data is asked for). The converter's check "
      "'criterion max = best option' uses `inferred.points` where present; it fails on any other value above "
      "its criterion's maximum. A value above the maximum that no total forces (set 11, 6.1.1 option 2, printed "
      "11) is kept as `unreadable` with `points` 0: the engine refuses to score that option unless inferred data "
      "is asked for, and then scores the proposal.\n")
    for d in docs:
        for nt in d["notes"]:
            if "NOT resolved" in nt or ("Observation:" in nt and "option values" in nt):
                w("- Set %d `%s`: %s" % (d["number"], d["id"], nt.replace("Observation: ", "")))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


CRIT_KEYS = ["code", "title", "label", "max", "header", "parent", "yes_no", "notes", "knockout",
             "applies_if", "cases", "options"]
OPT_KEYS = ["text", "points", "points_blank", "unreadable", "case", "gate", "inferred"]


def ordered(d, keys):
    extra = set(d) - set(keys)
    if extra:
        raise SystemExit("unexpected keys %r" % sorted(extra))
    return {k: d[k] for k in keys if k in d}


def normalise(doc):
    """Key order as in criteria/README.md; empty `notes` lists are omitted."""
    for p in doc["parts"]:
        for s in p["sections"]:
            crits = []
            for c in s["criteria"]:
                c = dict(c)
                if not c.get("notes"):
                    c.pop("notes", None)
                c["options"] = [ordered(o, OPT_KEYS) for o in c["options"]]
                crits.append(ordered(c, CRIT_KEYS))
            s["criteria"] = crits
    return doc


def dump(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reference", help="the reference folder 26-2026")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "criteria", EDITION))
    args = ap.parse_args()

    md = os.path.join(args.reference, "raw-qd26-2026-criteria.md")
    cl = os.path.join(args.reference, "raw-classification.md")
    commit, raws = read_sets(md)
    entries, by_set = read_classification(cl)
    if [r["number"] for r in raws] != list(range(1, 27)):
        raise SystemExit("expected sets 1..26, got %r" % [r["number"] for r in raws])

    builders = []
    adjust = {}
    for raw in raws:
        b = SetBuilder(raw, commit, by_set)
        b.build()
        builders.append(b)
        adjust[raw["number"]] = b.star_adjust
    propose_from_siblings(builders)
    docs = [normalise(b.document()) for b in builders]

    ids = [d["id"] for d in docs]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate set ids")
    id_of = {d["number"]: d["id"] for d in docs}

    cls_entries = []
    for e in entries:
        item = {"nganh": e["nganh"], "nhom": e["nhom"], "phan_nhom": e["phan_nhom"]}
        if e["set"] is None:
            item["set"] = None
            item["gap"] = "Phụ lục I lists this phân nhóm but Phụ lục II prints no scoring sheet for it"
        else:
            item["set"] = id_of[e["set"]]
        cls_entries.append(item)
    classification = {
        "edition": EDITION,
        "source": "Quyết định 26/2026/QĐ-TTg, Phụ lục I (Danh mục phân loại sản phẩm tham gia đánh giá, phân hạng "
                  "sản phẩm OCOP), as transcribed in GitHub %s, %s (commit %s); via raw-classification.md section B"
                  % (REPO, REPO_PATH, commit),
        "entries": cls_entries,
    }

    os.makedirs(args.out, exist_ok=True)
    for d in docs:
        dump(d, os.path.join(args.out, d["id"] + ".json"))
    dump(classification, os.path.join(args.out, "classification.json"))

    # ---- verify what was written ----
    errors = []
    summary = []
    print("%-3s %-100s %3s %3s %3s %4s %5s  %s" % ("#", "id", "A", "B", "C", "tot", "crit", "gates 3/4/5"))
    for raw in raws:
        sid = id_of[raw["number"]]
        doc = json.load(open(os.path.join(args.out, sid + ".json"), encoding="utf-8"))
        stars = verify_set(doc, raw, adjust[raw["number"]], errors)
        pm = {p["part"]: p["max"] for p in doc["parts"]}
        ncrit = sum(len(s["criteria"]) for p in doc["parts"] for s in p["sections"])
        row = (raw["number"], sid, pm["A"], pm["B"], pm["C"], sum(pm.values()), ncrit,
               stars[3], stars[4], stars[5])
        summary.append(row)
        print("%-3d %-100s %3d %3d %3d %4d %5d  %d/%d/%d" % row)
    verify_claims([json.load(open(os.path.join(args.out, id_of[r["number"]] + ".json"), encoding="utf-8"))
                   for r in raws], errors)
    cls = json.load(open(os.path.join(args.out, "classification.json"), encoding="utf-8"))
    mapped = {e["set"] for e in cls["entries"] if e["set"]}
    if mapped != set(ids):
        errors.append("classification maps %s, files are %s" % (sorted(mapped ^ set(ids)), ""))

    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme(docs, cls_entries, commit, summary))

    if errors:
        print("\nVERIFICATION FAILED:", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("\nverified: %d sets, classification %d entries" % (len(docs), len(cls["entries"])))


if __name__ == "__main__":
    main()

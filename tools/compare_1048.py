#!/usr/bin/env python3
"""Compare every 1048 criteria set with its second source, option by option, and
check the `second_source` record each set carries.

Usage:
    python3 tools/compare_1048.py <reference folder>
    e.g. python3 tools/compare_1048.py ../shared/reference/1048-781

- criteria/qd1048-781/<set>.json (the 2022 transcription, as amended where this
  repository took the signed reading) against its sheet in Decision 1048/QĐ-TTg
  as signed (raw-1048-as-signed.txt);
- criteria/qd1048-2019/<set>.json (the signed sheets) against the 2022
  transcription itself (raw-1048-all-sets.json).

Compared: texts (Unicode NFC, whitespace collapsed, without the leading box),
option points, criterion maxima (the printed maximum of a signed sheet), section
maxima, section and criterion titles, and the knock-out each note encodes. It
prints a report and exits non-zero when a set's recorded `second_source` (or the
status that follows from it) differs from what it finds now. When the reference
folder is absent it says so and exits 0.

As a module it is the one implementation of the comparison: convert_1048.py and
signed_1048.py write the records it computes.
"""

import json
import os
import re
import sys
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import signed_1048 as sg  # noqa: E402

ROOT = sg.ROOT
DIR781 = sg.OUT781
DIR2019 = sg.OUT2019
RAU = "rau-cu-qua-hat-tuoi"
GAO = "gao-ngu-coc"
TOURISM_781 = "dich-vu-du-lich-cong-dong-va-diem-du-lich"
KEEP_781 = "kept the 781-era reading (781 may have changed it)"
KEEP_SIGNED = "this edition keeps the signed sheet's reading"

SOURCE_SIGNED = ("Decision 1048/QĐ-TTg as signed, Phụ lục III sheet %d (reference: 1048-781/raw-1048-as-signed.txt, "
                 "thuvienphapluat.vn Word copy)")
SOURCE_2022 = ("The 2022 transcription of the same phân nhóm, the source of qd1048-781: seed database of a provincial "
               "scoring app (GitHub tranquangduc24011999/ommani_ocop, mysql/init.sql, rows of 2022-05-26; reference: "
               "1048-781/raw-1048-all-sets.json)")
SOURCE_NONE_TOURISM_781 = ("Decision 1048/QĐ-TTg as signed (reference: 1048-781/raw-1048-as-signed.txt): no "
                           "counterpart, as 781/QĐ-TTg replaced its tourism sheet")
NOTE_NONE_GAO_781 = ("No second copy of this set has been seen: the 2022 transcription (seed database of the "
                     "ommani app) has the product type 'Gạo, ngũ cốc' but no criteria rows, and no 781-era copy of "
                     "the sheet was found. The set is the decision's own sheet 3 (its source).")
NOTE_NONE_GAO_2019 = ("No second copy of sheet 3 has been seen: the 2022 transcription (seed database of the ommani "
                      "app) has the product type 'Gạo, ngũ cốc' but no criteria rows.")
NOTE_NONE_TOURISM_781 = ("781/QĐ-TTg replaced the tourism sheet of 1048 ('Dịch vụ du lịch - truyền thống - lễ hội', "
                         "sheet 26 of the decision as signed), so the signed decision has no counterpart of this "
                         "post-781 set. Its only other copy, raw-781-du-lich-cong-dong-diem-du-lich.md, is a second "
                         "transcription of the same 2022 database rows, not an independent source.")
NOTE_NONE_TOURISM_2019 = ("No second copy of sheet 26 has been seen: the 2022 transcription has only the post-781 "
                          "tourism set, which replaced this one.")


# ---------------------------------------------------------------- comparable forms

def _crit(code, title, mx, options, knockout, header=False, yes_no=False):
    return OrderedDict(code=code, title=title, max=mx, options=options, knockout=knockout, header=header,
                       yes_no=yes_no)


def _ko(k):
    if not k:
        return None
    return (k["kind"], sg.norm_text(k["text"]), bool(k.get("zero_points")))


def form_of_set(s):
    """A set file as sections [(code, title, max, is_group)] and criteria {code: …}."""
    sections, crits = [], OrderedDict()
    for p in s["parts"]:
        for sec in p["sections"]:
            group = not any(c["code"] == sec["code"] for c in sec["criteria"])
            sections.append(OrderedDict(code=sec["code"], title=sec["title"], max=sec["max"], group=group))
            for c in sec["criteria"]:
                opts = [(o["text"], None if "unreadable" in o else o["points"]) for o in c.get("options", [])]
                crits[c["code"]] = _crit(c["code"], c["title"], c["max"], opts, _ko(c.get("knockout")),
                                         bool(c.get("header")), bool(c.get("yes_no")))
    return OrderedDict(sections=sections, criteria=crits)


def form_of_sheet(sheet):
    """A signed sheet, with its printed maxima (criterion maxima as printed; section maxima as
    printed where printed)."""
    s = sg.build_set(sheet, "sheet-%d" % sheet["number"], sheet["title"], "", "", lambda *a: "")
    f = form_of_set(s)
    printed = {}
    secmax = {}
    for rp in sheet["parts"]:
        for n in rp["nodes"]:
            if rp["additive"]:
                continue
            if n["role"] in ("scored", "header"):
                printed[n["code"]] = n["printed_max"]
            if n["role"] == "group" and n["printed_max"] is not None:
                secmax[n["code"]] = n["printed_max"]
    for code, c in f["criteria"].items():
        if code in printed:
            c["max"] = printed[code]
    for sec in f["sections"]:
        if sec["code"] in secmax:
            sec["max"] = secmax[sec["code"]]
    return f


SEC_LABEL = re.compile(r"^(\d+)\.\s*(.*)$", re.S)
CRIT_LABEL = re.compile(r"^(\d+(?:\.\d+)+)\.?\s*(.*)$", re.S)


def form_of_raw(raw):
    """A set of raw-1048-all-sets.json (the 2022 transcription) in the same form. Codes as printed; a
    code printed twice (coffee 6.1.3) takes a 'b' the second time; a header's max is the sum of its
    sub-criteria; knock-outs as the notes encode them (the same classification as the data)."""
    sections, crits = [], OrderedDict()
    qid_code = {}
    for sec in raw["sections"]:
        m = SEC_LABEL.match(sec["section"])
        scode, stitle = m.group(1), m.group(2).strip()
        group = all(rc["criterion"] != "" for rc in sec["criteria"])
        these = []
        for rc in sec["criteria"]:
            if rc["criterion"] == "":
                code, title = scode, stitle
            else:
                cm = CRIT_LABEL.match(rc["criterion"])
                code, title = cm.group(1), cm.group(2).strip()
            if code in crits:
                code += "b"
            qid_code[rc["qid"]] = code
            ko = sg.knockout_of(rc["note"]) if rc["note"] else None
            c = _crit(code, title, rc["max"], [(o["text"], o["points"]) for o in rc["options"]], _ko(ko),
                      bool(rc["is_group_header"]))
            c["parent"] = qid_code.get(rc["parent_qid"]) if rc["parent_qid"] is not None else None
            crits[code] = c
            these.append(c)
        for c in these:
            if c["header"]:
                c["max"] = sum(x["max"] for x in these if x.get("parent") == c["code"])
        for i, c in enumerate(these):
            if c["knockout"] and c["knockout"][2] and "một trong các chỉ tiêu trên" in c["knockout"][1]:
                for above in these[:i]:
                    if not above["header"] and above["knockout"] is None:
                        above["knockout"] = c["knockout"]
        smax = sum(x["max"] for x in these if not x.get("parent"))
        sections.append(OrderedDict(code=scode, title=stitle, max=smax, group=group))
    return OrderedDict(sections=sections, criteria=crits)


def raw_sets_by_id(raw_all):
    out = {}
    for _, raw in raw_all.items():
        name = "Vải, may mặc" if raw["phan_nhom"] == "Ngành vải, may mặc" else raw["phan_nhom"]
        out[sg.slug(name)] = raw
    return out


# ---------------------------------------------------------------- differences

def _pts(p):
    return None if p is None else str(p)


def _ko_str(k):
    if k is None:
        return None
    return "%s%s: %s" % (k[0], " (zero_points)" if k[2] else "", k[1])


def _opt_str(i, text, p):
    return "option %d: %s (%s)" % (i, text, "no points printed" if p is None else p)


def diff(here, other):
    """Differences between two forms, in `here`'s order, then what only `other` has. Each is
    (at, what, option, here, other) with readings as strings, None where a side has none."""
    out = []

    def add(at, what, option=None, h=None, o=None):
        out.append(OrderedDict(at=at, what=what, option=option, here=h, other=o))

    osec = OrderedDict((s["code"], s) for s in other["sections"])
    hsec = OrderedDict((s["code"], s) for s in here["sections"])
    secs_here = set(hsec)
    for code, hs in hsec.items():
        os_ = osec.get(code)
        if os_ is None:
            if hs["group"]:
                add(code, "extra", h=hs["title"])
        else:
            if sg.norm_text(hs["title"]) != sg.norm_text(os_["title"]):
                add(code, "title", h=hs["title"], o=os_["title"])
            if hs["group"] and os_["group"] and hs["max"] != os_["max"]:
                add(code, "section_max", h=str(hs["max"]), o=str(os_["max"]))
        # the section's criteria
        for ccode, hc in here["criteria"].items():
            if ccode != code and not ccode.startswith(code + "."):
                continue
            oc = other["criteria"].get(ccode)
            if oc is None:
                add(ccode, "extra", h=hc["title"])
                continue
            if ccode not in secs_here and sg.norm_text(hc["title"]) != sg.norm_text(oc["title"]):
                add(ccode, "title", h=hc["title"], o=oc["title"])
            if hc["max"] != oc["max"]:
                add(ccode, "max", h=_pts(hc["max"]), o=_pts(oc["max"]))
            ho, oo = hc["options"], oc["options"]
            for i in range(max(len(ho), len(oo))):
                if i >= len(oo):
                    add(ccode, "extra", option=i + 1, h=_opt_str(i + 1, ho[i][0], ho[i][1]))
                elif i >= len(ho):
                    add(ccode, "missing", o=_opt_str(i + 1, oo[i][0], oo[i][1]))
                else:
                    if sg.norm_text(ho[i][0]) != sg.norm_text(oo[i][0]):
                        add(ccode, "text", option=i + 1, h=ho[i][0], o=oo[i][0])
                    if ho[i][1] != oo[i][1]:
                        add(ccode, "points", option=i + 1, h=_pts(ho[i][1]), o=_pts(oo[i][1]))
            if hc["knockout"] != oc["knockout"]:
                add(ccode, "knockout", h=_ko_str(hc["knockout"]), o=_ko_str(oc["knockout"]))
    for code, os_ in osec.items():
        if code not in hsec and os_["group"]:
            add(code, "missing", o=os_["title"])
    for ccode, oc in other["criteria"].items():
        if ccode not in here["criteria"]:
            add(ccode, "missing", o=oc["title"])
    return out


# ---------------------------------------------------------------- resolutions

def _fix(sheet_no, kind, code):
    for f in sg.FIXES:
        if f["sheet"] == sheet_no and f["kind"] == kind and f.get("code") == code:
            return f
    return None


def resolve_781(sid, sheet_no, d):
    """How a difference between a qd1048-781 set and its signed sheet is resolved in the 781 data."""
    at, what = d["at"], d["what"]
    f = _fix(sheet_no, "max", at)
    if what == "max" and f:
        if f.get("gap"):
            return ("the signed sheet prints max %d over options up to %d (the decision's own inconsistency, "
                    "the same options as here); kept the 781-era reading, and the %d points stay a gap" % (
                        f["printed"], f["read"], f["gap"][1]))
        return ("the signed sheet prints max %d over options up to %d (its own inconsistency); kept the 781-era "
                "reading, which equals the best option" % (f["printed"], f["read"]))
    if _fix(sheet_no, "missing_option", at) and what == "extra":
        return "the signed sheet's text lacks this option (its maximum, 3, is printed); " + KEEP_781
    lacking = _lacking_in_section(sheet_no, at)
    if what == "section_max" and lacking:
        return ("the signed sheet's section adds up to less because %s lacks an option there; %s" % (lacking, KEEP_781))
    return KEEP_781


def _lacking_in_section(sheet_no, section):
    for f in sg.FIXES:
        if f["sheet"] == sheet_no and f["kind"] == "missing_option" and f["code"].split(".")[0] == section:
            return f["code"]
    return None


def resolve_2019(sid, sheet_no, d):
    at, what = d["at"], d["what"]
    f = _fix(sheet_no, "missing_option", at)
    if f and what == "missing":
        return "the signed sheet's text lacks this option: kept as printed, with a gap"
    if f and what == "max":
        return ("the signed sheet prints max %d but only options up to %s: the maximum is the best option and the "
                "missing points are a gap" % (f["printed"], d["here"]))
    lacking = _lacking_in_section(sheet_no, at)
    if what == "section_max" and lacking:
        return "the section adds up to less because %s lacks an option on the signed sheet (a gap)" % lacking
    return KEEP_SIGNED


def _record(dd, resolution):
    r = OrderedDict(at=dd["at"], what=dd["what"])
    if dd["option"] is not None:
        r["option"] = dd["option"]
    if dd["here"] is not None:
        r["here"] = dd["here"]
    if dd["other"] is not None:
        r["other"] = dd["other"]
    r["resolution"] = resolution
    return r


def second_source_781(s, sheet):
    """The `second_source` of a qd1048-781 set (`sheet` = its signed sheet, or None)."""
    sid = s["id"]
    if sid == TOURISM_781:
        return OrderedDict(source=SOURCE_NONE_TOURISM_781, outcome="none", note=NOTE_NONE_TOURISM_781)
    src = SOURCE_SIGNED % sheet["number"]
    if sid == GAO:
        return OrderedDict(source=src, outcome="none", note=NOTE_NONE_GAO_781)
    diffs = [_record(d, resolve_781(sid, sheet["number"], d)) for d in diff(form_of_set(s), form_of_sheet(sheet))]
    out = OrderedDict(source=src, outcome="differs" if diffs else "agrees")
    if diffs:
        out["differences"] = diffs
    return out


def second_source_2019(s, raw, sheet):
    """The `second_source` of a qd1048-2019 set (`raw` = its 2022 transcription, or None)."""
    sid = s["id"]
    if sheet["number"] == sg.TOURISM_SHEET:
        return OrderedDict(source=SOURCE_2022, outcome="none", note=NOTE_NONE_TOURISM_2019)
    if sheet["number"] == sg.RICE_SHEET:
        return OrderedDict(source=SOURCE_2022, outcome="none", note=NOTE_NONE_GAO_2019)
    if raw is None:
        raise sg.SheetError("%s: no 2022 transcription" % sid)
    diffs = [_record(d, resolve_2019(sid, sheet["number"], d)) for d in diff(form_of_set(s), form_of_raw(raw))]
    out = OrderedDict(source=SOURCE_2022, outcome="differs" if diffs else "agrees")
    if diffs:
        out["differences"] = diffs
    return out


def counts(ss):
    c = OrderedDict((k, 0) for k in ("text", "title", "points", "max", "section_max", "missing", "extra",
                                     "knockout"))
    for d in ss.get("differences", []):
        c[d["what"]] += 1
    return c


# ---------------------------------------------------------------- checking the data

def sheet_of_781(sheets, ref):
    """{qd1048-781 set id: sheet}, through Phụ lục I (row k = sheet k); tourism has none."""
    out = {}
    for sh, sid, pn, nganh, nhom in sg.set_ids_2019(sheets, sg.parse_annex1(ref)):
        if sh["number"] != sg.TOURISM_SHEET:
            out[sid] = sh
    return out


REF = None


def load_sets(d):
    out = OrderedDict()
    if not os.path.isdir(d):
        return out
    for fn in sorted(os.listdir(d)):
        if fn.endswith(".json") and fn not in ("edition.json", "classification.json"):
            out[fn[:-5]] = json.loads(sg.read(os.path.join(d, fn)), object_pairs_hook=OrderedDict)
    return out


def main(argv):
    global REF
    if len(argv) != 2:
        print("usage: python3 tools/compare_1048.py <reference folder>", file=sys.stderr)
        return 2
    REF = argv[1]
    if not os.path.isfile(os.path.join(REF, sg.SIGNED_FILE)):
        print("compare_1048: %s not found; skipping the comparison (the reference folder is absent)" %
              os.path.join(REF, sg.SIGNED_FILE))
        return 0
    problems = []
    try:
        sheets = sg.parse_sheets(REF)
        by_sheet = sheet_of_781(sheets, REF)
        rows2019 = {sid: sh for sh, sid, _, _, _ in sg.set_ids_2019(sheets, sg.parse_annex1(REF))}
    except sg.SheetError as e:
        print("PARSE FAILED: %s" % e, file=sys.stderr)
        return 1
    problems += sg.unused_fixes(sheets)
    raw_all = json.loads(sg.read(os.path.join(REF, "raw-1048-all-sets.json")), object_pairs_hook=OrderedDict)
    raw_by_id = raw_sets_by_id(raw_all)

    def check(edition, sid, s, want):
        got = s.get("second_source")
        if got is None:
            problems.append("%s/%s: no second_source recorded" % (edition, sid))
        elif json.dumps(got, ensure_ascii=False, sort_keys=True) != json.dumps(want, ensure_ascii=False,
                                                                               sort_keys=True):
            problems.append("%s/%s: recorded second_source differs from the comparison (recorded %s, %d "
                            "differences; found %s, %d)" % (edition, sid, got.get("outcome"),
                                                            len(got.get("differences", [])), want["outcome"],
                                                            len(want.get("differences", []))))
        if want["outcome"] == "agrees" and s["status"] != "cross-checked":
            problems.append("%s/%s: agrees with its second source but status is %s" % (edition, sid, s["status"]))
        if want["outcome"] != "agrees" and s["status"] == "cross-checked" and not (edition == "qd1048-781" and
                                                                                  sid == RAU):
            problems.append("%s/%s: cross-checked without agreeing" % (edition, sid))

    print("qd1048-781 sets against Decision 1048/QĐ-TTg as signed")
    print("%-62s %-8s %5s %5s %5s %5s %5s %5s %5s %5s" % ("set", "outcome", "text", "title", "pts", "max", "smax",
                                                          "miss", "extra", "ko"))
    sets781 = load_sets(DIR781)
    for sid, s in sets781.items():
        if sid != TOURISM_781 and sid not in by_sheet:
            problems.append("qd1048-781/%s: no signed sheet" % sid)
            continue
        want = second_source_781(s, by_sheet.get(sid))
        check("qd1048-781", sid, s, want)
        c = counts(want)
        print("%-62s %-8s %5d %5d %5d %5d %5d %5d %5d %5d" % ((sid, want["outcome"]) + tuple(c.values())))
    print()
    print("qd1048-2019 sets against the 2022 transcription")
    sets2019 = load_sets(DIR2019)
    for sid, s in sets2019.items():
        if sid not in rows2019:
            problems.append("qd1048-2019/%s: not a signed sheet" % sid)
            continue
        want = second_source_2019(s, raw_by_id.get(sid), rows2019[sid])
        check("qd1048-2019", sid, s, want)
        c = counts(want)
        print("%-62s %-8s %5d %5d %5d %5d %5d %5d %5d %5d" % ((sid, want["outcome"]) + tuple(c.values())))
    if problems:
        print("\nCOMPARISON FAILED (%d):" % len(problems), file=sys.stderr)
        for p in problems:
            print("  - " + p, file=sys.stderr)
        return 1
    print("\nevery recorded second_source matches the comparison (%d + %d sets)" % (len(sets781), len(sets2019)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

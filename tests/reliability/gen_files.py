#!/usr/bin/env python3
"""Writes the hostile (and the largest legitimate) import files of issue 10 into a folder.

Usage: gen_files.py OUT_DIR [NAME ...]   (no names: all of them)

Every file is generated, never committed. XLSX files are written with the standard
library's zipfile, part by part, so a file can say what a real workbook never would (a
cell at XFD1048576, a dimension it does not fill, a shared-strings table of 400 MB).
"""

import os
import sys
import zipfile

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def xlsx(path, dimension, rows, shared=None):
    """rows: an iterable of XML fragments (<row> elements) written one by one."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for chunk in shared or ():
                f.write(chunk)
            f.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(SHEET_HEAD.encode())
            if dimension:
                f.write(f'<dimension ref="{dimension}"/>'.encode())
            f.write(b"<sheetData>")
            buf = []
            for r in rows:
                buf.append(r)
                if len(buf) >= 10000:
                    f.write("".join(buf).encode())
                    buf = []
            f.write("".join(buf).encode())
            f.write(b"</sheetData></worksheet>")


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sparse(path):
    """Cells only at A1 and XFD1048576: a 16384 x 1048576 rectangle to a naive reader."""
    xlsx(path, None, [f'<row r="1">{cell("A1", "姓名")}</row>',
                      f'<row r="1048576">{cell("XFD1048576", "张")}</row>'])


def dimension_lie(path):
    """Declares A1:Z200000, holds one cell."""
    xlsx(path, "A1:Z200000", [f'<row r="1">{cell("A1", "姓名")}</row>'])


def sst_bomb(path):
    """400 MB of shared strings that deflate to a few hundred KB."""
    one = b"<si><t>x</t></si>" * 65536  # 1 MiB
    xlsx(path, "A1:A2", [f'<row r="1">{cell("A1", "姓名")}</row>',
                         '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
         shared=(one for _ in range(400)))


def million_rows(path):
    """A header and a million one-cell rows."""
    def rows():
        yield f'<row r="1">{cell("A1", "姓名")}</row>'
        for i in range(2, 1_000_002):
            yield f'<row r="{i}">{cell(f"A{i}", f"代表{i}")}</row>'
    xlsx(path, "A1:A1000001", rows())


def namesakes(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("姓名\n")
        f.write("张\n" * rows)


def distinct(path, rows=300_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write("姓名\n")
        for i in range(rows):
            f.write(f"代表{i}\n")


def commas(path, size=30 << 20):
    with open(path, "w") as f:
        f.write("姓名\n")
        f.write("," * size)
        f.write("\n")


def roster_values(i, pad):
    """One roster row of 15 columns; `pad` characters of filler in the long fields."""
    filler = "某" * pad
    # A distinct name without digits (a trailing number reads as a footnote mark).
    name = "王李张刘陈杨黄赵吴周"[i % 10] + "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in str(i))
    return [str(i), f"代表团{i % 35}", f"小组{i % 400}", f"选区{i}", f"Z{i:08d}", name,
            "男" if i % 2 else "女", "汉族", f"19{60 + i % 40}-0{1 + i % 9}", "中共党员",
            f"某某县某某镇人民政府工作人员{filler}{i}", "13900000000",
            f"某某省某某市某某区某某街道某某路{filler}{i}号", f"备注{filler}{i}", f"EXT{i}"]


HEADS = ["序号", "代表团", "代表小组", "选区", "代表证号", "姓名", "性别", "民族", "出生年月",
         "党派", "工作单位及职务", "联系电话", "地址", "备注", "外部编号"]
ROWS_AT_LIMIT = 49_990  # IMPORT_MAX_ROWS (50,000) less the header and some slack


def csv_at_limit(path, budget=(32 << 20) - 4096):
    """The largest CSV the defaults accept: 49,990 roster rows padded to the upload limit."""
    # Each filler character is 3 bytes in UTF-8, in three fields.
    base = len(",".join(roster_values(ROWS_AT_LIMIT, 0)).encode()) + 1
    pad = max(0, (budget // ROWS_AT_LIMIT - base) // 9)
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(HEADS) + "\n")
        for i in range(1, ROWS_AT_LIMIT + 1):
            f.write(",".join(roster_values(i, pad)) + "\n")
    assert os.path.getsize(path) <= 32 << 20


def json_at_limit(path, budget=(32 << 20) - 4096):
    """The largest JSON the defaults accept: 49,990 roster objects padded to the upload limit."""
    import json
    base = len(json.dumps(dict(zip(HEADS, roster_values(ROWS_AT_LIMIT, 0))), ensure_ascii=False).encode()) + 1
    pad = max(0, (budget // ROWS_AT_LIMIT - base) // 9)
    with open(path, "w", encoding="utf-8") as f:
        f.write("[")
        for i in range(1, ROWS_AT_LIMIT + 1):
            if i > 1:
                f.write(",")
            f.write(json.dumps(dict(zip(HEADS, roster_values(i, pad))), ensure_ascii=False))
        f.write("]")
    assert os.path.getsize(path) <= 32 << 20


def xlsx_at_limit(path):
    """The largest XLSX the defaults accept: 49,990 padded roster rows, its sheet under
    IMPORT_MAX_XLSX_PART_BYTES (64 MiB) unpacked."""
    cols = "ABCDEFGHIJKLMNO"

    def rows_():
        yield '<row r="1">' + "".join(cell(f"{c}1", h) for c, h in zip(cols, HEADS)) + "</row>"
        for i in range(1, ROWS_AT_LIMIT + 1):
            r = i + 1
            yield f'<row r="{r}">' + "".join(
                cell(f"{c}{r}", v) for c, v in zip(cols, roster_values(i, 40))) + "</row>"
    xlsx(path, f"A1:O{ROWS_AT_LIMIT + 1}", rows_())
    assert os.path.getsize(path) <= 32 << 20


def json_array(path, budget=(32 << 20) - 16):
    """A JSON array of small numbers up to the upload limit: 16 million values to a Value tree."""
    with open(path, "w") as f:
        f.write("[")
        f.write("1," * (budget // 2 - 1))
        f.write("1]")


FILES = {
    "sparse.xlsx": sparse,
    "dimension-lie.xlsx": dimension_lie,
    "sst-bomb.xlsx": sst_bomb,
    "million-rows.xlsx": million_rows,
    "namesakes-10k.csv": lambda p: namesakes(p, 10_000),
    "namesakes-100k.csv": lambda p: namesakes(p, 100_000),
    "distinct-300k.csv": distinct,
    "commas-30mb.csv": commas,
    "json-array-32mb.json": json_array,
    "roster-at-limit.csv": csv_at_limit,
    "roster-at-limit.json": json_at_limit,
    "roster-at-limit.xlsx": xlsx_at_limit,
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in sys.argv[2:] or FILES:
        path = os.path.join(out, name)
        if not os.path.exists(path):
            FILES[name](path)
        print(f"{name}\t{os.path.getsize(path)}")


if __name__ == "__main__":
    main()

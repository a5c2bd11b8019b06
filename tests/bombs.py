"""Files built to exhaust a reader: a YAML alias bomb, and XLSX and ODS workbooks that are small
on disk but unpack to hundreds of MB. Each workbook is written as a stream, so building one uses
little memory however large its cell."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

MB = 1024 * 1024


def laughs(levels: int) -> str:
    """The classic alias bomb: each level is a list of nine aliases of the level before."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for before, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join(lines) + "\n"


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
        'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="Targets" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Year</t></is>'
    '</c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row><row r="2"><c r="A2" '
    't="inlineStr"><is><t>'
)
_SHEET_TAIL = "</t></is></c></row></sheetData></worksheet>"

_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
    'tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
    'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
    '"text/xml"/></manifest:manifest>'
)
_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
    'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:'
    'xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Targets">'
    '<table:table-row><table:table-cell office:value-type="string"><text:p>Year</text:p>'
    "</table:table-cell></table:table-row><table:table-row><table:table-cell "
    'office:value-type="string"><text:p>'
)
_ODS_TAIL = (
    "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
    "</office:body></office:document-content>"
)


def _stream(archive: zipfile.ZipFile, name: str, head: str, cell: int, tail: str) -> None:
    """Write part ``name``: ``head``, ``cell`` bytes of one letter, ``tail``; a MB at a time."""
    block = b"A" * MB
    with archive.open(name, "w", force_zip64=True) as out:
        out.write(head.encode())
        for _ in range(cell // MB):
            out.write(block)
        out.write(b"A" * (cell % MB))
        out.write(tail.encode())


def xlsx_with_one_huge_cell(path: Path, cell: int) -> Path:
    """A valid XLSX whose cell A2 holds ``cell`` bytes: some hundred KB on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        _stream(archive, "xl/worksheets/sheet1.xml", _SHEET_HEAD, cell, _SHEET_TAIL)
    return path


def ods_with_one_huge_cell(path: Path, cell: int) -> Path:
    """A valid ODS whose second row's cell holds ``cell`` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        mimetype = "application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        _stream(archive, "content.xml", _ODS_HEAD, cell, _ODS_TAIL)
    return path


def understate(path: Path, part: str, declared: int) -> Path:
    """Make the archive say that ``part`` unpacks to ``declared`` bytes (a lie), in both the
    central directory and the part's own header, as a bomb built to slip past a size check would.
    """
    data = bytearray(path.read_bytes())
    name = part.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name:
            data[central + 24 : central + 28] = declared.to_bytes(4, "little")
            offset = int.from_bytes(data[central + 42 : central + 46], "little")
            data[offset + 22 : offset + 26] = declared.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def xlsx_with_cells(path: Path, cells: dict[str, str]) -> Path:
    """A small XLSX with text in the cells named (e.g. A1 and XFD1048576, far apart)."""
    rows: dict[int, list[str]] = {}
    for reference, text in cells.items():
        number = int("".join(c for c in reference if c.isdigit()))
        rows.setdefault(number, []).append(
            f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'
        )
    body = "".join(f'<row r="{n}">{"".join(rows[n])}</row>' for n in sorted(rows))
    sheet = _SHEET_HEAD.split("<sheetData>")[0] + f"<sheetData>{body}</sheetData></worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def ods_with_repeated_cell(path: Path, rows: int, columns: int, after: str = "") -> Path:
    """A small ODS whose one cell of text is repeated over ``rows`` by ``columns``, then the
    rows in ``after``."""
    head = _ODS_HEAD.split("<table:table-row>")[0]
    content = (
        f'{head}<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{columns}" office:value-type="string"><text:p>x'
        f"{_ODS_TAIL}"
    ).replace("</table:table>", f"{after}</table:table>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        mimetype = "application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return path

"""A tiny PDF writer for the importer's tests: text placed on pages, nothing else.

Real council PDFs are too large to commit; this writes the few objects a PDF reader needs
(catalog, pages, a standard font, one content stream a page) so a test can build the layout it
wants: numbers on lines of their own, hanging indents, a page range to choose.
"""

from __future__ import annotations

Line = tuple[float, float, str]  # x, y (points from the bottom left), text


def make_pdf(pages: list[list[Line]], size: float = 11) -> bytes:
    """A PDF of A4 pages, each with its lines of Helvetica text at the given positions."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        stream = b"".join(
            b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET\n" % (size, x, y, _escaped(text))
            for x, y, text in lines
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _escaped(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_page(lines: list[str], left: float = 72, top: float = 770, leading: float = 14):
    """A page of lines, one under another, as a word processor sets a protocol out.

    `"1.1\tMembers ..."` puts the number at the margin and the words at the hanging indent,
    where the lines after it (`"\tcontinued ..."`) also start; leading spaces indent a line
    by 5 points each; an empty string is a blank line."""
    placed = []
    for n, line in enumerate(lines):
        y = top - n * leading
        number, tab, words = line.partition("\t")
        if tab:
            if number.strip():
                placed.append((left, y, number.strip()))
            placed.append((left + 36, y, words))
        elif line.strip():
            spaces = len(line) - len(line.lstrip(" "))
            placed.append((left + 5 * spaces, y, line.strip()))
    return placed

"""Tests for docgen.conversion against a real LibreOffice, and fake ones for faults."""

from __future__ import annotations

import dataclasses
import io
import os
import pathlib
import stat
import tempfile
import time
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor

import docx
import pytest
from docx.shared import Pt
from pdfcheck import page_count, pdf_fonts, pdf_paragraph_text, pdf_text
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from docgen import conversion, docx_package
from docgen.conversion import (
    ConversionError,
    ConversionFailed,
    ConversionTimeout,
    ConverterUnavailable,
    InvalidDocx,
    convert_many,
    docx_to_pdf,
    find_soffice,
    set_pdf_metadata,
    validate_docx,
)

_VOWELS = "aăâeêioôơuưy"
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LOWER = [unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES] + list("ăâêôơưđ")
VIETNAMESE_LETTERS = _LOWER + [letter.upper() for letter in _LOWER]
SERIF_FAMILY = {
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
}


def test_the_letter_table_is_the_134_accented_letters() -> None:
    assert len(set(VIETNAMESE_LETTERS)) == 134
    assert all(len(letter) == 1 for letter in VIETNAMESE_LETTERS)


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def soffice() -> str:
    """The real LibreOffice; its absence is a failure in CI and a skip elsewhere."""
    found = find_soffice(os.environ.get("DOCGEN_SOFFICE"))
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is required in CI but was not found")
        pytest.skip("soffice not installed")
    return found


def make_docx(*paragraphs: str, bold: str = "", italic: str = "") -> bytes:
    """A DOCX in Times New Roman 13 pt with the given paragraphs."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for text in paragraphs:
        document.add_paragraph(text)
    if bold:
        document.add_paragraph().add_run(bold).bold = True
    if italic:
        document.add_paragraph().add_run(italic).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def letters_pdf(soffice: str) -> bytes:
    """One real conversion of every Vietnamese letter, regular, bold and italic."""
    letters = " ".join(VIETNAMESE_LETTERS)
    source = make_docx(letters, "Cộng hòa xã hội chủ nghĩa Việt Nam", bold=letters, italic=letters)
    return docx_to_pdf(source, soffice=soffice, timeout=120)


def fake_soffice(directory: pathlib.Path, body: str) -> str:
    """Write an executable shell script standing in for soffice."""
    script = directory / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


# A fake that writes CONTENT as the PDF of every .docx argument, in the --outdir directory.
_WRITE_OUTPUTS = """
out=""
for arg in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$arg"; fi
  prev="$arg"
done
for arg in "$@"; do
  case "$arg" in *.docx) printf '%s' "$CONTENT" > "$out/$(basename "$arg" .docx).pdf";; esac
done
"""


def _alive(pid: int) -> bool:
    """Whether pid runs; zombies count as dead (a container's init may never reap them)."""
    try:
        stat_line = pathlib.Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    state = stat_line.rsplit(")", 1)[1].split()[0]
    return state not in ("Z", "X")


def _wait_dead(pids: list[int], seconds: float = 5.0) -> list[int]:
    """Return the pids still alive after up to `seconds` (SIGKILL lands asynchronously)."""
    deadline = time.monotonic() + seconds
    while (alive := [pid for pid in pids if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains text, zombies excluded."""
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and _alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


_CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="urn:x"/>'
_DOCUMENT = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body/></w:document>"
)


# --- exceptions ---------------------------------------------------------------------------------


def test_errors_form_one_family_with_client_safe_messages() -> None:
    assert issubclass(ConversionTimeout, ConversionFailed)
    for cls in (ConverterUnavailable, InvalidDocx, ConversionFailed, ConversionTimeout):
        assert issubclass(cls, ConversionError)
        assert cls().message
        assert str(cls("custom")) == cls("custom").message == "custom"


# --- find_soffice -----------------------------------------------------------------------------


def test_find_soffice_returns_none_for_a_bogus_path_and_an_empty_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.setenv("PATH", "")
    assert find_soffice(str(tmp_path / "no-such-soffice")) is None
    assert find_soffice() is None


def test_find_soffice_prefers_an_executable_configured_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.setenv("PATH", "")
    script = fake_soffice(tmp_path, "exit 0\n")
    assert find_soffice(script) == script


def test_find_soffice_skips_a_non_executable_path_and_finds_libreoffice_on_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    not_executable = tmp_path / "soffice.txt"
    not_executable.write_text("")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = pathlib.Path(fake_soffice(bindir, "exit 0\n")).rename(bindir / "libreoffice")
    monkeypatch.setenv("PATH", str(bindir))
    assert find_soffice(str(not_executable)) == str(script)


def test_a_missing_binary_is_converter_unavailable(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ConverterUnavailable):
        docx_to_pdf(make_docx("x"), soffice=str(tmp_path / "gone"), timeout=5)


# --- validate_docx ----------------------------------------------------------------------------


def test_a_python_docx_document_is_valid() -> None:
    validate_docx(make_docx("Kế hoạch tiếp xúc cử tri"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "not a ZIP", id="empty bytes"),
        pytest.param(b"junk \x00\x01 not a zip", "not a ZIP", id="junk"),
        pytest.param(_zip({}), "[Content_Types].xml", id="empty zip"),
        pytest.param(
            _zip({"[Content_Types].xml": _CONTENT_TYPES}), "word/document.xml", id="no document"
        ),
        pytest.param(_zip({"word/document.xml": _DOCUMENT}), "[Content_Types].xml", id="no types"),
        pytest.param(
            _zip({"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": b"<w:document"}),
            "not well-formed XML",
            id="broken xml",
        ),
        pytest.param(
            _zip({"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": b"<doc/>"}),
            "not a Word body",
            id="not wordml",
        ),
        pytest.param(
            _zip(
                {
                    "[Content_Types].xml": _CONTENT_TYPES,
                    "word/document.xml": b'<!DOCTYPE d [<!ENTITY a "aaaa">]>' + _DOCUMENT,
                }
            ),
            "DOCTYPE",
            id="entity in document",
        ),
        pytest.param(
            _zip(
                {
                    "[Content_Types].xml": _CONTENT_TYPES,
                    "word/document.xml": _DOCUMENT,
                    "word/styles.xml": '<!DOCTYPE s SYSTEM "file:///etc/passwd"><s/>'.encode(
                        "utf-16"
                    ),
                }
            ),
            "word/styles.xml",
            id="utf-16 doctype in another part",
        ),
        pytest.param(
            _zip(
                {"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": _DOCUMENT}
                | {f"word/media/{i}.bin": b"" for i in range(conversion.MAX_ENTRIES)}
            ),
            "too many parts",
            id="too many entries",
        ),
        pytest.param(
            _zip(
                {
                    "[Content_Types].xml": _CONTENT_TYPES,
                    "word/document.xml": _DOCUMENT,
                    "word/bomb.xml": b"\0" * (8 * 1024 * 1024),
                }
            ),
            "suspiciously compressed",
            id="zip bomb",
        ),
    ],
)
def test_invalid_docx_is_rejected_with_a_message_naming_the_fault(
    data: bytes, expected: str
) -> None:
    with pytest.raises(InvalidDocx) as caught:
        validate_docx(data)
    assert expected in caught.value.message


def test_total_unpacked_size_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    small = dataclasses.replace(docx_package.LIMITS["conversion"], total=10_000)
    monkeypatch.setitem(docx_package.LIMITS, "conversion", small)
    with pytest.raises(InvalidDocx, match="too large"):
        validate_docx(make_docx("x"))


def test_a_damaged_part_is_rejected() -> None:
    data = bytearray(make_docx("Nội dung đủ dài để nén " * 50))
    # Flip bytes in the middle of document.xml's compressed data: CRC or inflate must fail.
    offset = data.index(b"word/document.xml") + len("word/document.xml") + 40
    data[offset : offset + 20] = bytes(b ^ 0xFF for b in data[offset : offset + 20])
    with pytest.raises(InvalidDocx):
        validate_docx(bytes(data))


@pytest.mark.parametrize("data", [b"junk", b"", _zip({}), _zip({"[Content_Types].xml": b"<a/>"})])
def test_invalid_docx_is_rejected_before_soffice_runs(tmp_path: pathlib.Path, data: bytes) -> None:
    marker = tmp_path / "soffice-ran"
    script = fake_soffice(tmp_path, f"touch '{marker}'\n")
    with pytest.raises(InvalidDocx):
        docx_to_pdf(data, soffice=script, timeout=5)
    assert not marker.exists()


# --- faults of soffice, faked -------------------------------------------------------------------


def test_a_hanging_soffice_is_killed_with_its_children(tmp_path: pathlib.Path) -> None:
    script = fake_soffice(
        tmp_path,
        f"sleep 300 &\necho $! > '{tmp_path}/child.pid'\necho $$ > '{tmp_path}/parent.pid'\n"
        "sleep 300\n",
    )
    started = time.monotonic()
    with pytest.raises(ConversionTimeout):
        docx_to_pdf(make_docx("x"), soffice=script, timeout=2)
    assert time.monotonic() - started < 10
    pids = [int((tmp_path / f"{name}.pid").read_text()) for name in ("parent", "child")]
    assert _wait_dead(pids) == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(None, id="no output"),
        pytest.param("", id="empty output"),
        pytest.param("<html>error</html>", id="not a pdf"),
        pytest.param("%PDF-1.4\ngarbage without pages\n", id="pdf header only"),
    ],
)
def test_soffice_exiting_0_without_a_valid_pdf_is_conversion_failed(
    tmp_path: pathlib.Path, content: str | None
) -> None:
    body = "exit 0\n" if content is None else f"CONTENT='{content}'\n{_WRITE_OUTPUTS}"
    script = fake_soffice(tmp_path, body)
    with pytest.raises(ConversionFailed) as caught:
        docx_to_pdf(make_docx("x"), soffice=script, timeout=10)
    assert not isinstance(caught.value, ConversionTimeout)


def test_soffice_output_goes_to_the_log_not_the_message(
    tmp_path: pathlib.Path, caplog: pytest.LogCaptureFixture
) -> None:
    script = fake_soffice(tmp_path, "echo 'secret internal detail' >&2\nexit 0\n")
    with pytest.raises(ConversionFailed) as caught:
        docx_to_pdf(make_docx("x"), soffice=script, timeout=10)
    assert "secret" not in caught.value.message
    assert "secret internal detail" in caplog.text


def test_soffice_gets_a_private_profile_home_and_no_inherited_secrets(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_SECRET_KEY", "hunter2")
    record = tmp_path / "record.txt"
    script = fake_soffice(
        tmp_path, f'{{ printf "%s\\n" "$@"; echo "HOME=$HOME"; env; }} > "{record}"\n'
    )
    with pytest.raises(ConversionFailed):
        docx_to_pdf(make_docx("x"), soffice=script, timeout=10)
    lines = record.read_text().splitlines()
    profile = next(line for line in lines if line.startswith("-env:UserInstallation=file:///"))
    home = next(line for line in lines if line.startswith("HOME="))[len("HOME=") :]
    assert profile.startswith(f"-env:UserInstallation={pathlib.Path(home).as_uri()}")
    for flag in ("--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck"):
        assert flag in lines
    assert "hunter2" not in record.read_text()
    assert not pathlib.Path(home).exists(), "the temporary directory must be removed"


# --- real LibreOffice ---------------------------------------------------------------------------


@pytest.mark.soffice
def test_every_vietnamese_letter_survives_in_liberation_serif(letters_pdf: bytes) -> None:
    text = pdf_text(letters_pdf)
    missing = [letter for letter in VIETNAMESE_LETTERS if letter not in text]
    assert missing == []
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in pdf_paragraph_text(letters_pdf)
    assert pdf_fonts(letters_pdf) == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
    }


@pytest.mark.soffice
def test_pypdf_extracts_vietnamese_as_nfc_in_order_without_help(letters_pdf: bytes) -> None:
    # Raw extraction, no normalisation: shows pdf_text's NFC step hides no mangling.
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(letters_pdf)).pages)
    assert unicodedata.is_normalized("NFC", raw)
    assert raw.split()[: len(VIETNAMESE_LETTERS)] == VIETNAMESE_LETTERS


@pytest.mark.soffice
def test_two_conversions_in_parallel_both_succeed(soffice: str) -> None:
    sources = [make_docx(f"Tổ đại biểu số {n}") for n in (1, 2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda d: docx_to_pdf(d, soffice=soffice, timeout=120), sources))
    assert [pdf_paragraph_text(pdf) for pdf in pdfs] == ["Tổ đại biểu số 1", "Tổ đại biểu số 2"]


@pytest.mark.soffice
def test_real_soffice_timeout_leaves_no_process_and_no_files(
    soffice: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Our temporary directory is in every soffice command line (the profile URL), so any
    # survivor is found by it. A cold start takes over a second: 0.7 s catches soffice.bin live.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ConversionTimeout):
        docx_to_pdf(make_docx("x"), soffice=soffice, timeout=0.7)
    deadline = time.monotonic() + 5
    while _processes_mentioning(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_mentioning(str(tmp_path)) == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.soffice
def test_set_pdf_metadata_round_trips_vietnamese(letters_pdf: bytes) -> None:
    title = "Kế hoạch tiếp xúc cử tri trước Kỳ họp thứ nhất"
    author = "Thường trực HĐND huyện Lục Ngạn"
    subject = "Tiếp xúc cử tri, nhiệm kỳ 2021 - 2026"
    pdf = set_pdf_metadata(letters_pdf, title=title, author=author, subject=subject)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject, meta.producer) == (
        title,
        author,
        subject,
        "docgen",
    )
    assert page_count(pdf) == page_count(letters_pdf)
    assert pdf_text(pdf) == pdf_text(letters_pdf)


def test_set_pdf_metadata_rejects_a_non_pdf() -> None:
    with pytest.raises(ConversionFailed):
        set_pdf_metadata(b"not a pdf", title="t", author="a", subject="s")


# --- convert_many -------------------------------------------------------------------------------


@pytest.mark.soffice
def test_convert_many_converts_five_documents_and_maps_them_back(
    soffice: str, tmp_path: pathlib.Path
) -> None:
    names = ["kế-hoạch", "thông báo", "bien_ban", "báo-cáo", "công văn"]
    inputs = []
    for number, name in enumerate(names, 1):
        path = tmp_path / "in" / f"{name}.docx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(make_docx(f"Văn bản số {number:02d}", "Trang sau"))
        inputs.append(path)
    result = convert_many(inputs, tmp_path / "out", soffice=soffice, timeout=240)
    assert set(result) == set(inputs)
    for number, path in enumerate(inputs, 1):
        pdf = result[path].read_bytes()
        assert result[path] == tmp_path / "out" / f"{path.stem}.pdf"
        assert pdf.startswith(b"%PDF-") and page_count(pdf) == 1
        assert pdf_paragraph_text(pdf) == f"Văn bản số {number:02d} Trang sau"
        assert pdf_fonts(pdf) == {"LiberationSerif"}


@pytest.mark.soffice
def test_convert_many_leaves_out_invalid_inputs(soffice: str, tmp_path: pathlib.Path) -> None:
    good = tmp_path / "good.docx"
    good.write_bytes(make_docx("Hợp lệ"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"junk")
    result = convert_many([bad, good], tmp_path / "out", soffice=soffice, timeout=120)
    assert list(result) == [good]
    assert pdf_paragraph_text(result[good].read_bytes()) == "Hợp lệ"


def test_convert_many_without_valid_inputs_does_not_run_soffice(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "soffice-ran"
    script = fake_soffice(tmp_path, f"touch '{marker}'\n")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"junk")
    assert convert_many([bad], tmp_path / "out", soffice=script, timeout=5) == {}
    assert not marker.exists()


def test_convert_many_rejects_duplicate_stems(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError, match="distinct"):
        convert_many(
            [tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"],
            tmp_path / "out",
            soffice="soffice",
            timeout=5,
        )


def test_convert_many_timeout_kills_the_group(tmp_path: pathlib.Path) -> None:
    script = fake_soffice(tmp_path, f"sleep 300 &\necho $! > '{tmp_path}/child.pid'\nsleep 300\n")
    source = tmp_path / "a.docx"
    source.write_bytes(make_docx("x"))
    with pytest.raises(ConversionTimeout):
        convert_many([source], tmp_path / "out", soffice=script, timeout=1)
    assert _wait_dead([int((tmp_path / "child.pid").read_text())]) == []


def test_convert_many_maps_fake_outputs_and_drops_missing_ones(tmp_path: pathlib.Path) -> None:
    # A fake soffice whose PDFs are junk: nothing may be reported as converted.
    script = fake_soffice(tmp_path, f"CONTENT='junk'\n{_WRITE_OUTPUTS}")
    sources = []
    for name in ("một", "hai"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(make_docx(name))
        sources.append(path)
    assert convert_many(sources, tmp_path / "out", soffice=script, timeout=10) == {}


# --- pdfcheck ---------------------------------------------------------------------------------


def _font(subtype: str, base: str | None = None, **extra: object) -> DictionaryObject:
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font")})
    font[NameObject("/Subtype")] = NameObject(subtype)
    if base is not None:
        font[NameObject("/BaseFont")] = NameObject(base)
    for key, value in extra.items():
        font[NameObject(f"/{key}")] = value
    return font


def test_pdf_fonts_looks_inside_form_xobjects_and_composite_fonts() -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(width=100, height=100)
    form = StreamObject()
    form[NameObject("/Subtype")] = NameObject("/Form")
    # pypdf has no public way to make an indirect object; _add_object is what it uses itself.
    form_ref = writer._add_object(form)
    form[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject("/F9"): writer._add_object(_font("/TrueType", "/ABCDEF+HiddenSans"))}
            ),
            # A form that draws itself must not loop forever.
            NameObject("/XObject"): DictionaryObject({NameObject("/Me"): form_ref}),
        }
    )
    composite = _font(
        "/Type0",
        "/BCDEFG+LiberationSerif",
        DescendantFonts=ArrayObject([_font("/CIDFontType2", "/BCDEFG+LiberationSerif")]),
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {
                    NameObject("/F1"): composite,
                    NameObject("/F2"): _font("/Type3", Name=NameObject("/T3")),
                }
            ),
            NameObject("/XObject"): DictionaryObject({NameObject("/X0"): form_ref}),
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    assert pdf_fonts(buffer.getvalue()) == {"LiberationSerif", "HiddenSans", "Type3:T3"}
    assert page_count(buffer.getvalue()) == 1


def test_pdf_paragraph_text_collapses_whitespace(letters_pdf: bytes) -> None:
    collapsed = pdf_paragraph_text(letters_pdf)
    assert "  " not in collapsed and "\n" not in collapsed
    assert collapsed == " ".join(pdf_text(letters_pdf).split())

"""Hostile DOCX uploads through every door that reads one: template checks, `check`, conversion.

Each crafted package (tests/hostile.py) is refused with a message naming what is wrong, the
lying bombs without ever inflating more than the limits (their memory is measured by
tools/bench_uploads.py and test_upload_costs below).
"""

from __future__ import annotations

import functools
import io
import zipfile

import hostile
import pytest

from docgen import conversion, docx_package
from docgen.template_package import check_package

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BOMB = 300 * hostile.MB  # inflated size of the test bombs (the benchmark uses 1 GiB)


@functools.cache
def crafted(kind: str) -> bytes:
    factory = hostile.CLASSES[kind]
    return factory(BOMB) if kind.startswith("bomb") else factory()


# kind → (words the template finding must hold, the part it must name)
TEMPLATE_REFUSALS = {
    "bomb_lying_headers": ("lớn hơn kích thước khai báo", "word/media/image9.png"),
    "bomb_lying_document": ("lớn hơn kích thước khai báo", "word/document.xml"),
    "bomb_honest": ("quá lớn", "word/media/big.bin"),
    "ole_object": ("OLE", "word/embeddings/oleObject1.bin"),
    "activex": ("ActiveX", "word/activeX/activeX1.xml"),
    "vba_disguised": ("macro (VBA)", "word/glossary.xml"),
    "binary_as_image": ("không phải ảnh", "word/media/image1.png"),
    "unreferenced_binary": ("không được văn bản dùng tới", "word/media/hidden.png"),
    "embedded_font": ("phông chữ nhúng", "word/fonts/font1.odttf"),
    "traversal_name": ("không hợp lệ", "../../etc/cron.d/x"),
    "traversal_target": ("ra ngoài gói", "word/_rels/document.xml.rels"),
    "local_name_differs": ("không khớp", "word/styles.xml"),
    "duplicate_part": ("hai lần", "word/styles.xml"),
}


def test_every_hostile_class_is_listed():
    assert set(TEMPLATE_REFUSALS) == set(hostile.CLASSES)


@pytest.mark.parametrize("kind", list(TEMPLATE_REFUSALS))
def test_a_hostile_template_is_refused_naming_the_part(kind):
    words, part = TEMPLATE_REFUSALS[kind]
    findings = check_package(crafted(kind), "mau.docx")
    assert findings, kind
    assert any(words in f.message and part in (f.where + f.message) for f in findings), findings
    assert all(f.severity == "error" for f in findings)


def test_the_shipped_templates_pass_the_allow_list():
    for path in sorted((hostile.ROOT / "templates_vn").glob("*.docx")):
        assert check_package(path.read_bytes(), path.name) == [], path.name


@pytest.mark.parametrize(
    "kind",
    [k for k in hostile.CLASSES if k.startswith(("bomb", "traversal_name", "local", "duplicate"))],
)
def test_check_answers_400_naming_the_part(client, kind):
    response = client.post("/api/v1/check", data=crafted(kind), content_type=DOCX)
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "malformed_request"
    assert (
        TEMPLATE_REFUSALS[kind][1].split("/")[-1][:8] in error["message"]
        or "tên phần" in error["message"]
    )


@pytest.mark.parametrize("kind", ["bomb_lying_headers", "bomb_lying_document", "duplicate_part"])
def test_conversion_refuses_before_inflating(kind):
    with pytest.raises(conversion.InvalidDocx) as caught:
        conversion.validate_docx(crafted(kind))
    assert "valid DOCX" in caught.value.message


def test_the_lying_bomb_fools_zipfile_but_not_the_reader():
    """The attack is real: zipfile inflates a part's whole stream, then cuts it at the declared
    size and finds the declared CRC; the reader stops at the first byte past the declaration."""
    data = hostile.plan_with([hostile.lying("word/media/x.bin", 64 * hostile.MB)])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len(archive.read("word/media/x.bin")) == 1000  # after inflating 64 MB at once
    with pytest.raises(docx_package.PackageError, match="beyond its declared size"):
        docx_package.read_package(data, docx_package.LIMITS["check"])


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "a/../../x",
        "/etc/passwd",
        "word\\document.xml",
        "C:x",
        "word//x.xml",
        "word/./x",
        "a\u202egnp.exe",
        "x\x00y",
    ],
)
def test_part_names_that_could_escape_are_refused(name):
    with pytest.raises(docx_package.PackageError):
        docx_package.check_name(name)


@pytest.mark.parametrize(
    "name", ["word/document.xml", "[Content_Types].xml", "_rels/.rels", "word/media/ảnh 1.png"]
)
def test_ordinary_part_names_pass(name):
    docx_package.check_name(name)


def test_an_honest_package_reads_back_what_zipfile_reads():
    data = hostile.PLAN.read_bytes()
    package = docx_package.read_package(data, docx_package.LIMITS["template"], keep=lambda n: True)
    with zipfile.ZipFile(hostile.PLAN) as archive:
        assert package.parts == {i.filename: archive.read(i) for i in archive.infolist()}

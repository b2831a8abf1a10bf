"""Councils' own schedule-notice templates, made as their staff would: the shipped DOCX with some
sentences retyped in Word (tests/test_real_documents.py renders their real notices with them).

Each office keeps the shipped template's layout, data and Decree 30 frame and changes only the
wording it always writes its own way. The result passes docgen's template checks like any upload.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.text.paragraph import Paragraph

SESSION = "{% if ten_ky_hop %}{{ ten_ky_hop }}{% else %}kỳ họp thứ {{ ky_hop }}{% endif %}"
WHEN = "{% if truoc_ky_hop %}trước{% else %}sau{% endif %}"
TERM_NO_SPACES = "{{ nhiem_ky|replace(' ', '') }}"  # "2021-2026", as some offices write it


class Word:
    """The template open in Word: find a paragraph or a run by its text, retype or delete it."""

    def __init__(self, content: bytes) -> None:
        self.doc = Document(io.BytesIO(content))

    def _paragraphs(self) -> list[Paragraph]:
        found = list(self.doc.paragraphs)
        for table in self.doc.tables:
            for cell in table._cells:
                found.extend(cell.paragraphs)
        return found

    def paragraph(self, start: str) -> Paragraph:
        """The one paragraph whose text starts with `start`."""
        matches = [p for p in self._paragraphs() if p.text.startswith(start)]
        assert len(matches) == 1, f"{start!r} starts {len(matches)} paragraphs"
        return matches[0]

    def retype(self, start: str, text: str) -> None:
        """The paragraph starting with `start` says `text`, in its first run's format."""
        runs = self.paragraph(start).runs
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)

    def retype_run(self, old: str, new: str) -> None:
        """The one run that says exactly `old` says `new` (a bold lead-in, say)."""
        runs = [r for p in self._paragraphs() for r in p.runs if r.text == old]
        assert len(runs) == 1, f"{old!r} is {len(runs)} runs"
        runs[0].text = new

    def retype_next(self, start: str, text: str) -> None:
        """The paragraph right after the one starting with `start` says `text`."""
        anchor = self.paragraph(start)
        following = Paragraph(anchor._p.getnext(), anchor._parent)
        following.runs[0].text = text
        for run in following.runs[1:]:
            run._r.getparent().remove(run._r)

    def delete(self, start: str) -> None:
        """The paragraph starting with `start` is gone."""
        p = self.paragraph(start)._p
        p.getparent().remove(p)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def ngai_tu(shipped: bytes) -> bytes:
    """HĐND xã Ngãi Tứ (Vĩnh Long): the plan cited last with a comma, its own opening and closing,
    "I.Thời gian…" as typed, a date range with a dash, no standard requests."""
    word = Word(shipped)
    word.retype("{{ basis }}", "{{ basis }}{% if loop.last %},{% else %};{% endif %}")
    word.retype(
        "{% if ke_hoach %}Thực hiện",
        "Được sự thống nhất của Thường trực Đảng ủy, Thường trực HĐND {{ don_vi }} phối hợp với "
        f"Thường trực UBMTTQ {{{{ don_vi }}}} tổ chức tiếp xúc cử tri {WHEN} kỳ họp lần thứ "
        f"{{{{ ky_hop }}}} HĐND {{{{ don_vi }}}} khóa {{{{ khoa }}}}, nhiệm kỳ {TERM_NO_SPACES} "
        "với nội dung như sau:",
    )
    word.retype_run("I. Thời gian và địa điểm: ", "I.Thời gian và địa điểm: ")
    word.retype_run(
        "{% if tu_ngay == den_ngay %}Ngày {{ tu_ngay }}{% else %}Từ ngày {{ tu_ngay }} đến ngày "
        "{{ den_ngay }}{% endif %}, cụ thể như sau:",
        "Từ ngày {{ tu_ngay }} - ngày {{ den_ngay }}.",
    )
    word.delete("Đề nghị {% if cap_xa %}")
    word.delete("Đề nghị UBND {{ don_vi }}")
    word.retype(
        "{% if ten_co_quan %}{{ ten_co_quan }}{% else %}Thường trực HĐND {{ don_vi }}{% endif %} "
        "thông báo để",
        f"Nay hội đồng nhân dân {{{{ don_vi }}}} thông báo đến quí cử tri lịch tiếp xúc cử tri "
        f"{WHEN} kỳ họp lần thứ {{{{ ky_hop }}}} của Hội đồng nhân dân {{{{ don_vi }}}} "
        f"{{{{ ten_don_vi }}}} khóa {{{{ khoa_so }}}}, nhiệm kỳ {TERM_NO_SPACES}./.",
    )
    return word.save()


def kon_dao(shipped: bytes) -> bytes:
    """HĐND xã Kon Đào (Quảng Ngãi): the bases in one paragraph, "Thời gian, địa điểm…" as the
    summary, its own opening sentence."""
    word = Word(shipped)
    word.retype("{%p for basis in legal_bases %}", "{%p if legal_bases %}")
    word.retype_next("{{ basis }}", "{%p endif %}")  # the bases' {%p endfor %}
    word.retype("{{ basis }}", "{{ legal_bases|join('; ') }}.")
    word.retype(
        "Lịch tiếp xúc cử tri của",
        f"Thời gian, địa điểm tiếp xúc cử tri của đại biểu HĐND {{{{ don_vi }}}} {WHEN} {SESSION}, "
        "HĐND {{ don_vi }} khóa {{ khoa }}, nhiệm kỳ {{ nhiem_ky }}"
        "{% if noi_tiep_xuc %} tại {{ noi_tiep_xuc }}{% endif %}",
    )
    word.retype(
        "{% if ke_hoach %}Thực hiện",
        "Thường trực Hội đồng nhân dân {{ don_vi }} phối hợp với Ủy ban nhân dân {{ don_vi }}, "
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {{ don_vi }} xây dựng lịch tiếp xúc cử "
        f"tri của đại biểu Hội đồng nhân dân {{{{ don_vi }}}} {WHEN} {SESSION} HĐND "
        "{{ don_vi }} Khóa {{ khoa }}, nhiệm kỳ {{ nhiem_ky }};",
    )
    return word.save()


def thanh_hoa(shipped: bytes) -> bytes:
    """Văn phòng Đoàn ĐBQH và HĐND tỉnh Thanh Hóa: times as "8h00", dates without a zero."""
    word = Word(shipped)
    word.retype(
        "Thời gian: Bắt đầu từ",
        "Thời gian: Bắt đầu từ {{ r.gio_tat }} ngày {{ r.ngay_ngan }}.",
    )
    opening = word.paragraph("{% if ke_hoach %}Thực hiện")
    word.retype(
        opening.text, opening.text.replace("{{ ngay_khai_mac }}", "{{ ngay_khai_mac_ngan }}")
    )
    return word.save()


# slug of the real document -> how its office made its template from the shipped one
TEMPLATES: dict[str, Callable[[bytes], bytes]] = {
    "thong-bao-lich-txct-ngai-tu-2025": ngai_tu,
    "thong-bao-lich-txct-kon-dao-2025": kon_dao,
    "thong-bao-lich-txct-thanh-hoa-2024": thanh_hoa,
}

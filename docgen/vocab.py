"""The domain's words: council levels, unit kinds, competence levels, fields, timings.

Plain data with no library behind it: the schemas validate against these tables, routing and the
warnings reason with them, the contexts print their Vietnamese names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# Council levels. "huyen" stays for archived documents: districts were abolished on 1 July 2025.
LEVELS = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}

# The kinds of unit a council of each level can sit in. A district (huyện level) no longer exists
# after 1 July 2025, but archived documents must still render.
UNIT_KINDS = {
    "tinh": ("tỉnh", "thành phố"),
    "huyen": ("huyện", "quận", "thị xã", "thành phố"),
    "xa": ("xã", "phường", "đặc khu", "thị trấn"),
}

# Unit kinds only a district has (a "thành phố" may also be a province): none after 1 July 2025.
DISTRICT_KINDS = tuple(kind for kind in UNIT_KINDS["huyen"] if kind not in UNIT_KINDS["tinh"])

# Competence levels, highest first. "huyen" stays for archived rounds before 1 July 2025.
COMPETENCE_LEVELS = {
    "trung_uong": "Trung ương",
    "tinh": "Cấp tỉnh",
    "huyen": "Cấp huyện",
    "xa": "Cấp xã",
}
LEVEL_RANK = {"trung_uong": 0, "tinh": 1, "huyen": 2, "xa": 3}

# The words a petition's summary opens with when it starts with what the voters ask: inside a
# sentence ("Cử tri xã Lộc Thủy đề nghị …") they lose their capital; a name keeps it.
PETITION_VERBS = (
    "đề nghị",
    "kiến nghị",
    "đề xuất",
    "phản ánh",
    "tiếp tục",
    "mong muốn",
    "yêu cầu",
    "quan tâm",
    "cần",
)
# The level competent for an item, as a sentence names it ("đề nghị tỉnh", "đề nghị Trung ương").
COMPETENCE_WORDS = {"trung_uong": "Trung ương", "tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}

# The default fields (lĩnh vực), in the order a report presents them; the last is "Khác". A
# council may set its own list (by its committees: "Kinh tế - ngân sách", "Pháp chế"…).
PETITION_FIELDS = {
    "dat_dai": "Đất đai",
    "tai_nguyen_moi_truong": "Tài nguyên và môi trường",
    "giao_thong_xay_dung": "Giao thông, xây dựng",
    "nong_nghiep": "Nông nghiệp, nông thôn",
    "kinh_te_tai_chinh": "Kinh tế, tài chính",
    "giao_duc": "Giáo dục, đào tạo",
    "y_te": "Y tế",
    "lao_dong_chinh_sach": "Lao động, chính sách xã hội",
    "van_hoa_thong_tin": "Văn hóa, thông tin",
    "an_ninh_trat_tu": "Quốc phòng, an ninh, trật tự",
    "to_chuc_bo_may": "Tổ chức bộ máy, cán bộ",
    "khac": "Khác",
}

# How a summary report details its items: in the body and again in the appendix table, or only
# in the appendix (the body then gives the totals and refers to the appendix).
REPORT_DETAILS = {
    "bao_cao_va_phu_luc": "Nêu từng nội dung trong báo cáo và trong phụ lục",
    "phu_luc": "Báo cáo nêu số liệu; từng nội dung chỉ nêu trong phụ lục",
}

# What a report's counts count: distinct matters after merging, or each time one was raised
# (a matter raised at three meetings is one "nội dung" but three "lượt ý kiến").
COUNT_UNITS = {"noi_dung": "Nội dung (sau khi gộp)", "luot_y_kien": "Lượt ý kiến"}


def field_table(given: Sequence[Mapping[str, str]] | None = None) -> dict[str, str]:
    """A council's fields (key → name) in its order: its own list, or the default twelve."""
    if not given:
        return dict(PETITION_FIELDS)
    return {f["key"]: f["label"] for f in given}


# A round of voter contact comes before or after the council's session.
TIMINGS = {"truoc": "trước kỳ họp", "sau": "sau kỳ họp"}


def level_of_unit_kind(kind: str) -> str | None:
    """The council level whose units have this kind (commune first), or None for a thôn."""
    return next((level for level in ("xa", "huyen", "tinh") if kind in UNIT_KINDS[level]), None)

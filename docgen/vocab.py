"""The domain's words: council levels, unit kinds, competence levels, fields, timings.

Plain data with no library behind it: the schemas validate against these tables, routing and the
warnings reason with them, the contexts print their Vietnamese names.
"""

from __future__ import annotations

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

# Fields (lĩnh vực), in the order a report presents them; the last is always "Khác".
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

# A round of voter contact comes before or after the council's session.
TIMINGS = {"truoc": "trước kỳ họp", "sau": "sau kỳ họp"}


def level_of_unit_kind(kind: str) -> str | None:
    """The council level whose units have this kind (commune first), or None for a thôn."""
    return next((level for level in ("xa", "huyen", "tinh") if kind in UNIT_KINDS[level]), None)

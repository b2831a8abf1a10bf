"""Names of bodies: full and abbreviated forms of one body are one recipient."""

from __future__ import annotations

import unicodedata

import pytest

from docgen import bodies

SAME = [
    ("Ủy ban nhân dân tỉnh Bắc Ninh", "UBND tỉnh Bắc Ninh"),
    ("Uỷ ban nhân dân tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh"),  # tone position
    ("UBND xã Tân Hoà", "UBND xã Tân Hòa"),
    ("ubnd   tỉnh  bắc ninh", "UBND tỉnh Bắc Ninh"),  # case and spacing
    ("Thường trực HĐND tỉnh Bắc Ninh", "TT HĐND tỉnh Bắc Ninh"),
    ("Thường trực Hội đồng nhân dân tỉnh Bắc Ninh", "TT. HĐND tỉnh Bắc Ninh"),
    ("Đoàn ĐBQH tỉnh Bắc Ninh", "Đoàn đại biểu Quốc hội tỉnh Bắc Ninh"),
    ("Ủy ban MTTQ Việt Nam xã Biên Sơn", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Biên Sơn"),
    ("UBND TP. Bắc Ninh", "Ủy ban nhân dân thành phố Bắc Ninh"),
    ("UBND xã Biên Sơn;", "UBND xã Biên Sơn"),  # punctuation
    (unicodedata.normalize("NFD", "UBND xã Biên Sơn"), "UBND xã Biên Sơn"),  # NFD input
]
DIFFERENT = [
    ("UBND tỉnh Bắc Ninh", "UBND tỉnh Bắc Giang"),
    ("UBND xã Biên Sơn", "UBND xã Biên Son"),  # the horn is not a tone mark
    ("UBND xã Tân Hòa", "UBND xã Tân Hóa"),  # another tone
    ("Thường trực HĐND tỉnh Bắc Ninh", "UBND tỉnh Bắc Ninh"),
    ("HĐND xã Biên Sơn", "UBND xã Biên Sơn"),
    ("Đoàn ĐBQH tỉnh Bắc Ninh", "Thường trực HĐND tỉnh Bắc Ninh"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_full_and_abbreviated_names_of_one_body_share_a_key(a, b):
    assert bodies.body_key(a) == bodies.body_key(b)
    assert bodies.same_body(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_bodies_keep_different_keys(a, b):
    assert not bodies.same_body(a, b)


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("UBND huyện Lục Ngạn", True),
        ("Thường trực HĐND Huyện Lục Ngạn", True),
        ("UBND quận Ba Đình", True),
        ("UBND thị xã Chũ", True),
        ("UBND thị trấn Chũ", False),
        ("UBND xã Biên Sơn", False),
        ("UBND tỉnh Bắc Ninh", False),
        ("Sở Giao thông vận tải", False),
    ],
)
def test_names_of_district_level_bodies_are_recognised(text, district):
    assert bodies.names_district(text) is district

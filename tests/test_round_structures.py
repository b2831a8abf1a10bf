"""Joint meetings, answers given at the meeting, who draws up the minutes: the data each makes."""

from __future__ import annotations

from roundkit import make_round, meeting, petition

from docgen import rounds

ISSUER = {
    "level": "xa",
    "unit_kind": "xã",
    "unit_name": "Biên Sơn",
    "header_top": "HĐND xã Biên Sơn",
    "header_name": "Tổ đại biểu số 1",
    "symbol": "TĐB",
}
ANSWER = {"speaker": "Lý Thị Hoa", "title": "Phó Chủ tịch UBND xã", "content": "Xã tiếp thu."}


def minutes(r) -> list[dict]:
    return [j.data for j in rounds.plan_round(r).jobs if j.type_id == "bien_ban_tiep_xuc"]


def joint_round(**extra):
    meetings = [
        meeting("j", "Ao Sen", "2020-12-01T08:00", joint_sub_units=["Khả"], answers=[ANSWER]),
        meeting("k", "Hạ", "2020-12-02T08:00"),
    ]
    petitions = [
        petition("a", "j", "xa", "UBND xã Biên Sơn"),
        petition(
            "b",
            "j",
            "xa",
            "UBND xã Biên Sơn",
            sub_unit="Khả",
            answer="Đã sửa.",
            answered_by="ông A",
            resolved_at_meeting=True,
        ),
        petition("c", "k", "tinh", "UBND tỉnh", answer="Sẽ kiến nghị tỉnh."),
    ]
    return make_round(
        "xa", meetings=meetings, petitions=petitions, units=("Ao Sen", "Khả", "Hạ"), **extra
    )


def test_a_joint_meeting_has_one_minutes_naming_every_place_and_each_voters_own():
    r = joint_round()
    names = [j.name for j in rounds.plan_round(r).jobs]
    assert "01 Biên bản thôn Ao Sen, thôn Khả 2020-12-01" in names
    first, second = minutes(r)
    assert first["joint_places"] == ["thôn Khả"]
    assert [o["place"] for o in first["opinions"]] == ["thôn Ao Sen", "thôn Khả"]
    assert second["joint_places"] == [] and second["opinions"][0]["place"] is None


def test_answers_at_the_meeting_go_into_the_minutes_and_a_settled_petition_nowhere_else():
    r = joint_round()
    first, second = minutes(r)
    assert first["answers"] == [ANSWER]
    settled = first["opinions"][1]
    assert (settled["answer"], settled["answered_by"], settled["resolved"]) == (
        "Đã sửa.",
        "ông A",
        True,
    )
    assert second["opinions"][0]["resolved"] is False  # answered, but the request remains
    plan = rounds.plan_round(r)
    forwarded = [pid for j in plan.jobs if j.type_id == "cong_van_chuyen" for pid in j.petitions]
    assert sorted(forwarded) == ["a", "c"]
    (report,) = [j.data for j in plan.jobs if j.type_id == "bao_cao_tong_hop"]
    assert (report["counts"]["opinions"], report["counts"]["answered"]) == (3, 2)


def test_who_draws_up_the_minutes_is_data_meeting_then_round_then_the_front():
    default = minutes(joint_round())[0]["issuer"]
    assert default["header_top"] == "Ủy ban MTTQ Việt Nam xã Biên Sơn"
    by_round = minutes(joint_round(minutes_issuer=ISSUER))
    assert {m["issuer"]["header_name"] for m in by_round} == {"Tổ đại biểu số 1"}
    r = joint_round()
    r["meetings"][1]["minutes_issuer"] = {**ISSUER, "header_name": "Tổ đại biểu số 2"}
    assert [m["issuer"]["header_name"] for m in minutes(r)] == [
        "Ban Thường trực",
        "Tổ đại biểu số 2",
    ]


# --- what the documents print of it


def rendered(data_by_type):
    import tempfile

    from docxtext import paragraphs

    from docgen import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "INSTANCE_PATH": tmp})
        service = app.extensions["docgen"]
        return [" ".join(paragraphs(service.render_docx(t, d))) for t, d in data_by_type]


def ward_plan():
    from conftest import load_fixture

    return rounds.plan_round(rounds.load_round(load_fixture("round_phuong_2026.json")))


def test_a_channel_letter_names_each_items_competent_body_and_asks_to_pass_them_on():
    plan = ward_plan()
    letters = {j.recipient: j for j in plan.jobs if j.type_id == "cong_van_chuyen"}
    own, province, delegation = rendered(
        [
            ("cong_van_chuyen", letters[name].data)
            for name in (
                "UBND phường Kinh Bắc",
                "Thường trực HĐND tỉnh Bắc Ninh",
                "Đoàn đại biểu Quốc hội tỉnh Bắc Ninh",
            )
        ]
    )
    assert "Kính gửi: Thường trực HĐND tỉnh Bắc Ninh" in province
    assert "thuộc thẩm quyền giải quyết của các cơ quan có tên trong danh sách kèm theo" in province
    assert "đề nghị xem xét, chuyển đến cơ quan có thẩm quyền giải quyết" in province
    assert "cơ quan có thẩm quyền giải quyết: Sở Xây dựng tỉnh Bắc Ninh)" in province
    assert "cơ quan có thẩm quyền giải quyết: Công ty Điện lực Bắc Ninh)" in province
    assert "cơ quan có thẩm quyền giải quyết: Chính phủ)" in delegation
    assert "Chính phủ" not in delegation.split("DANH SÁCH")[0]  # never addressed
    # the own UBND letter: the Công an item goes through the UBND, with its body printed
    assert "cơ quan có thẩm quyền giải quyết: Công an phường Kinh Bắc)" in own
    assert "đề nghị xem xét, chuyển đến cơ quan có thẩm quyền" in own
    assert "Số: 135/HĐND-VP" in delegation and "Nguyễn Văn Khánh" in delegation  # its own


def test_a_letter_with_its_own_paragraphs_prints_them_instead_of_the_templates():
    plan = ward_plan()
    job = next(j for j in plan.jobs if j.type_id == "cong_van_chuyen")
    data = {**job.data, "paragraphs": ["Đoạn thứ nhất.", "Đề nghị UBND phường trả lời cử tri"]}
    from docgen import documents

    loaded = documents.get("cong_van_chuyen").schema().load(rounds._jsonable(data))
    (text,) = rendered([("cong_van_chuyen", loaded)])
    assert "Đoạn thứ nhất. Đề nghị UBND phường trả lời cử tri./." in text
    assert "đã nêu" not in text.split("DANH SÁCH")[0]


def test_the_minutes_of_a_joint_meeting_name_both_places_and_what_was_settled():
    plan = ward_plan()
    minutes = {j.name[3:]: j.data for j in plan.jobs if j.type_id == "bien_ban_tiep_xuc"}
    dai_phuc, vu_ninh = rendered(
        [
            (
                "bien_ban_tiep_xuc",
                minutes["Biên bản tổ dân phố Đại Phúc 1, tổ dân phố Đại Phúc 2 2026-11-16"],
            ),
            (
                "bien_ban_tiep_xuc",
                minutes["Biên bản tổ dân phố Vũ Ninh 1, tổ dân phố Vũ Ninh 2 2026-11-19"],
            ),
        ]
    )
    assert "tiếp xúc cử tri tổ dân phố Đại Phúc 1 và tổ dân phố Đại Phúc 2 trước kỳ họp" in dai_phuc
    assert "Cử tri tổ dân phố Đại Phúc 1 và tổ dân phố Đại Phúc 2: 162 người." in dai_phuc
    assert "Lê Thị Hồng (tổ dân phố Đại Phúc 2)" in dai_phuc
    assert "ý kiến đã được giải quyết tại hội nghị" in dai_phuc
    assert "Đồng chí Trần Thị Lan, Phó Chủ tịch UBND phường: UBND phường tiếp thu" in dai_phuc
    assert "TỔ ĐẠI BIỂU SỐ 3" in vu_ninh  # the meeting's own minutes issuer


def test_the_report_counts_what_was_settled_at_the_meeting():
    plan = ward_plan()
    (report,) = [j.data for j in plan.jobs if j.type_id == "bao_cao_tong_hop"]
    (text,) = rendered([("bao_cao_tong_hop", report)])
    assert (
        "cử tri nêu 16 ý kiến, kiến nghị, trong đó 03 ý kiến đã được trả lời trực tiếp tại hội "
        "nghị (02 ý kiến đã được giải quyết xong tại hội nghị, không chuyển)." in text
    )

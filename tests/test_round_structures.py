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

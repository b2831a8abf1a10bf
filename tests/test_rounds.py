"""Round generation: the documents a round calls for, their data, and what they print."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import load_fixture
from docxtext import paragraphs
from roundkit import doc, make_round, meeting, petition

from docgen import conformity, documents, rounds, routing
from docgen.doctypes.bien_ban_tiep_xuc import front_issuer
from docgen.errors import InvalidData
from docgen.round_output import produce
from docgen.vocab import LEVEL_RANK

FIXTURES = [
    "round_luc_ngan.json",
    "round_xa_2026.json",
    "round_phuong_2026.json",
    "round_tinh_2026.json",
]
SCHEDULE, MINUTES, REPORT, LETTER = (
    "thong_bao_lich_tiep_xuc",
    "bien_ban_tiep_xuc",
    "bao_cao_tong_hop",
    "cong_van_chuyen",
)


@pytest.fixture(scope="module", params=FIXTURES)
def fixture_round(request):
    return rounds.load_round(load_fixture(request.param))


@pytest.fixture(scope="module")
def luc_ngan():
    return rounds.load_round(load_fixture("round_luc_ngan.json"))


@pytest.fixture(scope="module")
def luc_ngan_docs(luc_ngan, tmp_path_factory):
    """The Lục Ngạn round rendered as DOCX, by job name."""
    from docgen import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path_factory.mktemp("i"))})
    output = produce(app.extensions["docgen"], rounds.plan_round(luc_ngan), "docx")
    return {f.job.name: (f.job, f.content) for f in output.files}


def test_luc_ngan_calls_for_schedule_minutes_report_and_letters(luc_ngan):
    plan = rounds.plan_round(luc_ngan)
    kinds = Counter(job.type_id for job in plan.jobs)
    assert kinds == {
        SCHEDULE: 1,
        MINUTES: 16,
        REPORT: 1,
        LETTER: 16,
    }
    names = [job.name for job in plan.jobs]
    assert names[0] == "01 Thông báo lịch tiếp xúc cử tri"
    assert names[1] == "02 Biên bản thị trấn Chũ 2020-11-30"
    assert "18 Báo cáo tổng hợp ý kiến cử tri" in names
    assert names[18] == "19 Công văn chuyển UBND huyện Lục Ngạn"
    assert "20 Công văn chuyển Thường trực HĐND tỉnh Bắc Giang" in names
    assert "34 Công văn chuyển TT HĐND và UBND xã Kiên Lao" in names
    assert len(set(names)) == len(names)


def test_every_petition_is_in_the_report_or_one_lower_letter_and_in_its_minutes(fixture_round):
    plan = rounds.plan_round(fixture_round)
    by_type: dict[str, list[str]] = {}
    for job in plan.jobs:
        by_type.setdefault(job.type_id, []).extend(job.petitions)
    ids = sorted(p["id"] for p in fixture_round["petitions"])
    assert sorted(by_type[MINUTES]) == ids
    # each in exactly one letter, except those settled at the meeting
    forwarded = [p for p in fixture_round["petitions"] if not p["resolved_at_meeting"]]
    assert sorted(by_type[LETTER]) == sorted(p["id"] for p in forwarded)
    council = LEVEL_RANK[fixture_round["issuer"]["level"]]
    upper = sorted(p["id"] for p in forwarded if LEVEL_RANK[p["level"]] <= council)
    assert sorted(by_type[REPORT]) == upper


def test_report_data_carries_the_computed_counts(fixture_round):
    plan = rounds.plan_round(fixture_round)
    (report,) = [job.data for job in plan.jobs if job.type_id == REPORT]
    c = plan.routing.counts
    assert report["counts"]["items"] == c.report_items == len(report["items"])
    assert report["counts"]["opinions"] == c.opinions
    assert report["counts"]["by_level"] == dict(Counter(i["level"] for i in report["items"]))


def test_letters_number_on_from_the_first_and_reply_by_defaults_to_30_days():
    petitions = [petition("a", "m0", "tinh", "UBND tỉnh"), petition("b", "m0", "xa", "UBND xã")]
    plan = rounds.plan_round(make_round(petitions=petitions))
    letters = [job.data for job in plan.jobs if job.type_id == LETTER]
    assert [x["number"] for x in letters] == [1, 2]
    assert {x["reply_by"].isoformat() for x in letters} == {"2021-01-08"}


def test_a_draft_letter_number_stays_a_draft():
    petitions = [petition("a", "m0", "tinh", "UBND tỉnh"), petition("b", "m0", "xa", "UBND xã")]
    letters = {**doc("2020-12-09"), "number": None}
    plan = rounds.plan_round(make_round(petitions=petitions, letters=letters))
    assert [j.data["number"] for j in plan.jobs if j.type_id == LETTER] == [None, None]


def test_only_meetings_held_get_minutes_and_the_schedule_needs_its_data():
    meetings = [
        meeting("held", "Biên Sơn", "2020-12-02T08:00", voters=90),
        meeting("planned", "Biên Động", "2020-12-03T08:00", voters=None),
    ]
    plan = rounds.plan_round(make_round(meetings=meetings, units=("Biên Sơn", "Biên Động")))
    assert [j.name for j in plan.jobs] == [
        "01 Biên bản xã Biên Sơn 2020-12-02",
        "02 Báo cáo tổng hợp ý kiến cử tri",
    ]


def test_document_data_that_cannot_be_made_names_the_rounds_field():
    r = make_round(petitions=[petition("a", "m0", "tinh", "UBND tỉnh")])
    r["letters"]["recipients"] = []
    with pytest.raises(InvalidData) as info:
        rounds.plan_round(r)
    assert "letters.recipients" in info.value.fields


def test_minutes_are_drawn_up_by_the_front_of_the_place_or_of_the_commune():
    district = make_round()
    commune = make_round("xa")
    assert front_issuer(district, district["sub_units"][0])["header_top"] == (
        "Ủy ban MTTQ Việt Nam xã Biên Sơn"
    )
    thon = front_issuer(commune, {"name": "Ao Sen", "kind": "thôn", "group": 1})
    assert (thon["level"], thon["unit_kind"], thon["unit_name"]) == ("xa", "xã", "Biên Sơn")


def _recount_report(r):
    """The report's figures recomputed from the data, independently of routing.py."""
    council = LEVEL_RANK[r["issuer"]["level"]]
    keys = {}
    for p in r["petitions"]:
        if LEVEL_RANK[p["level"]] <= council:
            keys.setdefault(p.get("matter") or f"#{p['id']}", p)
    items = list(keys.values())
    return {
        "meetings": len(r["meetings"]),
        "voters": sum(m["voters"] or 0 for m in r["meetings"]),
        "opinions": len(r["petitions"]),
        "answered": sum(1 for p in r["petitions"] if p.get("answer")),
        "items": len(items),
        "by_level": Counter(p["level"] for p in items),
        "by_field": Counter(p["field"] for p in items),
    }


def _n(n: int) -> str:
    return f"{n:02d}" if n < 10 else f"{n:,}".replace(",", ".")


def test_counts_printed_in_the_report_equal_the_counts_from_the_data(luc_ngan, luc_ngan_docs):
    from docgen.vocab import COMPETENCE_LEVELS, PETITION_FIELDS

    expected = _recount_report(luc_ngan)
    (docx,) = [c for job, c in luc_ngan_docs.values() if job.type_id == REPORT]
    text = " ".join(paragraphs(docx))
    assert f"tổ chức {_n(expected['meetings'])} hội nghị" in text
    assert f"{_n(expected['voters'])} lượt cử tri" in text
    assert f"cử tri nêu {_n(expected['opinions'])} ý kiến" in text
    assert f"{_n(expected['answered'])} ý kiến đã được trả lời" in text
    assert f"tổng hợp {_n(expected['items'])} nội dung kiến nghị" in text
    for level, n in expected["by_level"].items():
        assert f"{COMPETENCE_LEVELS[level].lower()} {_n(n)} nội dung" in text
    for field, n in expected["by_field"].items():
        assert f"{PETITION_FIELDS[field].lower()} {_n(n)} nội dung" in text


def test_report_lists_each_item_with_every_place(luc_ngan, luc_ngan_docs):
    (docx,) = [c for job, c in luc_ngan_docs.values() if job.type_id == REPORT]
    text = " ".join(paragraphs(docx))
    # in the order of the first meeting that raised it, not the order of the data
    lychee = "cử tri xã Phượng Sơn, xã Hồng Giang, xã Quý Sơn, xã Biên Sơn, xã Tân Hoa"
    assert lychee in text
    for item in routing.route(luc_ngan).report_items:
        assert item.summary.rstrip(".") in text


def test_each_letter_is_addressed_and_lists_its_items(luc_ngan, luc_ngan_docs):
    letters = [(job, c) for job, c in luc_ngan_docs.values() if job.type_id == LETTER]
    by_recipient = {letter.recipient: letter for letter in routing.route(luc_ngan).letters}
    for job, docx in letters:
        text = " ".join(paragraphs(docx))
        letter = by_recipient[job.recipient]
        for addressee in letter.addressees:
            assert addressee in text
        for item in letter.items:
            assert item.summary.rstrip(".") in text
    chu = paragraphs(next(c for job, c in letters if job.recipient.endswith("thị trấn Chũ")))
    start = chu.index("Kính gửi:")
    assert chu[start + 1 : start + 3] == [
        "- Thường trực HĐND thị trấn Chũ;",
        "- UBND thị trấn Chũ.",
    ]


def test_each_minutes_records_its_meetings_opinions(luc_ngan, luc_ngan_docs):
    for job, docx in luc_ngan_docs.values():
        if job.type_id != MINUTES:
            continue
        text = " ".join(paragraphs(docx))
        for p in luc_ngan["petitions"]:
            if p["id"] in job.petitions:
                assert p["voters"][0]["name"] in text
                assert p["content"][:60] in text


def test_every_generated_document_passes_the_decree_30_checker(luc_ngan_docs):
    for name, (job, docx) in luc_ngan_docs.items():
        report = conformity.check_docx(docx, kind=documents.get(job.type_id).check_kind)
        assert not report.errors, (name, conformity.format_report(report, "en"))


def test_a_round_without_petitions_still_reports_its_meetings():
    plan = rounds.plan_round(make_round())
    assert [j.type_id for j in plan.jobs] == [MINUTES] * 4 + [REPORT]
    (report,) = [j.data for j in plan.jobs if j.type_id == REPORT]
    assert (report["counts"]["meetings"], report["counts"]["items"], report["items"]) == (4, 0, [])


def test_a_round_with_no_meeting_yet_gives_only_the_report():
    plan = rounds.plan_round(make_round(meetings=[], schedule=doc("2020-11-20")))
    assert [j.type_id for j in plan.jobs] == [REPORT]
    assert {w.code for w in plan.warnings} == {"sub_unit_without_meeting"}

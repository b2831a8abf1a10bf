"""forms.py: schema → form tree, form data ⇄ nested JSON, error paths → inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load_fixture
from marshmallow import Schema, fields, validate

from docgen import documents, forms
from docgen.schemas.round import RoundSchema

ROUND = json.loads((Path(__file__).parent / "data" / "round_web.json").read_text(encoding="utf-8"))


class Inner(Schema):
    name = fields.String(required=True, metadata={"label": "Tên"})
    ok = fields.Boolean(load_default=False, metadata={"label": "Đồng ý"})


class Sample(Schema):
    title = fields.String(required=True, metadata={"label": "Tiêu đề", "description": "Ghi rõ"})
    count = fields.Integer(metadata={"label": "Số lượng"})
    ratio = fields.Float(metadata={"label": "Tỉ lệ"})
    day = fields.Date(metadata={"label": "Ngày"})
    when = fields.DateTime(metadata={"label": "Lúc"})
    kind = fields.String(
        validate=validate.OneOf(["a", "b"]),
        metadata={"label": "Loại", "enum_labels": {"a": "Loại A"}},
    )
    lines = fields.List(fields.String(), required=True, metadata={"label": "Dòng"})
    people = fields.List(fields.Nested(Inner), required=True, metadata={"label": "Người"})
    box = fields.Nested(Inner, load_default=None, allow_none=True, metadata={"label": "Hộp"})


def test_kinds_labels_and_choices_come_from_the_schema():
    form = forms.build_form(Sample)
    kinds = {c.name: c.kind for c in form.children}
    assert kinds == {
        "title": "text",
        "count": "integer",
        "ratio": "number",
        "day": "date",
        "when": "datetime",
        "kind": "select",
        "lines": "list",
        "people": "list",
        "box": "group",
    }
    title = form.child("title")
    assert (title.label, title.help, title.required) == ("Tiêu đề", "Ghi rõ", True)
    assert form.child("kind").choices == (forms.Choice("a", "Loại A"), forms.Choice("b", "b"))
    assert form.child("lines").item.kind == "textarea"
    assert form.child("people").item.kind == "group"
    assert form.child("people").min_items == 1  # a required list of groups starts with one


@pytest.mark.parametrize("type_id", list(documents.REGISTRY))
def test_every_type_round_trips_its_fixture(type_id):
    schema = documents.get(type_id).schema()
    form = forms.build_form(schema)
    data = load_fixture(f"{type_id}.json")
    back = forms.form_to_data(form, forms.data_to_form(form, data).items())
    # The same document: unticked boxes come back False, times without seconds.
    assert schema.load(back) == schema.load(data)


def test_the_round_round_trips():
    form = forms.build_form(RoundSchema)
    flat = forms.data_to_form(form, ROUND)
    assert flat["groups.0.deputies.1.name"] == "Trần Thị Bình"
    assert flat["groups.0.deputies.0.leader"] == "on"
    assert flat["meetings.0.start"] == "20/11/2026 07:30"  # as a clerk types it
    back = forms.form_to_data(form, flat.items())
    # an unticked box comes back False
    assert back["petitions"] == [{**p, "resolved_at_meeting": False} for p in ROUND["petitions"]]
    assert back["groups"][1]["deputies"] == [{"name": "Lê Văn Cường", "leader": True}]
    assert RoundSchema().load(back)  # and the result is valid


def test_blanks_are_left_out_and_values_converted():
    form = forms.build_form(Sample)
    data = forms.form_to_data(
        form,
        [
            ("title", "Một"),
            ("count", " 12 "),
            ("ratio", "1,5"),
            ("day", ""),
            ("lines.0", "a"),
            ("lines.3", ""),
            ("lines.7", "b"),
            ("people.0.name", ""),
            ("people.2.name", "An"),
            ("people.2.ok", "on"),
            ("box.name", ""),
            ("csrf_token", "x"),
            ("action", "check"),
        ],
    )
    assert data == {
        "title": "Một",
        "count": 12,
        "ratio": 1.5,
        "lines": ["a", "b"],
        "people": [{"name": "An", "ok": True}],
    }


def test_a_bad_number_is_kept_for_the_schema_to_name():
    form = forms.build_form(Sample)
    assert forms.form_to_data(form, [("count", "mười")])["count"] == "mười"


def test_required_blank_groups_and_lists_stay_so_errors_name_their_fields():
    form = forms.build_form(documents.get("ke_hoach_tiep_xuc").schema)
    data = forms.form_to_data(form, [])
    assert data["issuer"] == {} and data["signer"] == {}
    assert data["legal_bases"] == [] and data["recipients"] == []
    assert "term" not in data  # optional group left blank


def test_every_schema_field_has_an_input_in_the_page_tree():
    form = forms.build_form(RoundSchema)
    bound = forms.bind(form, {})
    names = set()

    def walk(b):
        if b.field.kind not in ("group", "list") or b.cell and b.field.kind == "list":
            names.add(b.path)
        for child in b.children:
            walk(child)
        if b.template is not None:
            walk(b.template)

    walk(bound)
    starred = {
        ".".join("*" if p.startswith("__i") or p.isdigit() else p for p in n.split("."))
        for n in names
    }
    assert starred == forms.field_paths(form)


def test_list_item_templates_use_one_placeholder_per_depth():
    bound = forms.bind(forms.build_form(RoundSchema), ROUND)
    groups = next(c for c in bound.children if c.path == "groups")
    assert groups.template.path == "groups.__i0__"
    deputies = next(c for c in groups.template.children if c.field.name == "deputies")
    assert deputies.template.path == "groups.__i0__.deputies.__i1__"
    assert groups.next_index == 2


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("signer.name", "signer.name"),
        ("legal_bases.0", "legal_bases.0"),
        ("legal_bases", "legal_bases"),
        ("issuer", "issuer"),
        ("legal_bases.5", "legal_bases"),  # an item the page does not show: its list
        ("nonsense.deep", None),  # an unknown key from an uploaded file: the summary
        ("_schema", None),
    ],
)
def test_errors_are_placed_on_the_nearest_shown_element(plan_data, path, target):
    form = forms.build_form(documents.get("ke_hoach_tiep_xuc").schema)
    shown = forms.paths(forms.bind(form, plan_data))
    placed, unplaced = forms.place_errors({path: ["Sai."]}, shown)
    if target is None:
        assert unplaced == {path: ["Sai."]} and not placed
    else:
        assert placed == {target: ["Sai."]} and not unplaced


def test_bound_errors_and_ids(plan_data):
    form = forms.build_form(documents.get("ke_hoach_tiep_xuc").schema)
    bound = forms.bind(form, plan_data, {"signer.name": ["Thiếu dữ liệu bắt buộc."]})
    signer = next(c for c in bound.children if c.path == "signer")
    name = next(c for c in signer.children if c.path == "signer.name")
    assert name.errors == ["Thiếu dữ liệu bắt buộc."]
    assert name.id == "f-signer-name" == forms.input_id("signer.name")


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("signer.name", "Người ký › Họ và tên người ký"),
        ("legal_bases.1", "Căn cứ ban hành 2"),
        ("_schema", "Toàn bộ dữ liệu"),
    ],
)
def test_labels_of_paths(path, label):
    form = forms.build_form(documents.get("ke_hoach_tiep_xuc").schema)
    assert forms.label_of(form, path) == label


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("Các Tổ đại biểu", "Tổ đại biểu"),
        ("Các đại biểu trong tổ", "Đại biểu trong tổ"),
        ("Nơi nhận", "Nơi nhận"),
        ("Các", "Các"),
    ],
)
def test_item_labels_drop_the_plural_marker(plural, one):
    assert forms.item_label(plural) == one


def test_labels_of_nested_list_paths():
    form = forms.build_form(RoundSchema)
    assert forms.label_of(form, "groups.0.deputies.1.name") == (
        "Tổ đại biểu 1 › Đại biểu trong tổ 2 › Họ và tên đại biểu"
    )


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("datetime", "2026-11-20T07:30:00", "20/11/2026 07:30"),
        ("datetime", "2026-11-20 07:30", "20/11/2026 07:30"),
        ("date", "2026-02-03", "03/02/2026"),
        ("date", "31/02/2026", "31/02/2026"),  # as typed, to be corrected
        ("checkbox", True, "on"),
        ("checkbox", False, ""),
        ("integer", 5, "5"),
        ("text", None, ""),
    ],
)
def test_display_values(kind, value, shown):
    assert forms.display_value(kind, value) == shown


class Counts(Schema):
    by_level = fields.Dict(
        keys=fields.String(validate=validate.OneOf(["tinh", "xa"])),
        values=fields.Integer(),
        required=True,
        metadata={"label": "Theo cấp"},
    )
    extra = fields.Dict(metadata={"label": "Khác"})


def test_dicts_with_chosen_keys_are_one_input_per_key_and_others_are_lines():
    form = forms.build_form(Counts)
    by_level = form.child("by_level")
    assert by_level.kind == "group"
    assert [(c.name, c.label, c.kind) for c in by_level.children] == [
        ("tinh", "Cấp tỉnh", "integer"),
        ("xa", "Cấp xã", "integer"),
    ]
    assert form.child("extra").kind == "mapping"
    data = {"by_level": {"tinh": 3}, "extra": {"a": 1, "b": "hai"}}
    flat = forms.data_to_form(form, data)
    assert flat == {"by_level.tinh": "3", "extra": "a: 1\nb: hai"}
    assert forms.form_to_data(form, flat.items()) == data


def test_petitions_and_meetings_are_tables_and_small_lists_stay_long_forms():
    form = forms.build_form(RoundSchema)
    assert form.child("petitions").table and form.child("meetings").table
    assert not form.child("groups").table  # a group's deputies do not fit in a cell
    plan = forms.build_form(documents.get("ke_hoach_tiep_xuc").schema)
    # A session plan's timetables are rows (day, hour, who, where), and so are its groups (name,
    # area, and the deputies one per line in a cell).
    tables = {c.name for c in plan.children if c.table}
    assert tables == {"groups", "meetings", "joint_meetings", "group_meetings"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("02/12/2026", "2026-12-02"),
        ("2/12/2026", "2026-12-02"),
        ("02-12-2026", "2026-12-02"),
        ("2026-12-02", "2026-12-02"),
    ],
)
def test_dates_are_read_as_a_clerk_types_them(typed, stored):
    form = forms.build_form(RoundSchema)
    data, problems = forms.read_form(form, [("start_date", typed)])
    assert data["start_date"] == stored and problems == {}


def test_an_impossible_date_is_an_error_that_keeps_what_was_typed():
    form = forms.build_form(RoundSchema)
    data, problems = forms.read_form(
        form, [("start_date", "31/02/2026"), ("meetings.0.start", "02/12/2026 25h")]
    )
    assert data["start_date"] == "31/02/2026"
    assert problems["start_date"] == [
        "“31/02/2026” không phải ngày hợp lệ: tháng 2 năm 2026 chỉ có 28 ngày."
    ]
    assert "giờ “25h” không hợp lệ" in problems["meetings.0.start"][0]
    bound = forms.bind(form, data, problems)
    assert next(c for c in bound.children if c.path == "start_date").value == "31/02/2026"


def test_table_cells_hold_whole_lists_and_choices_by_their_labels():
    form = forms.build_form(RoundSchema)
    data, problems = forms.read_form(
        form,
        [
            ("petitions.0.voters", "Nguyễn Văn An (thôn Ao Sen); Lê Thị Bình"),
            ("petitions.0.field", "Đất đai"),
            ("petitions.0.level", "cấp tỉnh"),
            ("meetings.0.deputies_present", "A; B\nC"),
        ],
    )
    assert problems == {}
    petition = data["petitions"][0]
    assert petition["voters"] == [
        {"name": "Nguyễn Văn An", "address": "thôn Ao Sen"},
        {"name": "Lê Thị Bình"},
    ]
    assert (petition["field"], petition["level"]) == ("dat_dai", "tinh")
    assert data["meetings"][0]["deputies_present"] == ["A", "B", "C"]
    _, problems = forms.read_form(form, [("petitions.0.field", "Đất đaii")])
    assert problems["petitions.0.field"][0].startswith("“Đất đaii” không có trong danh sách")


@pytest.mark.parametrize("name", ["round_phuong_2026.json", "round_tinh_2026.json"])
def test_rounds_of_today_round_trip_through_the_tables(name):
    form = forms.build_form(RoundSchema)
    assert form.child("meetings").table  # answers and who writes the minutes open in the row
    assert {c.name for c in form.child("meetings").item.extras} == {"answers", "minutes_issuer"}
    data = load_fixture(name)
    flat = forms.data_to_form(form, data)
    back, problems = forms.read_form(form, flat.items())
    assert problems == {}
    assert RoundSchema().load(back) == RoundSchema().load(data)

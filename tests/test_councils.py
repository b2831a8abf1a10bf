"""Saved council profiles: a council's province and channels apply to its rounds."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import load_fixture

from docgen import create_app
from docgen.cli import main
from docgen.councils import CouncilProfiles, load_profile
from docgen.errors import InvalidData

PROFILE = {
    "level": "xa",
    "unit_kind": "phường",
    "unit_name": "Kinh Bắc",
    "province": "tỉnh Bắc Ninh",
    "channels": {"trung_uong": "UBND tỉnh Bắc Ninh", "tinh": "UBND tỉnh Bắc Ninh"},
}


def ward_round_without_channels() -> dict:
    data = copy.deepcopy(load_fixture("round_phuong_2026.json"))
    del data["province"], data["channels"], data["letter_overrides"]
    return data


def recipients(summary: dict) -> list[str]:
    return [letter["recipient"] for letter in summary["letters"]]


def test_a_saved_profile_gives_a_round_its_province_and_channels(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)})
    client = app.test_client()
    bare = client.post("/api/v1/rounds/check", json=ward_round_without_channels())
    assert bare.status_code == 422  # provincial items, and no province to form a channel
    assert {"province", "channels.tinh"} <= set(bare.get_json()["error"]["fields"])
    app.extensions["docgen"].councils.save(load_profile(PROFILE))
    checked = client.post("/api/v1/rounds/check", json=ward_round_without_channels())
    assert checked.status_code == 200, checked.get_data(as_text=True)
    assert recipients(checked.get_json()) == ["UBND phường Kinh Bắc", "UBND tỉnh Bắc Ninh"]


def test_the_rounds_own_channels_come_before_the_profile(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)})
    app.extensions["docgen"].councils.save(load_profile(PROFILE))
    response = app.test_client().post(
        "/api/v1/rounds/check", json=load_fixture("round_phuong_2026.json")
    )
    assert recipients(response.get_json()) == [
        "UBND phường Kinh Bắc",
        "UBND tỉnh Bắc Ninh",  # the profile's provincial channel
        "Đoàn đại biểu Quốc hội tỉnh Bắc Ninh",  # the round's own central channel
    ]


def test_saving_again_replaces_the_councils_profile_only(tmp_path):
    profiles = CouncilProfiles(tmp_path / "councils.json")
    profiles.save(load_profile(PROFILE))
    other = {**PROFILE, "unit_name": "Võ Cường"}
    profiles.save(load_profile(other))
    profiles.save(load_profile({**PROFILE, "unit_kind": "Phường", "province": "tỉnh Bắc Giang"}))
    saved = {(p["unit_name"], p["province"]) for p in profiles.all()}
    assert saved == {("Võ Cường", "tỉnh Bắc Ninh"), ("Kinh Bắc", "tỉnh Bắc Giang")}
    issuer = {"level": "xa", "unit_kind": "phường", "unit_name": "Kinh Bắc"}
    assert profiles.find(issuer)["province"] == "tỉnh Bắc Giang"
    assert profiles.find({**issuer, "level": "tinh"}) is None


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ({**PROFILE, "level": "phuong"}, {"level"}),
        ({**PROFILE, "channels": {"tinh": ""}}, {"channels.tinh"}),
        ({**PROFILE, "channels": {"direct": ["thon"]}}, {"channels.direct.0"}),
        ({k: v for k, v in PROFILE.items() if k != "unit_name"}, {"unit_name"}),
    ],
)
def test_an_invalid_profile_is_refused_on_its_fields(raw, fields):
    with pytest.raises(InvalidData) as info:
        load_profile(raw)
    assert set(info.value.fields) == fields


def test_the_cli_saves_lists_and_uses_a_profile(runner, tmp_path):
    env = {"DOCGEN_INSTANCE_PATH": str(tmp_path / "instance")}
    source = tmp_path / "ho-so.json"
    source.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    saved = runner.invoke(main, ["councils", "set", str(source)], env=env)
    assert saved.exit_code == 0, saved.output
    assert "Đã lưu hồ sơ HĐND phường Kinh Bắc." in saved.output
    listed = runner.invoke(main, ["councils", "list"], env=env)
    assert json.loads(listed.output)[0]["channels"]["tinh"] == "UBND tỉnh Bắc Ninh"
    round_file = tmp_path / "dot.json"
    round_file.write_text(json.dumps(ward_round_without_channels()), encoding="utf-8")
    checked = runner.invoke(main, ["round", str(round_file), "--check"], env=env)
    assert checked.exit_code == 0, checked.output
    assert recipients(json.loads(checked.stdout))[-1] == "UBND tỉnh Bắc Ninh"


def test_the_cli_refuses_an_invalid_profile_naming_the_field(runner, tmp_path):
    env = {"DOCGEN_INSTANCE_PATH": str(tmp_path / "instance")}
    source = tmp_path / "ho-so.json"
    source.write_text(json.dumps({**PROFILE, "level": "phuong"}), encoding="utf-8")
    result = runner.invoke(main, ["councils", "set", str(source)], env=env)
    assert result.exit_code == 2
    assert "level:" in result.stderr
    assert not (tmp_path / "instance" / "councils.json").exists()


def test_a_saved_channel_naming_a_district_is_refused_for_a_round_after_the_reform(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)})
    stale = {**PROFILE, "channels": {"tinh": "Thường trực HĐND thị xã Từ Sơn"}}
    app.extensions["docgen"].councils.save(load_profile(stale))
    response = app.test_client().post("/api/v1/rounds/check", json=ward_round_without_channels())
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"channels.tinh"}

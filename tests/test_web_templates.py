"""The /templates pages: sign-in, CSRF, upload with results, confirmation, history, rollback."""

from __future__ import annotations

import io
import re

import pytest
import templatefiles as tf

PAGE = f"/templates/{tf.PLAN_TYPE}"


def csrf(client, path: str = "/templates/login") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True))
    assert match
    return match.group(1)


@pytest.fixture
def staff(app):
    app.extensions["docgen.accounts"].add("lan", "mat-khau-dai", ["can_bo_mau"])
    monkey = pytest.MonkeyPatch()
    monkey.setattr(type(app.extensions["docgen.templates"]), "_to_pdf", lambda self: None)
    yield "lan"
    monkey.undo()


@pytest.fixture
def signed_in(client, staff):
    response = client.post(
        "/templates/login",
        data={"name": "lan", "password": "mat-khau-dai", "csrf_token": csrf(client)},
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    "path", ["/templates", PAGE, f"{PAGE}/current.docx", f"{PAGE}/versions/0.docx"]
)
def test_a_visitor_not_signed_in_is_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/templates/login?next=")


@pytest.mark.parametrize("path", [f"{PAGE}/upload", f"{PAGE}/rollback", f"{PAGE}/confirm"])
def test_a_visitor_cannot_post(client, path):
    response = client.post(path, data={"csrf_token": csrf(client)})
    assert response.status_code == 302 and "/templates/login" in response.headers["Location"]


def test_wrong_password_is_refused(client, staff):
    response = client.post(
        "/templates/login", data={"name": "lan", "password": "sai", "csrf_token": csrf(client)}
    )
    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.get_data(as_text=True)
    assert client.get("/templates").status_code == 302


def test_sign_in_without_csrf_token_is_refused(client, staff):
    response = client.post("/templates/login", data={"name": "lan", "password": "mat-khau-dai"})
    assert response.status_code == 400
    assert "Phiên làm việc" in response.get_data(as_text=True)


def test_sign_in_goes_back_where_asked_but_never_off_site(client, staff):
    token = csrf(client)
    response = client.post(
        "/templates/login?next=//evil.example/x",
        data={"name": "lan", "password": "mat-khau-dai", "csrf_token": token},
    )
    assert response.headers["Location"] == "/templates"
    response = client.post(
        f"/templates/login?next={PAGE}",
        data={"name": "lan", "password": "mat-khau-dai", "csrf_token": csrf(client)},
    )
    assert response.headers["Location"] == PAGE


def test_list_and_detail(signed_in):
    text = signed_in.get("/templates").get_data(as_text=True)
    assert "Kế hoạch tiếp xúc cử tri" in text and "Mẫu gốc (0)" in text
    detail = signed_in.get(PAGE).get_data(as_text=True)
    assert "Tải lên mẫu mới" in detail and "Lịch sử" in detail
    assert signed_in.get(f"{PAGE}/current.docx").data == tf.PLAN.read_bytes()


def upload(client, content: bytes, comment: str = "đổi chữ"):
    return client.post(
        f"{PAGE}/upload",
        data={
            "file": (io.BytesIO(content), "mau.docx"),
            "comment": comment,
            "csrf_token": csrf(client, PAGE),
        },
        content_type="multipart/form-data",
    )


def test_upload_accepted_then_rollback(signed_in):
    response = upload(signed_in, tf.replace("thiết thực", "thực chất"))
    assert response.status_code == 200
    assert "Đã nhận mẫu: phiên bản 1 đang được dùng" in response.get_data(as_text=True)
    history = signed_in.get(PAGE).get_data(as_text=True)
    assert "đổi chữ" in history and "Dùng lại phiên bản 0" in history
    asked = signed_in.get(f"{PAGE}/rollback?version=0").get_data(as_text=True)
    assert "Dùng lại phiên bản 0?" in asked and "đang dùng" in asked and "phiên bản 1" in asked
    back = signed_in.post(
        f"{PAGE}/rollback", data={"version": "0", "csrf_token": csrf(signed_in, PAGE)}
    )
    assert back.status_code == 303 and back.headers["Location"].endswith("?da_dung_lai=0")
    page = signed_in.get(back.headers["Location"]).get_data(as_text=True)
    assert "Dùng lại phiên bản 1" in page
    assert "Đã dùng lại mẫu gốc (phiên bản 0)" in page
    assert "lan dùng lại mẫu gốc (phiên bản 0) (thay cho phiên bản 1)" in page
    assert "sha256" not in page


def test_upload_refused_shows_the_paragraph(signed_in):
    response = upload(
        signed_in, tf.replace("dân chủ, công khai", "dân chủ, {{ council } công khai")
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Mẫu chưa được nhận" in text
    assert "thiết thực và hiệu quả" in text  # the paragraph, quoted


def test_warnings_are_confirmed_without_uploading_again(signed_in):
    response = upload(signed_in, tf.replace("{{ signer.name }}", "Nguyễn Thu Hường"), "ký tay")
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "signer.name" in text and "Tôi đã xem các cảnh báo" in text
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', text).group(1)
    confirmed = signed_in.post(
        f"{PAGE}/confirm",
        data={"sha256": digest, "comment": "ký tay", "csrf_token": csrf(signed_in, PAGE)},
    )
    assert confirmed.status_code == 200
    assert "Đã nhận mẫu: phiên bản 1" in confirmed.get_data(as_text=True)
    bogus = signed_in.post(
        f"{PAGE}/confirm", data={"sha256": "../../etc/passwd", "csrf_token": csrf(signed_in, PAGE)}
    )
    assert bogus.status_code == 404


def test_upload_without_csrf_is_refused(signed_in):
    response = signed_in.post(
        f"{PAGE}/upload",
        data={"file": (io.BytesIO(tf.PLAN.read_bytes()), "mau.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


def test_sign_out(signed_in):
    signed_in.post("/templates/logout", data={"csrf_token": csrf(signed_in, "/templates")})
    assert signed_in.get("/templates").status_code == 302


def test_clerk_pages_can_require_sign_in(tmp_path):
    from docgen import create_app

    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "REQUIRE_AUTH_FOR_DOCUMENTS": True}
    )
    app.extensions["docgen.accounts"].add("lan", "mat-khau-dai", ["can_bo_mau"])
    client = app.test_client()
    response = client.get("/")
    assert response.status_code == 302 and "/templates/login" in response.headers["Location"]
    client.post(
        "/templates/login",
        data={"name": "lan", "password": "mat-khau-dai", "csrf_token": csrf(client)},
    )
    assert client.get("/").status_code == 200


def test_clerk_pages_are_open_by_default(client):
    assert client.get("/").status_code == 200


def test_staff_without_the_template_role_read_but_cannot_change(app, client):
    """A văn thư signed in sees the templates; uploading or rolling back answers 403 in Vietnamese."""
    app.extensions["docgen.accounts"].add("hoa", "mat-khau-hoa", ["van_thu"])
    client.post(
        "/templates/login",
        data={"name": "hoa", "password": "mat-khau-hoa", "csrf_token": csrf(client)},
    )
    assert client.get(PAGE).status_code == 200
    token = csrf(client, PAGE)
    upload = client.post(
        f"{PAGE}/upload",
        data={
            "file": (io.BytesIO(tf.replace("KẾ HOẠCH", "KẾ HOẠCH")), "mau.docx"),
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    assert upload.status_code == 403
    assert "Chỉ cán bộ mẫu" in upload.get_data(as_text=True)
    back = client.post(f"{PAGE}/rollback", data={"version": "0", "csrf_token": token})
    assert back.status_code == 403
    assert len(app.extensions["docgen.templates"].store.versions(tf.PLAN_TYPE)) == 1

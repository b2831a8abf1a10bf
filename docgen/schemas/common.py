"""Schemas for the parts every document shares: issuer, number, date, signer, recipients.

Field metadata carries the Vietnamese label and help text: the API's JSON Schemas and the clerks'
forms are generated from the same declarations.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)

from docgen import round_dates, vn
from docgen.decree30 import SIGNER_STACKS
from docgen.vocab import LEVELS, UNIT_KINDS


def _clean(value: Any) -> Any:
    """NFC-normalise and strip XML-invalid characters from every string, recursively."""
    if isinstance(value, str):
        return vn.nfc_clean(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k) if isinstance(k, str) else k: _clean(v) for k, v in value.items()}
    return value


def label(vi: str, help_vi: str = "", **extra: Any) -> dict[str, Any]:
    """Field metadata: the Vietnamese label (title) and help text (description)."""
    meta: dict[str, Any] = {"title": vi, "label": vi}
    if help_vi:
        meta["description"] = help_vi
    meta.update(extra)
    return meta


class Text(fields.String):
    """A string that may not be empty or only spaces once stripped; stored stripped."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        text = " ".join(text.split()) if "\n" not in text else text.strip()
        if not text:
            raise ValidationError("Không được để trống.")
        return text


def period_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """A period's end_date must not come before its start_date."""
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        return {"end_date": ["Phải từ ngày bắt đầu đợt trở đi."]}
    return {}


# Bounds every field of its kind gets unless it declares its own: documents of a council are
# dated from the founding of the state to the end of the century, and no count is above 10^9.
YEAR_MIN, YEAR_MAX = 1945, 2100
MAX_COUNT = 10**9
# Times sent with an offset are read as the local time of Vietnam (UTC+7), then stored naive,
# like the ones sent without: comparing them must never mix the two.
VIETNAM = dt.timezone(dt.timedelta(hours=7))
_YEAR_PATTERN = r"^(19(4[5-9]|[5-9][0-9])|20[0-9][0-9]|2100)-"
_NOT_BLANK = r"\S"


class StrictInteger(fields.Integer):
    """A JSON integer and nothing else: no 7.9, no "12", no true, no "١٢"."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return value


def _year_error() -> ValidationError:
    return ValidationError(f"Năm phải từ {YEAR_MIN} đến {YEAR_MAX}.")


class BoundedDate(fields.Date):
    """A date between YEAR_MIN and YEAR_MAX."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> dt.date:
        day = super()._deserialize(value, attr, data, **kwargs)
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            raise _year_error()
        return day


class BoundedDateTime(fields.DateTime):
    """A local date and time between YEAR_MIN and YEAR_MAX; an offset is converted to UTC+7."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> dt.datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        if moment.tzinfo is not None:
            moment = moment.astimezone(VIETNAM).replace(tzinfo=None)
        if not YEAR_MIN <= moment.year <= YEAR_MAX:
            raise _year_error()
        return moment


def harden(field: fields.Field) -> None:
    """The shared rules of every field of a kind, applied where it is bound (Base.on_bind_field):
    strict integers with bounds, dates within the years, text that is not blank — and each
    rule in the published JSON Schema (minimum/maximum, pattern, minLength)."""
    if type(field) is fields.Integer:
        field.__class__ = StrictInteger
        if not any(isinstance(v, validate.Range) for v in field.validators):
            field.validators.append(validate.Range(min=0, max=MAX_COUNT))
    elif type(field) is fields.Date:
        field.__class__ = BoundedDate
        field.metadata = {**field.metadata, "pattern": _YEAR_PATTERN}
    elif type(field) is fields.DateTime:
        field.__class__ = BoundedDateTime
        field.metadata = {**field.metadata, "pattern": _YEAR_PATTERN}
    elif isinstance(field, Text):
        if not any(isinstance(v, validate.Length) for v in field.validators):
            field.validators.append(validate.Length(min=1, error="Không được để trống."))
        if not any(isinstance(v, validate.Regexp) for v in field.validators):
            field.metadata = {**field.metadata, "pattern": _NOT_BLANK}
    elif isinstance(field, fields.List):
        harden(field.inner)
    elif isinstance(field, fields.Dict):
        for inner in (field.key_field, field.value_field):
            if inner is not None:
                harden(inner)


class Base(Schema):
    """Refuses unknown fields; cleans every string before validation; the shared field rules."""

    class Meta:
        unknown = RAISE
        ordered = True

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        harden(field_obj)

    @pre_load
    def clean_strings(self, data: Any, **_: Any) -> Any:
        """Every string NFC, without control characters, before any rule sees it."""
        return _clean(data)

    @validates_schema
    def term_in_order(self, data: dict[str, Any], **_: Any) -> None:
        """A term (nhiệm kỳ) ends after it starts, wherever a schema carries one."""
        start, end = data.get("term_start"), data.get("term_end")
        if isinstance(start, int) and isinstance(end, int) and end <= start:
            raise ValidationError(
                "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu.", field_name="term_end"
            )


class IssuerSchema(Base):
    """The issuing body: a council's standing committee (or office) at some level."""

    level = fields.String(
        required=True,
        validate=validate.OneOf(list(LEVELS)),
        metadata=label(
            "Cấp hội đồng",
            "Cấp huyện chỉ dùng cho văn bản trước 01/7/2025 (lưu trữ)",
            enum_labels={
                "tinh": "Cấp tỉnh",
                "huyen": "Cấp huyện (trước 01/7/2025)",
                "xa": "Cấp xã",
            },
        ),
    )
    unit_kind = Text(
        required=True,
        metadata=label(
            "Loại đơn vị hành chính", "Ví dụ: tỉnh, thành phố, huyện, xã, phường, đặc khu"
        ),
    )
    unit_name = Text(required=True, metadata=label("Tên đơn vị hành chính", "Ví dụ: Lục Ngạn"))
    header_top = Text(
        load_default=None,
        metadata=label(
            "Dòng trên của tên cơ quan",
            "Để trống thì dùng “HĐND <loại đơn vị> <tên>”, viết hoa",
        ),
    )
    header_name = Text(
        load_default="THƯỜNG TRỰC",
        metadata=label("Tên cơ quan ban hành", "Dòng in đậm dưới dòng trên, ví dụ THƯỜNG TRỰC"),
    )
    symbol = Text(
        load_default="HĐND",
        validate=validate.Regexp(
            vn.SYMBOL_BODY_PATTERN,
            error="Chỉ gồm chữ cái, chữ số, nối bằng “&” hoặc “.” (ví dụ ĐĐBQH&HĐND), "
            "không dấu cách, không “/” hay “-”.",
        ),
        metadata=label(
            "Chữ viết tắt của cơ quan trong ký hiệu",
            "Ví dụ: HĐND (trong KH-HĐND); văn phòng hợp nhất: ĐĐBQH&HĐND",
        ),
    )
    place = Text(
        load_default=None,
        metadata=label("Địa danh ghi ở dòng ngày tháng", "Để trống thì dùng tên đơn vị"),
    )
    body_name = Text(
        load_default=None,
        metadata=label(
            "Tên cơ quan khi văn bản tự nhắc đến mình",
            "Ví dụ: Văn phòng Đoàn ĐBQH và HĐND tỉnh (văn phòng hợp nhất); "
            "để trống thì mẫu dùng “Thường trực HĐND …”",
        ),
    )

    @validates_schema
    def kind_fits_level(self, data: dict[str, Any], **_: Any) -> None:
        """A commune council cannot sit in a province, and so on."""
        level, kind = data.get("level"), data.get("unit_kind")
        if level in UNIT_KINDS and kind and vn.lower(kind) not in UNIT_KINDS[level]:
            allowed = ", ".join(UNIT_KINDS[level])
            raise ValidationError(
                f"Cấp {LEVELS[level]} chỉ gồm: {allowed}.", field_name="unit_kind"
            )


AUTHORITY_CHOICES = ["", *vn.AUTHORITIES]


class SignerSchema(Base):
    """Who signs, and on whose authority: every stack of Decree 30 (Article 13, Appendix I part
    II): TM., KT., Q., TL., TUQ. and their combinations (TM. + KT., TM. + Q., TL. + KT.)."""

    collective = Text(
        load_default=None,
        metadata=label("Thay mặt tập thể (TM.)", "Ví dụ: Thường trực HĐND; để trống nếu không có"),
    )
    authority = fields.String(
        load_default="",
        validate=validate.OneOf(AUTHORITY_CHOICES),
        metadata=label(
            "Thẩm quyền ký",
            "KT. (ký thay), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa ủy quyền) hoặc để trống",
        ),
    )
    head_title = Text(
        load_default=None,
        metadata=label("Chức vụ người đứng đầu", "Dùng với KT., TL., TUQ.: ví dụ Chủ tịch"),
    )
    unit_head_title = Text(
        load_default=None,
        metadata=label(
            "Chức vụ người được giao ký thừa lệnh",
            "Chỉ khi cấp phó ký thay người được giao ký thừa lệnh (TL. Chủ tịch / KT. Chánh Văn "
            "phòng / Phó Chánh Văn phòng): ví dụ Chánh Văn phòng; để trống nếu không có",
        ),
    )
    title = Text(required=True, metadata=label("Chức vụ người ký", "Ví dụ: Phó Chủ tịch"))
    name = Text(required=True, metadata=label("Họ và tên người ký"))

    @validates_schema
    def consistent(self, data: dict[str, Any], **_: Any) -> None:
        """The authority lines must make a stack Decree 30 allows."""
        if not data.get("title"):
            return  # the title's own error says it
        try:
            vn.signer_lines(
                data["title"],
                collective=data.get("collective"),
                authority=data.get("authority") or None,
                head_title=data.get("head_title"),
                unit_head_title=data.get("unit_head_title"),
            )
        except vn.SignerError as exc:
            raise ValidationError(signer_message(exc), field_name=exc.field) from exc


STACKS_VI = "; ".join(" / ".join(stack) or "không ghi thẩm quyền" for stack in SIGNER_STACKS)
SIGNER_MESSAGES = {
    "unknown": "Thẩm quyền ký chỉ là TM., KT., Q., TL. hoặc TUQ. (Nghị định 30/2020, Phụ lục I).",
    "tm_collective": "Ký TM. cần tên tập thể, ví dụ Thường trực HĐND.",
    "needs_head": "KT., TL., TUQ. cần chức vụ người đứng đầu, ví dụ Chủ tịch.",
    "head_unused": (
        "Chỉ ghi chức vụ người đứng đầu khi ký KT., TL. hoặc TUQ.; ký Q. thì ghi chức vụ ở ô "
        "Chức vụ người ký (Q. Chủ tịch)."
    ),
    "tuq_again": (
        "Người ký thừa ủy quyền (TUQ.) không được ủy quyền lại cho người khác ký "
        "(Nghị định 30/2020, Điều 13 khoản 3)."
    ),
    "unit_head_unused": (
        "Chỉ ghi khi ký TL. mà cấp phó ký thay người được giao ký thừa lệnh "
        "(Nghị định 30/2020, Điều 13 khoản 4)."
    ),
    "stack": (
        "Ký TL. hoặc TUQ. là người đứng đầu đơn vị ký theo lệnh, theo ủy quyền của người đứng "
        "đầu, không thay mặt tập thể (TM.). Các cách ký Nghị định 30/2020 (Điều 13) cho phép: "
        + STACKS_VI
    ),
    "tm_person": "TM. đứng trước tên tập thể (ví dụ Thường trực HĐND), không phải chức vụ một người.",
    "head_deputy": "Ghi chức vụ cấp trưởng (ví dụ Chủ tịch, Chánh Văn phòng), không phải cấp phó.",
    "not_deputy": (
        "Người ký thay (KT.) là cấp phó: chức vụ người ký phải là “Phó …” của chức vụ ký thay "
        "(Nghị định 30/2020, Điều 13)."
    ),
    "deputy_without_kt": (
        "Cấp phó ký thay cấp trưởng phải ghi KT. (Nghị định 30/2020, Điều 13 khoản 1): chọn KT. "
        "và ghi chức vụ người đứng đầu."
    ),
    "prefix": "Không ghi TM./KT./Q./TL./TUQ. trong chức vụ: chọn ở ô Thẩm quyền ký.",
    "empty": "Không được để trống.",
}


def signer_message(error: vn.SignerError) -> str:
    """Vietnamese wording for a signer block vn.signer_lines refuses."""
    return SIGNER_MESSAGES.get(error.code, "Thẩm quyền ký không hợp lệ.")


LEGAL_BASIS_ERROR = "Không ghi dấu câu ở cuối căn cứ; mẫu tự thêm dấu “;”."


def legal_bases_field(*, required: bool = False) -> fields.List:
    """Căn cứ ban hành: one line per basis, as the office writes it ("Căn cứ Luật …",
    "Thực hiện Kế hoạch số …"); the template punctuates. Any type may carry them."""
    line = Text(validate=validate.Regexp(r"^(?!.*[;.]$)", error=LEGAL_BASIS_ERROR))
    meta = label(
        "Căn cứ ban hành",
        "Mỗi dòng một căn cứ, bắt đầu bằng “Căn cứ” hoặc “Thực hiện”"
        + ("" if required else "; để trống nếu văn bản không nêu căn cứ"),
    )
    if required:
        return fields.List(
            line,
            required=True,
            validate=validate.Length(min=1, error="Cần ít nhất một căn cứ."),
            metadata=meta,
        )
    return fields.List(line, load_default=list, metadata=meta)


def notes_field(where: str) -> fields.List:
    """Ghi chú: lines printed under a list or table (`where` says which), each as written."""
    return fields.List(
        Text(),
        load_default=list,
        metadata=label("Ghi chú", f"{where}, mỗi dòng một ghi chú (không bắt buộc)"),
    )


def list_line(error: str) -> Text:
    """One line of a list the template punctuates: no leading dash, no final ; or ."""
    return Text(validate=validate.Regexp(r"^(?!-)(?!.*[;.]$)", error=error))


class RecipientLine(validate.Regexp):
    """A recipient line (published as one pattern); the archive line gets its own message."""

    ARCHIVE = re.compile(r"^\s*-?\s*lưu\s*:", re.IGNORECASE)
    ARCHIVE_ERROR = (
        "Không ghi “Lưu: …” ở đây: ghi nơi lưu vào ô “Lưu”, mẫu tự in dòng “- Lưu: …” ở cuối."
    )

    def __init__(self) -> None:
        super().__init__(
            r"^(?!-)(?!.*[;.]$)(?!\s*[Ll][Ưư][Uu]\s*:)",
            error="Ghi nơi nhận không có gạch đầu dòng và dấu câu cuối; mẫu tự thêm.",
        )

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str) and self.ARCHIVE.match(value):
            raise ValidationError(self.ARCHIVE_ERROR)
        return super().__call__(value)


def recipient_line() -> Text:
    """One recipient: a list line that is not the archive line (the template prints that)."""
    return Text(validate=RecipientLine())


class RecipientsMixin(Base):
    """Nơi nhận: the items, then the archive line ``- Lưu: VT, …``."""

    recipients = fields.List(
        recipient_line(),
        required=True,
        validate=validate.Length(min=1, error="Cần ít nhất một nơi nhận."),
        metadata=label("Nơi nhận", "Mỗi dòng một nơi nhận, ví dụ: TT HĐND, TT UBND huyện"),
    )
    archive = Text(
        load_default="VT",
        metadata=label("Lưu", "Nơi lưu, ví dụ: VT hoặc VT, TH"),
    )


class DocumentSchema(RecipientsMixin):
    """What every typed document carries: issuer, number, date, signer, recipients."""

    issuer = fields.Nested(IssuerSchema, required=True, metadata=label("Cơ quan ban hành"))
    number = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=99999),
        metadata=label("Số văn bản", "Để trống khi là dự thảo: số được cấp sau khi ký"),
    )
    date = fields.Date(required=True, metadata=label("Ngày ban hành", format="date"))
    signer = fields.Nested(SignerSchema, required=True, metadata=label("Người ký"))
    legal_bases = legal_bases_field()

    @validates_schema
    def no_district_after_reform(self, data: dict[str, Any], **_: Any) -> None:
        """A document dated from 01/07/2025 names no district level (archives before it may)."""
        if errors := round_dates.document_district_errors(data):
            raise ValidationError(errors)

"""Build every Word template in templates_vn/ from code (deterministic output).

Run: .venv/bin/python tools/build_templates.py [--output-dir DIR]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from docx_layout import (
    BASIS,
    BODY,
    HEADING,
    ITEM,
    SUBHEADING,
    Control,
    Kind,
    add_body,
    add_end_paragraph,
    add_header_table,
    add_title,
    add_two_column_block,
    new_document,
    recipients_items,
    save_deterministic,
    signer_items,
    text_width_cm,
)
from round_templates import build_letter, build_minutes, build_report, build_schedule

ROOT = Path(__file__).resolve().parent.parent
# The short lines are sized from typical texts: a third to a half of their printed length.
NAME_SAMPLE = "THƯỜNG TRỰC"
SUMMARY_SAMPLE = "Tiếp xúc cử tri của đại biểu HĐND tỉnh năm 2026"

# Inline variants for councils whose sub-units have (sub_councils) or lack their own HĐND/UBND.
WITH_SUB_BODIES = (
    "{% if sub_councils %}Thường trực HĐND, UBND, Ban Thường trực Ủy ban MTTQ các {{ sub_units }}"
    "{% else %}Ban Thường trực Ủy ban MTTQ {{ unit }} và Trưởng các {{ sub_units }}{% endif %}"
)
WITH_SUB_BODIES_SHORT = (
    "{% if sub_councils %}Thường trực HĐND, UBND, Ủy ban MTTQ các {{ sub_units }}"
    "{% else %}Ban Thường trực Ủy ban MTTQ {{ unit }} và Trưởng các {{ sub_units }}{% endif %}"
)

PLAN_BODY: list[tuple[Kind, str] | Control] = [
    Control("{%p for basis in legal_bases %}"),
    (BASIS, "{{ basis }};"),
    Control("{%p endfor %}"),
    (
        BODY,
        "Thường trực {{ council }} xây dựng kế hoạch tiếp xúc cử tri của đại biểu {{ council }} "
        "năm {{ year }} như sau:",
    ),
    (HEADING, "I. MỤC ĐÍCH, YÊU CẦU"),
    (HEADING, "1. Mục đích"),
    (
        ITEM,
        "- Tổ chức hoạt động tiếp xúc cử tri của đại biểu {{ council }} thực hiện theo đúng quy "
        "định của pháp luật; nâng cao chất lượng, hiệu quả hoạt động, phát huy vai trò, trách "
        "nhiệm của đại biểu {{ council }} trong công tác tiếp xúc cử tri; tăng cường mối liên hệ "
        "gắn bó giữa cử tri với đại biểu {{ council }}.",
    ),
    (
        ITEM,
        "- Xác định rõ vai trò, trách nhiệm của đại biểu {{ council }}, Thường trực {{ council }}, "
        "Ban Thường trực Ủy ban MTTQ {{ unit }} và các cơ quan, tổ chức có liên quan trong việc "
        "tiếp xúc cử tri.",
    ),
    (HEADING, "2. Yêu cầu"),
    (
        ITEM,
        "- Việc tiếp xúc cử tri của đại biểu {{ council }} thực hiện theo nguyên tắc dân chủ, "
        "công khai, thiết thực và hiệu quả.",
    ),
    (
        ITEM,
        "- Chương trình, nội dung, thời gian và địa điểm tiếp xúc cử tri phải được thông báo rộng "
        "rãi trên các phương tiện thông tin đại chúng ở địa phương để cử tri, nhân dân được biết "
        "và tham dự.",
    ),
    (
        ITEM,
        "- Các ý kiến, kiến nghị của cử tri phải được tổng hợp, theo dõi và xử lý theo quy định.",
    ),
    (HEADING, "II. PHƯƠNG PHÁP TỔ CHỨC TIẾP XÚC CỬ TRI"),
    (HEADING, "1. Xây dựng kế hoạch tiếp xúc cử tri"),
    (
        BODY,
        "Căn cứ dự kiến chương trình, nội dung, thời gian tổ chức kỳ họp theo thông báo của "
        "Thường trực {{ council }}, Tổ trưởng các Tổ đại biểu {{ council }} chủ trì, phối hợp với "
        f"{WITH_SUB_BODIES} xây dựng lịch tiếp xúc cử tri trước và sau kỳ họp {{{{ council }}}}.",
    ),
    (
        BODY,
        "Trong quá trình xây dựng kế hoạch, nếu cùng thời gian, địa điểm tiếp xúc cử tri của "
        "{{ upper_groups }} các Tổ đại biểu {{ council }} báo cáo Thường trực {{ council }}, Ủy "
        "ban MTTQ {{ unit }} trao đổi với {{ upper_contacts }} để lồng ghép, phối hợp tổ chức "
        "cùng để đạt kết quả cao.",
    ),
    (BODY, "Các nội dung tiếp xúc cử tri gồm:"),
    (HEADING, "1.1. Địa điểm, hình thức tổ chức tiếp xúc cử tri"),
    (
        BODY,
        "Căn cứ tình hình thực tế ở từng địa phương mà đại biểu {{ council }} chọn địa điểm tiếp "
        "xúc trước kỳ họp cho phù hợp, nhưng đảm bảo trong năm các đại biểu được tiếp xúc cử tri "
        "tại 100% các {{ sub_units }} nơi bầu đại biểu.",
    ),
    (HEADING, "1.2. Thời gian tổ chức tiếp xúc cử tri"),
    (
        ITEM,
        "- Chậm nhất là {{ schedule_days }} trước ngày khai mạc kỳ họp, Tổ đại biểu {{ council }} "
        "phải xây dựng kế hoạch, bố trí thời gian, phân công đại biểu trong tổ đi tiếp xúc cử "
        "tri.",
    ),
    (
        ITEM,
        "- Sau kỳ họp HĐND, đại biểu {{ council }} {% if sub_councils %}tham dự kỳ họp HĐND các "
        "{{ sub_units }}, thông báo kết quả kỳ họp {{ council }}{% else %}thông báo kết quả kỳ "
        "họp {{ council }} đến cử tri các {{ sub_units }}{% endif %}.",
    ),
    (
        ITEM,
        "- Ngoài việc tiếp xúc cử tri định kỳ theo quy định, giữa 2 kỳ họp, đại biểu "
        "{{ council }} bố trí thời gian chủ động tiếp xúc cử tri, lắng nghe tâm tư, nguyện vọng "
        "của cử tri và nhân dân nơi cư trú, nơi đại biểu làm việc hoặc tổ chức tiếp xúc cử tri "
        "theo chuyên đề; tổ chức lồng ghép các buổi tiếp công dân kết hợp khảo sát, gặp gỡ cử "
        "tri để lắng nghe ý kiến, tâm tư của cử tri.",
    ),
    (
        BODY,
        "Kết quả tiếp xúc của đại biểu {{ council }} được tổng hợp, báo cáo Thường trực "
        "{{ council }} và gửi đến các cơ quan, đơn vị, cá nhân có liên quan xem xét, giải quyết "
        "theo quy định của pháp luật.",
    ),
    (HEADING, "1.3. Nội dung tiếp xúc cử tri"),
    (SUBHEADING, "a. Nội dung tiếp xúc cử tri trước kỳ họp"),
    (ITEM, "- Thông báo dự kiến, nội dung chương trình kỳ họp;"),
    (ITEM, "- Báo cáo kết quả giải quyết ý kiến, kiến nghị của cử tri;"),
    (
        ITEM,
        "- Báo cáo kết quả thực hiện các nghị quyết của {{ council }} về nhiệm vụ phát triển kinh "
        "tế - xã hội, đảm bảo an ninh quốc phòng, an ninh ở địa phương;",
    ),
    (
        ITEM,
        "- Báo cáo kết quả hoạt động trong năm (kỳ họp cuối năm) của đại biểu {{ council }}.",
    ),
    (
        ITEM,
        "- Tổng hợp các ý kiến của cử tri về những vấn đề thuộc chương trình, nội dung kỳ họp; ý "
        "kiến, kiến nghị của cử tri với {{ council }} và các cơ quan nhà nước ở địa phương.",
    ),
    (SUBHEADING, "b. Nội dung tiếp xúc cử tri sau kỳ họp"),
    (ITEM, "- Báo cáo kết quả kỳ họp HĐND;"),
    (
        ITEM,
        "- Phổ biến và giải thích các nội dung cơ bản của các Nghị quyết được {{ council }} thông "
        "qua tại kỳ họp.",
    ),
    (HEADING, "1.4. Phân công đại biểu đi tiếp xúc cử tri"),
    (
        BODY,
        f"Tổ trưởng các Tổ đại biểu {{{{ council }}}} phối hợp với {WITH_SUB_BODIES_SHORT} bố "
        "trí địa điểm, phân công các đại biểu {{ council }} trong Tổ tiếp xúc cử tri; mời đại "
        "diện Thường trực HĐND, UBND, Ban Thường trực Ủy ban MTTQ và các ngành liên quan tham "
        "gia tiếp xúc cử tri, qua đó kịp thời tiếp thu và trả lời những ý kiến, kiến nghị của "
        "cử tri thuộc thẩm quyền và trách nhiệm của địa phương, đơn vị theo quy định của pháp "
        "luật.",
    ),
    (HEADING, "2. Thông tin tuyên truyền về tiếp xúc cử tri"),
    (
        BODY,
        "Kế hoạch tiếp xúc cử tri của Tổ đại biểu {{ council }} phải được thông báo rộng rãi "
        "trên các phương tiện thông tin đại chúng và gửi đến Thường trực {{ council }}, Ban "
        "Thường trực Ủy ban MTTQ {{ unit }} và các cơ quan, tổ chức, đơn vị nơi tiếp xúc cử tri "
        "để giám sát, theo dõi và tổ chức thực hiện.",
    ),
    (HEADING, "3. Tổng hợp, báo cáo kết quả tiếp xúc cử tri"),
    (
        BODY,
        "Trong thời hạn {{ report_days }} kể từ ngày kết thúc đợt tiếp xúc cử tri, Tổ trưởng các "
        "Tổ đại biểu {{ council }} chủ trì, phối hợp với Ban Thường trực Ủy ban MTTQ nơi tiếp "
        "xúc cử tri xây dựng báo cáo tổng hợp ý kiến, kiến nghị của cử tri gửi về Thường trực "
        "{{ council }}. Báo cáo chỉ tổng hợp nội dung thuộc thẩm quyền giải quyết của UBND "
        "{{ unit }} và các cơ quan ngoài {{ unit }}.",
    ),
    # Petitions for the sub-units' own councils: only where the sub-units have councils.
    Control("{%p if sub_councils %}"),
    (
        BODY,
        "Các ý kiến, kiến nghị, phản ánh không thuộc trách nhiệm xem xét, giải quyết của UBND "
        "{{ unit }} và các cơ quan ngoài, Tổ trưởng các Tổ đại biểu HĐND phối hợp với Ủy ban "
        "MTTQ {{ sub_units }} nơi tiếp xúc cử tri gửi ý kiến về Thường trực HĐND, UBND "
        "{{ sub_units }} xem xét giải quyết theo quy định.",
    ),
    Control("{%p endif %}"),
    (HEADING, "4. Sau tiếp xúc cử tri"),
    (
        BODY,
        "Đại biểu {{ council }} có trách nhiệm theo dõi, đôn đốc, giám sát việc xem xét, giải "
        "quyết những ý kiến, kiến nghị của cử tri đã chuyển đến cơ quan, tổ chức, cá nhân có "
        "thẩm quyền. Nếu việc trả lời các ý kiến, kiến nghị của cử tri chưa được cơ quan thực "
        "hiện, đại biểu {{ council }} đề nghị Thường trực {{ council }} mời lãnh đạo các đơn "
        "vị{% if sub_councils %}, các {{ sub_units }}{% endif %} giải trình và chất vấn tại "
        "phiên họp Thường trực HĐND thường kỳ hoặc tại kỳ họp {{ council }}.",
    ),
    (HEADING, "III. TỔ CHỨC THỰC HIỆN"),
    (
        BODY,
        f"1. Tổ trưởng các Tổ đại biểu {{{{ council }}}} xây dựng kế hoạch, phối hợp với "
        f"{WITH_SUB_BODIES_SHORT} tổ chức cho các đại biểu {{{{ council }}}} tiếp xúc cử tri "
        "trước kỳ họp.",
    ),
    (
        BODY,
        "Việc tổ chức tiếp xúc cử tri sau kỳ họp có thể lồng ghép kết hợp {% if sub_councils %}"
        "tham dự các kỳ họp của HĐND các {{ sub_units }}{% else %}với các hội nghị, cuộc họp ở "
        "các {{ sub_units }}{% endif %} nơi đại biểu ứng cử. Tổ trưởng các Tổ đại biểu "
        "{{ council }} có trách nhiệm đôn đốc, báo cáo Thường trực {{ council }} về tình hình "
        "tiếp xúc cử tri của các đại biểu {{ council }} trong Tổ.",
    ),
    (
        BODY,
        "2. Đại biểu {{ council }} chủ động, tích cực nghiên cứu các chính sách pháp luật, tình "
        "hình phát triển kinh tế - xã hội của {{ unit }}; chuẩn bị tốt nội dung tiếp xúc cử tri "
        "để trả lời, giải trình, giải thích các vấn đề bức xúc, các ý kiến, kiến nghị của cử tri "
        "bảo đảm việc tiếp xúc cử tri đạt hiệu quả, chất lượng, đáp ứng yêu cầu nguyện vọng của "
        "cử tri.",
    ),
    (
        BODY,
        "3. Đề nghị UBND {{ unit }} chỉ đạo các ngành chức năng phối hợp với {{ office }} chuẩn "
        "bị các báo cáo, tài liệu có liên quan phục vụ kịp thời cho đại biểu {{ council }} đi "
        "tiếp xúc cử tri theo quy định.",
    ),
    (
        BODY,
        "4. Đề nghị Ban Thường trực Ủy ban MTTQ {{ unit }} chỉ đạo {% if sub_councils %}Ban "
        "Thường trực Ủy ban MTTQ {{ sub_units }} phối hợp với Tổ đại biểu {{ council }} và "
        "Thường trực HĐND, UBND xã{% else %}Ban Công tác Mặt trận các {{ sub_units }} phối hợp "
        "với Tổ đại biểu {{ council }}{% endif %} tổ chức hội nghị tiếp xúc cử tri tại các địa "
        "phương.",
    ),
    (
        BODY,
        "5. {{ office }} có trách nhiệm chuẩn bị các điều kiện cần thiết phục vụ hoạt động tiếp "
        "xúc cử tri của đại biểu {{ council }}; đồng thời có trách nhiệm theo dõi, đôn đốc việc "
        "tiếp xúc cử tri của các Tổ đại biểu {{ council }}; tham mưu giúp Thường trực "
        "{{ council }} tổng hợp các ý kiến, kiến nghị của cử tri sau mỗi đợt tiếp xúc cử tri để "
        "báo cáo {{ council }} và chuyển đến các cơ quan giải quyết theo thẩm quyền./.",
    ),
]


def build_plan(path: Path) -> None:
    """The voter-contact plan (ke_hoach_tiep_xuc)."""
    doc = new_document("Kế hoạch tiếp xúc cử tri")
    add_header_table(
        doc,
        top="{{ header.top }}",
        name="{{ header.name }}",
        number="{{ number_line }}",
        date="{{ date_line }}",
        name_rule_cm=0.45 * text_width_cm(NAME_SAMPLE, 13, bold=True),
    )
    add_title(
        doc,
        "KẾ HOẠCH",
        "Tiếp xúc cử tri của đại biểu {{ council }} năm {{ year }}",
        rule_cm=0.4 * text_width_cm(SUMMARY_SAMPLE, 14, bold=True),
    )
    add_body(doc, PLAN_BODY)
    add_two_column_block(doc, (6.5, 9.0), [(recipients_items(), signer_items())], top_pt=6)
    add_end_paragraph(doc)
    save_deterministic(doc, path)


TEMPLATES: dict[str, Callable[[Path], None]] = {
    "ke_hoach_tiep_xuc": build_plan,
    "thong_bao_lich_tiep_xuc": build_schedule,
    "bien_ban_tiep_xuc": build_minutes,
    "bao_cao_tong_hop": build_report,
    "cong_van_chuyen": build_letter,
}


def main(argv: list[str] | None = None) -> None:
    """Build every template into the output directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "templates_vn")
    args = parser.parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for type_id, build in TEMPLATES.items():
        target = args.output_dir / f"{type_id}.docx"
        build(target)
        print(target)


if __name__ == "__main__":
    main()

"""The registry: document type id → its module's DocumentType (schema, context, file name, round).

Each type lives whole in docgen/doctypes/<type_id>.py; adding a type means adding its module here.
"""

from __future__ import annotations

from docgen.doctypes import (
    bao_cao_tong_hop,
    bien_ban_tiep_xuc,
    cong_van_chuyen,
    ke_hoach_tiep_xuc,
    thong_bao_lich_tiep_xuc,
)
from docgen.doctypes.base import DocumentType
from docgen.errors import NotFound

# In this order: the web's list, a batch's merged PDF, and a round's documents (filing order).
MODULES = (
    ke_hoach_tiep_xuc,
    thong_bao_lich_tiep_xuc,
    bien_ban_tiep_xuc,
    bao_cao_tong_hop,
    cong_van_chuyen,
)

REGISTRY: dict[str, DocumentType] = {module.DOCTYPE.id: module.DOCTYPE for module in MODULES}


def get(type_id: str) -> DocumentType:
    """The document type with this id, or NotFound naming the known ones."""
    try:
        return REGISTRY[type_id]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise NotFound(f"Không có loại văn bản “{type_id}”. Các loại có: {known}.") from None


def round_types() -> list[DocumentType]:
    """The types a round of voter contact produces, in the order a clerk files them."""
    return [doc for doc in REGISTRY.values() if doc.round_drafts is not None]


__all__ = ["MODULES", "REGISTRY", "DocumentType", "get", "round_types"]

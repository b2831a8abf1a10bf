"""One module per document type: its schema, its render context, its file name, its part in a round.

Shared parts: `base` (the DocumentType record, a round's drafts), `items` (petition items as the
report and the letter carry them), `docgen/context.py` (header, signer, recipients, council and
session names), `docgen/schemas/` (the schemas' shared parts), `docgen/vocab.py` (the domain's words).
"""

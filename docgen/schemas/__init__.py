"""marshmallow schemas: the shared parts and one schema per document type."""

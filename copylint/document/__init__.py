"""The document model (``model``) and what reads prose inside it: sentence
splitting (``sentences``), quotation marks (``quotes``), datelines (``datelines``).

``from copylint.document import Document`` is the public spelling; modules of
this package import from ``.model`` directly.
"""

from .model import OPAQUE, SCOPES, WORD, Comment, Document, Sentence, Span, Token

__all__ = ["OPAQUE", "SCOPES", "WORD", "Comment", "Document", "Sentence", "Span", "Token"]

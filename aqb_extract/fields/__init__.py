"""Stage 4: field parsers. Each takes the repaired :class:`~aqb_extract.models.SplitDocument` and
returns an :class:`~aqb_extract.models.Extracted` value with its confidence, raw text and warnings."""

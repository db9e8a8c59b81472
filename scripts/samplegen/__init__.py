"""Sample corpus generator for aqb-extract (see ``scripts/generate_samples.py``).

Kept outside the package on purpose: it is a development tool (reportlab, numpy, poppler) whose
ground truth must not be derived from the code it is meant to check. Its facts are typed in again
from ``shared/facts.md`` (:mod:`samplegen.facts`), and a test compares them with ``corrections/``.
"""

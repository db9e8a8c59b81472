"""HTML templates for the review report (package data)."""

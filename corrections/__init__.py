"""Data for repair and matching, shipped inside the wheel as ``aqb_extract.corrections``.

This folder holds data only; the module exists so ``importlib.resources`` can find it.
"""

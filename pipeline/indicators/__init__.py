"""Numeric indicator extraction (see annotations.md for the field conventions)."""
from .extractor import IndicatorExtractor
from .model import Indicator

__all__ = ["Indicator", "IndicatorExtractor"]

"""Analysts' review of extracted indicators: decision store, web app, exports."""

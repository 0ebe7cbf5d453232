"""The HTTP API's infrastructure, shared by every endpoint: problem+json errors, rendering,
pagination and filters, languages, deprecation, schema hooks, stored representations, health
probes and the sync endpoint. It may use ``footcare.content.packs``; the content core never uses it.
"""

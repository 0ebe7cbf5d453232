"""The content core: the change journal, sync positions, content packs (load and export),
safety guards and history. It knows nothing of HTTP: ``footcare.api`` builds on it.
"""

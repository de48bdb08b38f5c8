"""Search the built index: hybrid dense + keyword retrieval, and opening the current index.

Nothing here builds chunks or writes answers; it only finds and ranks what
``knowledge`` stored.
"""

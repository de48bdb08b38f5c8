"""Entry point for `make run`: build the index on first use, then serve.

The Gradio chat arrives with the UI issue; until then this builds (or updates)
the index with a progress bar and says how to ask questions in the terminal.
"""

from __future__ import annotations

import sys

from assistant.cli import main

if __name__ == "__main__":
    code = main(["ingest"])
    if code == 0:
        print(
            'Ready. Ask with: .venv/bin/roadmap-assistant ask "your question" '
            "(or start a conversation: .venv/bin/roadmap-assistant chat)"
        )
    sys.exit(code)

"""Entry point for `make run`: the chat in your browser at http://127.0.0.1:7860.

Same as ``roadmap-assistant serve``: the page is served at once; on first use
the index is built in the background with a progress bar in this terminal.
Options: ``--host``, ``--port``, ``--insecure`` (see ``serve --help``).
"""

from __future__ import annotations

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))

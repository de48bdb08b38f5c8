"""Turn a question into a cited answer: cleaning, follow-ups, prompts, citations, backends.

``assistant.py`` holds ``Assistant`` and ``Answer``, the public entry point.
The offline mode arranges retrieved text; ``backends/`` generate text. Nothing
here renders HTML or reads command lines.
"""

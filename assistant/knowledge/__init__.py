"""What the assistant knows: the corpus, the parsed roadmap and graph, chunks, embeddings, store.

Everything here reads, cleans, splits, embeds and stores text; ``fetch/`` brings
linked pages from the web. Nothing here searches the index, writes answers or
knows about learners or the UI (the import contract in ``pyproject.toml``
keeps it so).
"""

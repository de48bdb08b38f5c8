"""The Gradio chat: layout, rendering, saved conversations, the profile panel and its picture.

Only this package (and ``cli``) imports ``gradio``. It calls the answering and
learner layers; it never searches or builds the index itself.
"""

"""The learner: their profile, what their messages say about them, and their next steps.

Profiles are stored in SQLite; the reader turns chat text into updates; the
planner orders the roadmap's steps for one profile. Nothing here answers
questions about the roadmap or renders anything.
"""

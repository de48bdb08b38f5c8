"""Offline evaluation: the question set, the answerers under test, metrics and reports.

It drives the public ``Assistant`` (and two baselines) over ``eval/`` files;
nothing here is used while answering a learner.
"""

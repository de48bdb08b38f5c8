"""What a CV sentence is about: its clauses and list segments, and which of the names found
in it are its subjects.

``subjects`` keeps the names a sentence is about and re-reads a few: not a course's audience
("Mathematics for Machine Learning"), not a step narrowed to one topic ("Mathematics …: Linear
Algebra", "Engineering Mathematics 1 (linear algebra)"), not the model fine-tuned or its task
("fine-tuning BERT for document classification"), not the "Hugging Face course" where NLP is
learned, not another trade's "monitoring" or "drift"; GANs and VAEs in a deep-learning
syllabus are Step 4's, on their own Step 7's (the roadmap lists them in both).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.knowledge.vocabulary import Match

FINE_TUNING = "step-5/fine-tuning-pretrained-models"
FINE_TUNED_MODELS = "step-5/advanced-models-bert-gpt-t5"
VISION = "step-6"
LIBRARIES = "step-1/libraries"
SUPERVISED = "step-3/supervised-learning"
#: Just before "classification": a text task a fine-tuned language model does.
TEXT_TASK = re.compile(
    r"\b(?:document|text|sentence|sequence|token|intent|ticket|email|sentiment|topic)\s+$", re.I
)
MONITORING = "step-9/monitoring-and-retraining"
#: Words of Step 9's monitoring topic that other trades use too: theirs unless models are near.
GENERIC_OPS = re.compile(r"monitor\w*|drifts?|retrain\w*|feedback loops?", re.I)
MODELS = re.compile(
    r"\b(?:model\w*|modell\w*|modelos?|modèles?|ml|mlops|mlflow|machine[- ]learning|features?|"
    r"predictions?|inference|evidently|sagemaker|vertex|kubeflow|airflow|classifiers?|serving)|"
    r"\w+modell",  # "prognosmodell"
    re.I,
)
HUGGING_FACE = re.compile(r"hugging\s*face", re.I)
#: After a name, the course it names ("Hugging Face NLP Course", "Hugging Face's course").
COURSE_AFTER = re.compile(r"(?:'s)?\s+(?:(?:nlp|llm|transformers?)\s+)?course\b", re.I)
#: A numbered part of a course sequence, with what it covered: " 1 (…)", " I and II (…)".
NUMBERED_PART = re.compile(
    r"\s+(?:\d|I{1,3}|IV)(?:\s*(?:,|and|&|\+)\s*(?:\d|I{1,3}|IV))*\s*\([^()]*\)"
)
#: The roadmap lists GANs and VAEs twice: in Step 4's advanced topics and as Step 7 topics.
VAES, DEEP_LEARNING_VAES = "step-7/variational-autoencoders-vaes", "step-4/advanced-topics"
GAN_TOPIC = "step-7/gans-generative-adversarial-networks"
GANS = re.compile(r"\bgans?\b|generative adversarial", re.I)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of a sentence's clauses: cut at ";" outside parentheses."""
    inside, spans, start = in_parentheses(sentence), [], 0
    for i, ch in enumerate(sentence):
        if ch == ";" and not inside[i]:
            spans.append((start, i))
            start = i + 1
    return [*spans, (start, len(sentence))]


def clause_at(sentence: str, at: int) -> int:
    return sum(1 for _, end in clauses(sentence)[:-1] if end <= at)


def in_parentheses(sentence: str) -> list[bool]:
    """For each character of ``sentence``: whether it is inside ( ) or [ ]."""
    out, depth = [], 0
    for ch in sentence:
        depth = depth + 1 if ch in "([" else max(0, depth - 1) if ch in ")]" else depth
        out.append(depth > 0 and ch not in "([")
    return out


def segments(sentence: str) -> list[tuple[int, int]]:
    """Spans of the list segments of a sentence: cut at , ; | · • outside parentheses, and at
    a colon that ends a clause of four words or more."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(sentence):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ",;|·•" or (ch == ":" and len(sentence[start:i].split()) >= 4)):
            spans.append((start, i))  # a colon after a clause, not after a label ("Python:")
            start = i + 1
    spans.append((start, len(sentence)))
    return spans


def subjects(text: str, found: list[Match]) -> list[Match]:
    """The names a sentence is about (see the module's docstring), GANs and VAEs re-read as
    the step their company says."""
    vision = any(n.item.startswith(VISION) for n in found)
    nlp = any(n.item.startswith("step-5") and n.item != FINE_TUNING for n in found)
    text_model = any(n.item.startswith("step-5") for n in found)
    syllabus = {n.item for n in found if n.item.startswith("step-4/")}
    ops = {w.lower()[:5] for w in GENERIC_OPS.findall(text)}  # "drift monitoring": two of them
    models_near = bool(MODELS.search(text)) or len(ops) > 1
    kept = []
    for i, m in enumerate(found):
        before = text[found[i - 1].end : m.start] if i else ""
        after = text[m.end :]
        if i and re.fullmatch(r"\s+(?:for|für|para|pour|per)\s+", before):
            continue  # the audience of a course, not its subject
        narrowed = {
            n.item
            for n in found
            if n.start > m.end
            and n.item.startswith(m.item + "/")
            and re.match(r"[^.;]*?(?::|\b(?:unit|module|course)s?\s+(?:on|in)\b)", after)
            and re.fullmatch(  # "…: Linear Algebra", "…: Multivariate Calculus"
                r"[^.;]*?(?::\s*(?:[\w-]+\s+)?|\bon\s+|\bin\s+)", text[m.end : n.start]
            )
        }
        topics = {n.item for n in found if n.item.startswith(m.item + "/")}
        if "/" not in m.item and len(narrowed) == 1 and len(topics) == 1:
            continue  # the step, narrowed to the one topic that follows
        part = NUMBERED_PART.match(after)  # "Mathematics 1 (…)", "Mathematics 1 and 2 (…)"
        if (
            "/" not in m.item
            and part
            and any(m.end < n.start < m.end + part.end() for n in found if n.item in topics)
        ):
            continue  # one numbered part of the step: the topics its parentheses name
        clause = clause_at(text, m.start)
        tuned = any(n.item == FINE_TUNING and clause_at(text, n.start) == clause for n in found)
        if m.item == FINE_TUNED_MODELS and tuned:
            continue
        if m.item == FINE_TUNING and vision and not nlp:
            continue
        if (
            m.item == LIBRARIES
            and HUGGING_FACE.fullmatch(m.words)
            and (COURSE_AFTER.match(after) or text_model)
        ):
            continue  # "the Hugging Face course on fine-tuning": where NLP is learned
        if m.item == MONITORING and GENERIC_OPS.fullmatch(m.words) and not models_near:
            continue  # "patient monitoring", "focus drift", "left to retrain full time"
        if (
            m.item == SUPERVISED
            and TEXT_TASK.search(text[: m.start])
            and any(n.item == FINE_TUNING for n in found)
        ):
            continue  # "fine-tuning BERT for document classification": the model's task
        if m.item == VAES and syllabus - {DEEP_LEARNING_VAES}:
            m = replace(m, item=DEEP_LEARNING_VAES)  # with CNNs, backpropagation: Step 4's
        elif m.item == DEEP_LEARNING_VAES and GANS.search(m.words) and syllabus == {m.item}:
            m = replace(m, item=GAN_TOPIC)  # GANs on their own: Step 7's
        kept.append(m)
    return kept

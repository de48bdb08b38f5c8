"""Read what a learner says about themselves: what they know, what they are learning, their goal.

``read_learner(text)`` finds statements such as "I know Python and pandas and
want to get into computer vision", "I finished step 4", "I'm done with deep
learning" or "I have 5 hours a week", using the roadmap's vocabulary plus
common synonyms (sklearn → Scikit-learn, stats → Probability and Statistics),
and returns a ``LearnerUpdate``; ``apply_update`` merges it into a
``Profile``. ``wants_plan`` says whether a message asks for next steps. Nothing
here plans or stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.learner.profile import Profile
from assistant.records import step_id

#: Phrases that name a whole step (a learner who knows them has done the step).
STEP_TERMS: dict[str, tuple[str, ...]] = {
    "step-1": ("programming fundamentals", "programming"),
    "step-2": ("mathematics for ai", "mathematics", "maths", "math"),
    "step-3": ("machine learning basics", "machine learning", "ml"),
    "step-4": ("deep learning", "dl"),
    "step-5": ("natural language processing", "nlp"),
    "step-6": ("computer vision", "cv"),
    "step-7": ("generative ai", "genai", "gen ai"),
    "step-8": ("reinforcement learning", "rl"),
    "step-9": ("mlops", "ai deployment", "model deployment"),
}
#: Phrases that name one topic of a step.
TOPIC_TERMS: dict[str, tuple[str, ...]] = {
    "step-1/python-basics": ("python",),
    "step-1/libraries": (
        "numpy",
        "pandas",
        "polars",
        "matplotlib",
        "seaborn",
        "scikit-learn",
        "sklearn",
        "scikit learn",
        "hugging face",
        "huggingface",
    ),
    "step-1/additional-languages-optional": ("java", "c++"),
    "step-2/linear-algebra": ("linear algebra", "matrices", "vectors"),
    "step-2/calculus": ("calculus", "derivatives", "differentiation"),
    "step-2/probability-and-statistics": ("probability", "statistics", "stats"),
    "step-2/optimization": ("optimization", "optimisation", "gradient descent"),
    "step-3/supervised-learning": (
        "supervised learning",
        "regression",
        "decision trees",
        "random forest",
        "xgboost",
    ),
    "step-3/unsupervised-learning": ("unsupervised learning", "clustering", "k-means", "pca"),
    "step-3/model-optimization": ("cross-validation", "cross validation"),
    "step-4/basics": ("neural networks", "backpropagation"),
    "step-4/architectures": ("cnns", "cnn", "rnns", "rnn", "transformers"),
    "step-4/frameworks": ("pytorch", "tensorflow", "keras"),
    "step-9/deployment": ("fastapi", "flask", "docker"),
    "step-9/tools-and-frameworks": ("mlflow", "dvc", "kubeflow"),
}
#: Words that point at a goal track.
GOAL_TERMS: dict[str, tuple[str, ...]] = {
    "nlp": ("nlp", "natural language", "text", "chatbot", "chatbots", "language model", "llm"),
    "computer-vision": ("computer vision", "vision", "images", "image", "cv", "video"),
    "generative-ai": ("generative", "genai", "gen ai", "diffusion", "image generation"),
    "reinforcement-learning": ("reinforcement", "rl", "game ai", "agents for games"),
    "mlops": ("mlops", "deploy", "deployment", "production", "serving", "deploying"),
    "general": ("ai engineer", "everything", "general"),
}
#: How matched words are shown back to the learner ("you know Python, NumPy").
DISPLAY_NAMES = {
    "python": "Python",
    "numpy": "NumPy",
    "polars": "Polars",
    "matplotlib": "Matplotlib",
    "seaborn": "Seaborn",
    "scikit-learn": "Scikit-learn",
    "sklearn": "Scikit-learn",
    "scikit learn": "Scikit-learn",
    "hugging face": "Hugging Face",
    "huggingface": "Hugging Face",
    "java": "Java",
    "c++": "C++",
    "stats": "statistics",
    "xgboost": "XGBoost",
    "pca": "PCA",
    "cnn": "CNNs",
    "cnns": "CNNs",
    "rnn": "RNNs",
    "rnns": "RNNs",
    "pytorch": "PyTorch",
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "fastapi": "FastAPI",
    "flask": "Flask",
    "docker": "Docker",
    "mlflow": "MLflow",
    "dvc": "DVC",
    "kubeflow": "Kubeflow",
    "mathematics for ai": "mathematics for AI",
    "ml": "ML",
    "dl": "deep learning",
    "nlp": "NLP",
    "cv": "computer vision",
    "generative ai": "generative AI",
    "genai": "generative AI",
    "gen ai": "generative AI",
    "rl": "reinforcement learning",
    "mlops": "MLOps",
    "ai deployment": "AI deployment",
}
BACKGROUND_TERMS = {
    "software engineer": ("software engineer", "developer", "programmer", "swe"),
    "data scientist": ("data scientist", "data analyst"),
    "robotics enthusiast": ("robotics",),
}
_KNOW = re.compile(
    r"\b(i\s+(already\s+)?know|i\s+knew|familiar with|comfortable with|experience (with|in)|"
    r"i('ve| have)\s+(learned|learnt|done|finished|completed|covered|mastered|studied)|"
    r"i\s+(learned|learnt|finished|completed|covered|mastered|studied)|"
    r"(i'm|i am)\s+(done|finished) with|good at|i can (use|code|write))\b",
    re.I,
)
_LEARNING = re.compile(
    r"\b(i'm|i am)\s+(currently\s+)?(learning|studying|working (on|through))\b", re.I
)
_GOAL = re.compile(
    r"\b(i\s+(really\s+|also\s+)?(want|wanna|would like|'d like|plan|hope|aim|need)(\s+to)?|"
    r"(and|but|now)\s+(i\s+)?(want|wanna|would like|'d like|plan|hope|wish)(\s+to)?|"
    r"i'd (like|love) to|"
    r"(i'm|i am)\s+(interested in|keen on|aiming (for|at))|my (goal|aim|target) is|"
    r"my goal|goal:)",
    re.I,
)
#: Where a statement about what the learner knows ends.
_CLAUSE_END = re.compile(
    r"[.!?;]|,\s*(what|which|how|where|when|should|could|can|do|does|is|are)\b|\bbut\b", re.I
)
_SELF = re.compile(r"\b(i'm|i am|i work as|working as|as)\s+an?\s+", re.I)
_BEGINNER = re.compile(
    r"\b(complete|total|absolute)?\s*beginner\b|\bnew to (ai|programming|this)\b", re.I
)
_STEPS = re.compile(r"\bsteps?\s*(\d{1,2})(?:\s*(?:-|–|to|through)\s*(\d{1,2}))?", re.I)
_HOURS = re.compile(r"\b(\d{1,2}(?:\.\d)?)\s*(?:h|hrs?|hours?)\s*(?:a|per|each|/)\s*week\b", re.I)
_NEXT = re.compile(
    r"\b(what('s| is)? next|what (should|do|can) i (learn|study|do|tackle) next|next steps?|"
    r"where (should|do|can) i (start|begin)|what now|how should i (continue|proceed)|"
    r"what should i (learn|study) (now|first)|plan for me|my plan)\b",
    re.I,
)


@dataclass(frozen=True)
class LearnerUpdate:
    """What one message says about the learner."""

    levels: dict[str, str] = field(default_factory=dict)
    """Step or topic id → level stated in the message."""
    goal: str | None = None
    """Goal track, when stated."""
    background: str | None = None
    """Background, when stated."""
    hours_per_week: float | None = None
    """Study hours per week, when stated."""
    beginner: bool = False
    """The learner says they are starting from zero."""
    known_terms: tuple[str, ...] = ()
    """The words that were recognised as known (shown back to the learner)."""

    @property
    def says_something(self) -> bool:
        """The message states progress, a goal or a starting point (a background alone does not
        count: "the data scientist roadmap" is a question about a page)."""
        return bool(self.levels or self.goal or self.beginner)


def _find(text: str, terms: tuple[str, ...]) -> str | None:
    for term in sorted(terms, key=len, reverse=True):
        if re.search(rf"(?<![\w+]){re.escape(term)}(?![\w+])", text, re.I):
            return term
    return None


def _items_in(text: str) -> tuple[dict[str, str], list[str]]:
    """Step and topic ids named in a clause, with the words that named them."""
    found: dict[str, str] = {}
    words: list[str] = []
    for step, terms in STEP_TERMS.items():
        if term := _find(text, terms):
            found[step] = term
    if re.search(r"\ball (of )?(the )?steps\b|\bthe whole roadmap\b", text, re.I):
        for step in STEP_TERMS:
            found[step] = "all the steps"
    for m in _STEPS.finditer(text):
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        for n in range(min(first, last), max(first, last) + 1):
            if n != 10:
                found[step_id(n)] = m.group(0)
    for topic, terms in TOPIC_TERMS.items():
        for term in terms:
            if _find(text, (term,)):
                found.setdefault(topic, term)
                words.append(term)
    words = list(dict.fromkeys(DISPLAY_NAMES.get(t, t) for t in [*found.values(), *words]))
    return found, words


def read_learner(text: str) -> LearnerUpdate:
    """The profile facts stated in one message."""
    goal_at = _GOAL.search(text)
    before, after = (text[: goal_at.start()], text[goal_at.end() :]) if goal_at else (text, "")
    levels: dict[str, str] = {}
    known_words: list[str] = []
    know = _KNOW.search(before)
    learning = _LEARNING.search(before)
    if know or learning:
        start = min(m.start() for m in (know, learning) if m)
        clause = before[start:]
        end = _CLAUSE_END.search(clause, 1)
        items, words = _items_in(clause[: end.start()] if end else clause)
        level = (
            "done" if know and (not learning or know.start() <= learning.start()) else "learning"
        )
        levels = {item: level for item in items}
        known_words = words if level == "done" else []
    goal = None
    if goal_at:
        for name, terms in GOAL_TERMS.items():
            if _find(after, terms):
                goal = name
                break
    background = None
    if self_intro := _SELF.search(text):  # "I'm a software engineer", not "the developer roadmap"
        after_intro = text[self_intro.end() : self_intro.end() + 40]
        background = next(
            (name for name, terms in BACKGROUND_TERMS.items() if _find(after_intro, terms)), None
        )
    hours = _HOURS.search(text)
    return LearnerUpdate(
        levels=levels,
        goal=goal,
        background=background,
        hours_per_week=float(hours.group(1)) if hours and float(hours.group(1)) > 0 else None,
        beginner=bool(_BEGINNER.search(text)),
        known_terms=tuple(known_words),
    )


def wants_plan(text: str, update: LearnerUpdate) -> bool:
    """Whether a message is about the learner's own next steps (route it to the planner)."""
    return bool(_NEXT.search(text)) or update.says_something


def apply_update(profile: Profile, update: LearnerUpdate) -> Profile:
    """``profile`` with the update's facts merged in (later statements win)."""
    progress = dict(profile.progress)
    progress.update(update.levels)
    return replace(
        profile,
        progress=progress,
        goal=update.goal or profile.goal,
        background=update.background or profile.background,
        hours_per_week=update.hours_per_week or profile.hours_per_week,
    )

"""Reading CV text: sections, hedges, skills tables, non-English titles, evidence, goals."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.knowledge.cv_words import cv_vocabulary, load_cv_words
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.knowledge.graph import RoadmapGraph, load_roadmap_and_graph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.cv_lines import cv_lines
from assistant.learner.cv_reader import CVReader, CVReading
from assistant.learner.cv_sections import section_of
from assistant.learner.reader import LearnerReader
from assistant.settings import PROJECT_ROOT, Settings
from tests.conftest import link_models


@pytest.fixture(scope="module")
def reader(roadmap: Roadmap, graph: RoadmapGraph) -> CVReader:
    words = load_cv_words(PROJECT_ROOT / "corpus", roadmap, graph)
    vocabulary = cv_vocabulary(roadmap, graph, words)
    return CVReader(vocabulary, words, LearnerReader(vocabulary))  # goals by words only


STYLEGAN = "step-6/generative-models-for-vision-stylegan-biggan"
PROBABILITY = "step-2/probability-and-statistics"
PYTHON = "step-1/python-basics"


def levels(reading: CVReading) -> dict[str, str]:
    return {i.id: i.polarity for i in reading.items if not i.inferred}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("## Skills", "skills"),
        ("TECHNICAL SKILLS", "skills"),
        ("Berufserfahrung", "experience"),
        ("Kenntnisse:", "skills"),
        ("Habilidades", "skills"),
        ("Compétences", "skills"),
        ("Expérience professionnelle", "experience"),
        ("Formación", "education"),
        ("Cursos y certificaciones", "courses"),
        ("Centres d'intérêt", "interests"),
        ("Currently learning", "learning"),
        ("**Profile**", "objective"),
        ("Clinical Experience", "experience"),
        ("Programming languages", "languages"),
        ("Python, pandas and NumPy for data cleaning", None),
        ("Skills: Python, PyTorch", None),
        ("Machine Learning", None),
    ],
)
def test_section_titles_in_several_languages(line: str, kind: str | None) -> None:
    marked = line.startswith(("#", "**"))
    assert section_of(line.strip("#* "), marked) == kind


def test_a_skills_table_with_levels_keeps_each_level_with_its_skill(reader: CVReader) -> None:
    text = """# Skills
| Skill | Level |
|---|---|
| Python | Expert (5+ years) |
| pandas, NumPy | Advanced |
| PyTorch | Basic |
| Docker | Beginner (followed the official tutorial) |
| AWS SageMaker | Intermediate |
"""
    reading = reader.read(text)
    assert levels(reading) == {
        "step-1/python-basics": "done",
        "step-1/libraries": "done",
        "step-4/frameworks": "learning",
        "step-9/tools-and-frameworks": "learning",
        "step-9/cloud-platforms": "done",
    }
    step1 = next(i for i in reading.items if i.id == "step-1")  # Python at a working level
    assert step1.inferred and step1.evidence == "Python | Expert (5+ years)"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Basic knowledge of Docker and MLflow", {"step-9/tools-and-frameworks": "learning"}),
        ("Exposure to PyTorch and Keras", {"step-4/frameworks": "learning"}),
        (
            "Familiar with the basics of pandas, NumPy and Matplotlib",
            {"step-1/libraries": "learning"},
        ),
        ("Currently learning OpenCV", {"step-6/basics-of-image-processing-opencv": "learning"}),
        ("Beginner in TensorFlow", {"step-4/frameworks": "learning"}),
        (
            "Took an intro course on clustering but haven't used it since",
            {"step-3/unsupervised-learning": "learning"},
        ),
        (
            "Python (10 years, daily), PyTorch (basic)",
            {"step-1/python-basics": "done", "step-4/frameworks": "learning"},
        ),
        (
            "PyTorch — basic, NumPy — advanced",
            {"step-4/frameworks": "learning", "step-1/libraries": "done"},
        ),
        (
            "Machine Learning (Coursera), 2020 — completed, but I have not used it at work since",
            {"step-3": "learning"},
        ),
        ("Kubernetes, Terraform, Figma, SQL, Excel, JavaScript", {}),
        ("Regression testing and code review for 40 services", {}),
    ],
)
def test_hedges_make_learning_never_done(
    reader: CVReader, line: str, expected: dict[str, str]
) -> None:
    assert levels(reader.read(f"## Skills\n- {line}\n")) == expected


def test_a_hedge_anywhere_wins_over_a_plain_mention(reader: CVReader) -> None:
    text = "## Skills\n- Docker, AWS\n## Courses\n- Docker: basic knowledge only\n"
    assert levels(reader.read(text)) == {
        "step-9/tools-and-frameworks": "learning",
        "step-9/cloud-platforms": "done",
    }


def test_a_currently_learning_section_hedges_everything_in_it(reader: CVReader) -> None:
    text = (
        "## Currently learning\n"
        "- Python, through an online course: chapters 1–8 done (loops, functions)\n"
        "## Skills\n- Excel, public speaking\n"
    )
    reading = reader.read(text)
    assert levels(reading) == {"step-1/python-basics": "learning"}
    assert not any(i.id == "step-1" for i in reading.items)  # no Step 1 from a course


def test_german_spanish_and_french_titles_with_english_content(reader: CVReader) -> None:
    text = """Profil
Research assistant in natural language processing.
Berufserfahrung
• I fine-tuned BERT models with PyTorch
Kenntnisse
• Word embeddings: exposure to word2vec only
Habilidades
• Docker (básico)
Centres d'intérêt
• Reinforcement learning for board games, computer vision
"""
    assert levels(reader.read(text)) == {
        # a step merely named in a role ("research assistant in NLP") is not proposed done
        "step-4/frameworks": "done",
        "step-5/word-embeddings-word2vec-glove": "learning",
        # fine-tuning BERT shows fine-tuning; the model fine-tuned is its object, not a topic
        "step-5/fine-tuning-pretrained-models": "done",
        "step-9/tools-and-frameworks": "learning",
        # interests are not read
    }


def test_a_whole_step_needs_evidence_that_covers_it(reader: CVReader) -> None:
    text = """## Summary
Machine learning engineer with three years in retail.
## Experience
- Built deep learning models for demand forecasting
## Education
- BSc Mathematics, University of Somewhere, 2019
- PhD in Physics, 2023
## Courses
- Deep Learning Specialization (Coursera), completed 2022: neural networks, CNNs
"""
    reading = levels(reader.read(text))
    assert reading["step-2"] == "done"  # a maths or physics degree
    assert reading["step-3"] == "done"  # a profession with its years
    assert reading["step-4"] == "done"  # a completed course (not "built deep learning models")
    assert reading["step-4/basics"] == "done" and reading["step-4/architectures"] == "done"


def test_a_step_only_named_is_not_done_and_one_being_learned_gives_its_topics(
    reader: CVReader,
) -> None:
    text = """## Profile
Computer-vision hobbyist for the last four years.
## Skills
- Currently learning NLP with the NLTK book: tokenization and stemming
"""
    assert levels(reader.read(text)) == {"step-5/tokenization-stemming-lemmatization": "learning"}


def test_every_item_keeps_the_line_that_shows_it(reader: CVReader) -> None:
    text = (
        "Jane Roe · jane@example.com · github.com/jane/python-tools\n"
        "## Experience\n"
        "- Wrapped the fraud model in a FastAPI service on AWS; 4,000 requests/s at p99 40 ms\n"
    )
    reading = reader.read(text)
    assert [(i.id, i.evidence) for i in reading.items] == [
        (
            "step-9/deployment",
            "Wrapped the fraud model in a FastAPI service on AWS; 4,000 requests/s at p99 40 ms",
        ),
        (
            "step-9/cloud-platforms",
            "Wrapped the fraud model in a FastAPI service on AWS; 4,000 requests/s at p99 40 ms",
        ),
    ]  # the e-mail address and the GitHub link are not read ("python-tools")


def test_a_long_line_is_cut_around_the_words_that_named_the_item(reader: CVReader) -> None:
    text = "## Projects\n- " + "Cleaned data for weeks " * 15 + "then tuned XGBoost " + "x " * 100
    (item,) = reader.read(text).items
    assert item.id == "step-3/supervised-learning"
    assert "XGBoost" in item.evidence and item.evidence.startswith("…")
    assert item.evidence.endswith("…") and len(item.evidence) <= 242


def test_the_goal_comes_from_the_objective_not_from_the_skills(reader: CVReader) -> None:
    text = """## Objective
Registered nurse moving into health AI. I want to build chatbots that answer patients.
## Skills
- Python (comfortable), pandas
- Interested in reinforcement learning
"""
    reading = reader.read(text)
    assert reading.goal == "nlp"
    assert reading.goal_evidence == "I want to build chatbots that answer patients."
    assert "step-8" not in levels(reading)  # a wish, not a skill


def test_looking_for_a_role_names_the_goal_by_its_words_only(reader: CVReader) -> None:
    reading = reader.read("## Summary\nI am looking for a junior MLOps role.\n")
    assert reading.goal == "mlops" and reading.items == ()
    assert reader.read("## Summary\nLooking for a summer internship.\n").goal is None


@pytest.mark.parametrize(
    "text",
    [
        "# Ana Ruiz\nAspiring computer vision engineer\n## Experience\n- Python (3 years)\n",
        "## Summary\nAnalyst.\nObjective: a junior role in computer vision for agriculture.\n",
        "## Objetivo\nJunior computer vision role in agriculture\n",
    ],
)
def test_an_objective_line_or_headline_names_the_goal_without_a_cue(
    reader: CVReader, text: str
) -> None:
    assert reader.read(text).goal == "computer-vision"


def test_a_cv_without_a_goal_has_none(reader: CVReader) -> None:
    text = "## Profile\nSite reliability engineer, seven years. I like calm incident reviews.\n"
    assert reader.read(text).goal is None


def test_hours_per_week_when_stated(reader: CVReader) -> None:
    assert reader.read("## Summary\nI can study 8 hours a week.\n").hours_per_week == 8


def test_lines_drop_markdown_marks_and_table_rules() -> None:
    lines = cv_lines("# Name\n**Skills**\n| a | b |\n|---|---|\n- **Python** — advanced\n")
    assert [(ln.section, ln.text) for ln in lines] == [
        ("skills", "a | b"),
        ("skills", "Python — advanced"),
    ]


def test_odd_input_never_raises(reader: CVReader) -> None:
    for text in ("", "\x00\x01", "#" * 5000, "•\n" * 1000, "(((" * 300, "Python " * 30_000):
        assert isinstance(reader.read(text), CVReading)


def test_a_job_sub_heading_keeps_its_section(reader: CVReader) -> None:
    text = "## Experience\n### Engineer — Acme, 2021 – now\n- Wrote Python services daily\n"
    assert [line.section for line in cv_lines(text)] == ["experience", "experience"]
    assert levels(reader.read(text)).get("step-1/python-basics") == "done"
    assert any(i.id == "step-1" and i.inferred for i in reader.read(text).items)


def test_a_course_code_or_a_course_audience_is_not_the_subject(reader: CVReader) -> None:
    read = levels(reader.read("Coursework: Linear Algebra (MATH 2568); Databases (CSE 3241)"))
    assert read == {"step-2/linear-algebra": "done"}  # not the whole of Step 2 from "MATH"
    read = levels(reader.read("Mathematics for Machine Learning: Linear Algebra (Coursera)"))
    assert read == {"step-2/linear-algebra": "done"}  # neither Step 2 whole nor Step 3


def test_a_level_cell_covers_a_name_in_its_parenthesis_aside(reader: CVReader) -> None:
    read = levels(reader.read('| pandas | Beginner (reading "Python for Data Analysis") |'))
    assert read["step-1/libraries"] == "learning"


def test_a_stale_clause_hedges_only_what_it_is_about(reader: CVReader) -> None:
    line = "ML: random forests (XGBoost); PyTorch from one workshop; I have not used it since"
    read = levels(reader.read(line))
    assert read["step-3/supervised-learning"] == "done"
    assert read["step-4/frameworks"] == "learning"
    both = levels(reader.read("Took courses in pandas; then PyTorch; never used them since"))
    assert set(both.values()) == {"learning"}


def test_fine_tuning_a_detector_is_not_nlp_fine_tuning(reader: CVReader) -> None:
    read = levels(reader.read("Fine-tuned a YOLOv8 detector on 900 photos of birds"))
    assert "step-5/fine-tuning-pretrained-models" not in read
    assert read["step-6/cnns-and-advanced-architectures-yolo-faster-r-cnn"] == "done"


def test_what_the_objective_moves_beyond_is_not_the_goal(reader: CVReader) -> None:
    text = "Summary\nI'd like to grow beyond text and become an all-round AI engineer.\n"
    assert reader.read(text).goal == "general"
    text = "Summary\nMy wish is to build cameras that check welds on the line.\n"
    assert reader.read(text).goal == "computer-vision"


@pytest.mark.parametrize(
    ("row", "level"),
    [
        ("| PyTorch | ★★☆☆☆ |", "learning"),
        ("| PyTorch | ★★★★☆ |", "done"),
        ("| PyTorch | ●○○○○ |", "learning"),
        ("| PyTorch | 2/5 |", "learning"),
        ("| PyTorch | 4 / 5 |", "done"),
        ("| PyTorch | 30% |", "learning"),
        ("| PyTorch | 80% |", "done"),
        ("| PyTorch | A2 |", "learning"),
        ("| PyTorch | C1 |", "done"),
        ("| PyTorch | sehr gut |", "done"),
    ],
)
def test_ratings_in_a_skills_table_set_the_level(reader: CVReader, row: str, level: str) -> None:
    assert levels(reader.read(f"Skills\n{row}\n"))["step-4/frameworks"] == level


def test_a_level_on_the_line_after_its_skill_is_joined_back(reader: CVReader) -> None:
    text = "Skills\nPython\nsehr gut\nC++\nGrundkenntnisse (basics only)\nSQL (basic)\n"
    read = levels(reader.read(text))
    assert read["step-1/python-basics"] == "done"
    assert read["step-1/additional-languages-optional"] == "learning"


def test_r_the_language_is_read_but_not_an_initial_or_r_and_d(reader: CVReader) -> None:
    assert levels(reader.read("Skills\nPython, R, SQL\n")) == {
        "step-1/python-basics": "done",
        "step-1/additional-languages-optional": "done",
    }
    assert levels(reader.read("Led R&D at Acme with John R. Smith\n")) == {}


def test_hedges_said_in_many_ways(reader: CVReader) -> None:
    for line in (
        "Hackathon: used Keras once, for a demo; a teammate set it up and I mostly watched",
        "Started reading the NLTK book: tokenizing only, nothing beyond that yet",
        "Drift monitoring and retraining are new territory for me",
        "Master's student in NLP (second year)",
    ):
        assert set(levels(reader.read(line)).values()) == {"learning"}, line


def test_a_goal_in_a_closing_section_or_pointed_back_to(reader: CVReader) -> None:
    text = "Experience\n- Built APIs\nWhat I'd like to do next\nMove into MLOps engineering.\n"
    assert reader.read(text).goal == "mlops"
    text = (
        "Profile\nAt night I build tools that count birds in video, and that is the work I want.\n"
    )
    assert reader.read(text).goal == "computer-vision"


def test_goals_said_in_other_languages_or_under_interests(reader: CVReader) -> None:
    french = "Objectif\nJe souhaite devenir ingénieure en machine learning, sans spécialité.\n"
    assert reader.read(french).goal == "general"
    german = "Über mich\nIch möchte als KI-Ingenieurin arbeiten.\n"
    assert reader.read(german).goal == "general"
    interests = "Interests\nChess, hiking\nI want to specialise in natural language processing.\n"
    assert reader.read(interests).goal == "nlp"
    assert reader.read("Interests\nComputer vision papers, chess\n").goal is None


def test_a_value_is_not_a_goal_and_the_goal_clause_is_not_a_skill(reader: CVReader) -> None:
    text = "Summary\nI care about reliable deployments. Next step: a senior backend role.\n"
    assert reader.read(text).goal is None
    text = "Summary\nI did some computer vision coursework, but RL is the area I want to master.\n"
    reading = reader.read(text)
    assert reading.goal == "reinforcement-learning"
    assert not {"step-6", "step-8"} & set(levels(reading))  # neither a part nor the goal


def test_years_of_experience_in_an_area_cover_its_step(reader: CVReader) -> None:
    line = "Three years of professional experience training deep learning models in PyTorch"
    assert levels(reader.read(line))["step-4"] == "done"
    assert "step-4" not in levels(reader.read("Some deep learning in PyTorch at work"))


def test_a_weak_hedge_alone_in_a_sentence_hedges_nothing_before_it(reader: CVReader) -> None:
    text = "Summary\nI train PyTorch models for text. Most of my work so far has been on text.\n"
    assert levels(reader.read(text))["step-4/frameworks"] == "done"
    text = "Skills\nPyTorch, Keras. Very early days.\n"
    assert set(levels(reader.read(text)).values()) == {"learning"}


def test_a_course_that_covered_every_topic_of_a_step_counts_it_done(reader: CVReader) -> None:
    text = (
        "Education\nData Bootcamp, Acme Academy — completed 2025\n"
        "- Supervised learning: regression, random forests\n"
        "- Unsupervised learning: k-means, PCA\n"
        "- Model evaluation with cross-validation and grid search\n"
    )
    step = next(i for i in reader.read(text).items if i.id == "step-3")
    assert step.polarity == "done" and step.inferred  # not said outright: shown as inferred
    skills = "Skills\nregression, k-means, cross-validation, grid search\n"
    assert "step-3" not in {i.id for i in reader.read(skills).items}  # tools are not a course


def test_teaching_an_intro_course_shows_the_subject(reader: CVReader) -> None:
    text = "Volunteering\n- Volunteer instructor, introductory Python course (2023)\n"
    assert levels(reader.read(text))["step-1/python-basics"] == "done"
    assert levels(reader.read("Courses\n- Introductory Python course (2023)\n")) == {
        "step-1/python-basics": "learning"
    }


def test_a_gap_or_a_subject_not_studied_is_not_known(reader: CVReader) -> None:
    text = "Summary\nMachine learning is my gap: I haven't studied regression or clustering yet.\n"
    read = levels(reader.read(text))
    assert "done" not in read.values()


@pytest.mark.parametrize(
    ("objective", "goal"),
    [
        ("My next move is MLOps: owning the path from notebook to production.", "mlops"),
        ("Keen to move toward computer vision in the browser.", "computer-vision"),
        ("Looking for an internship as an AI engineer, from data to models to serving.", "general"),
        ("I would like to learn how to package, deploy and monitor language models.", "mlops"),
    ],
)
def test_more_ways_an_objective_names_its_goal(reader: CVReader, objective: str, goal: str) -> None:
    assert reader.read(f"Summary\n{objective}\n").goal == goal


@pytest.mark.parametrize(
    "line",
    [
        "Statistics | — | Rusty; last used during my degree",
        "Probability: my weak spot, brushing up on it now",
        "Google Cloud (noções básicas)",
        "Docker (nozioni di base)",
        "A little Java, from one university module",
        "Currently watching a lecture series on reinforcement learning, no own code yet",
        "Transformers like BERT: I know them only from papers; I have not trained one",
        "Linear algebra on weekends, with Khan Academy",
        "Deep Learning Specialization: paused after the second course",
        "Model monitoring | — | Reading about it; haven't done it yet",
        "NLTK tokenising | Self-study | nothing used for real yet",
        "Neural-network basics are the part I've only scratched the surface of",
    ],
)
def test_more_hedges_in_words_tables_and_other_languages(reader: CVReader, line: str) -> None:
    assert set(levels(reader.read(f"## Skills\n- {line}\n")).values()) == {"learning"}, line


def test_a_little_more_than_years_is_no_hedge(reader: CVReader) -> None:
    assert levels(reader.read("Summary\nA little over 3 years of Python at work.\n")) == {
        "step-1/python-basics": "done"
    }


def test_a_step_named_as_the_kind_of_its_listed_parts_is_those_parts(reader: CVReader) -> None:
    text = "Education\n- BEng Civil Engineering. Maths courses: calculus and linear algebra.\n"
    assert levels(reader.read(text)) == {
        "step-2/calculus": "done",
        "step-2/linear-algebra": "done",
    }


def test_years_of_professional_work_in_an_area_cover_its_step(reader: CVReader) -> None:
    text = "Summary\nFour years of professional deep learning work on speech models.\n"
    assert levels(reader.read(text)).get("step-4") == "done"


def test_what_a_line_says_it_is_not_about_is_not_read(reader: CVReader) -> None:
    read = levels(reader.read("Skills\n- Cloud: some Azure, nothing ML-related\n"))
    assert read == {"step-9/cloud-platforms": "learning"}


def test_a_plural_is_cut_only_where_english_makes_one(reader: CVReader) -> None:
    text = "Skills\n- RL core concepts: MDPs, states, actions and rewards\n"
    assert "step-2/probability-and-statistics" not in levels(reader.read(text))


def test_the_level_of_a_course_one_wrote_is_not_the_teachers(reader: CVReader) -> None:
    text = "Experience\n- Wrote the department's Python scheme of work: loops, files, basic OOP.\n"
    assert levels(reader.read(text)) == {"step-1/python-basics": "done"}
    text = "Courses\n- Bootcamp curriculum: Python, then intro to deep learning\n"
    assert levels(reader.read(text)).get("step-4") != "done"


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Summary\nWhat I'm working towards: software that reads support emails.\n", "nlp"),
        (
            "Summary\nMy aim is camera-based inspection of welds before they leave the "
            "production line.\n",
            "computer-vision",
        ),
        (
            "Summary\nSeeking an internship as an AI engineering intern where I can help "
            "train and ship features.\n",
            "general",
        ),
        ("## Objective\nBuild question-answering systems for farmers.\n", "nlp"),
    ],
)
def test_goals_said_by_the_work_the_role_or_an_objective_verb(
    reader: CVReader, text: str, goal: str
) -> None:
    assert reader.read(text).goal == goal


@pytest.mark.parametrize(
    "line",
    [
        "Early experiments with VAEs for sound design; nothing I would call solid yet",
        "Not there yet: drift monitoring. No hands-on experience so far.",
    ],
)
def test_hedges_of_work_not_yet_solid(reader: CVReader, line: str) -> None:
    assert set(levels(reader.read(f"## Skills\n- {line}\n")).values()) == {"learning"}, line


def test_a_weekend_habit_alone_hedges_nothing_before_it(reader: CVReader) -> None:
    text = (
        "Summary\nBackend developer with 7+ years of Java and Python. At weekends I build robots.\n"
    )
    read = levels(reader.read(text))
    assert read["step-1/python-basics"] == "done"


def test_career_retraining_is_not_model_retraining(reader: CVReader) -> None:
    assert levels(reader.read("Summary\nRegistered nurse, now retraining in AI.\n")) == {}
    text = "Experience\n- Set up weekly retraining of the churn model when drift shows.\n"
    assert levels(reader.read(text)) == {"step-9/monitoring-and-retraining": "done"}


def test_a_course_title_level_gives_way_to_real_use(reader: CVReader) -> None:
    text = (
        "Certifications\n- Certified Entry-Level Python Programmer (2021)\n"
        "Experience\n- Wrote the Python tool the whole office uses for its reports.\n"
    )
    assert levels(reader.read(text))["step-1/python-basics"] == "done"
    alone = "Certifications\n- Certified Entry-Level Python Programmer (2021)\n"
    assert levels(reader.read(alone))["step-1/python-basics"] == "learning"


def test_a_first_program_is_python_but_not_at_a_working_level(reader: CVReader) -> None:
    text = "Projects\n- Shift planner: a Python script, my first real program; my team uses it.\n"
    reading = reader.read(text)
    assert levels(reading) == {"step-1/python-basics": "done"}
    assert "step-1" not in reading.ids("done")


@pytest.mark.parametrize(
    "objective",
    [
        "Looking for a senior frontend role in a product team that ships often.",
        "Seeking a software engineering internship (backend or infrastructure).",
    ],
)
def test_a_role_sought_outside_ai_is_no_goal(reader: CVReader, objective: str) -> None:
    assert reader.read(f"Summary\n{objective}\n").goal is None


def test_a_paragraph_s_short_last_line_and_a_dash_line_are_joined_back() -> None:
    from assistant.learner.cv_text import reflow_pdf_lines

    lines = [
        "Over the last two years I automated our month-end close and I am working towards a",
        "first role as a junior",
        "AI engineer.",
        "Machine Learning Specialization (Stanford)",
        "— in progress, week 3 of the first course.",
    ]
    assert reflow_pdf_lines(lines).splitlines() == [
        "Over the last two years I automated our month-end close and I am working towards a "
        "first role as a junior AI engineer.",
        "Machine Learning Specialization (Stanford) — in progress, week 3 of the first course.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Python: beginner, writing my first pandas scripts",
        "Beginning to try out classification with scikit-learn",
        "Word2vec: I know it only from a course",
        "Python is going slowly: a third of an online course done",
    ],
)
def test_hedges_that_go_on_from_a_level_or_say_how_it_goes(reader: CVReader, line: str) -> None:
    assert set(levels(reader.read(f"## Skills\n- {line}\n")).values()) == {"learning"}, line


def test_a_level_cell_that_reads_like_a_title_is_still_a_level(reader: CVReader) -> None:
    text = "## Skills\n- Fine-tuning pretrained language models\n- Beginner, currently learning\n"
    assert levels(reader.read(text)) == {"step-5/fine-tuning-pretrained-models": "learning"}


def test_a_hedge_about_a_degree_in_progress_stays_in_its_sentence(reader: CVReader) -> None:
    text = (
        "Summary\nPhysicist completing a PhD on collider data. Eight years of Python and a "
        "great deal of statistics.\n"
    )
    assert levels(reader.read(text)) == {
        "step-1/python-basics": "done",
        "step-2/probability-and-statistics": "done",
    }


def test_completed_modules_listed_under_a_label_are_courses(reader: CVReader) -> None:
    text = (
        "## Training\nData Science Immersive, 16 weeks\nCompleted modules:\n"
        "1. Machine learning: supervised and unsupervised learning, model evaluation\n"
    )
    assert levels(reader.read(text)).get("step-3") == "done"


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Summary\nMy objective is to build systems that read legal documents.\n", "nlp"),
        (
            "Summary\nI am leaving academia to work as an AI engineer in a team that ships.\n",
            "general",
        ),
    ],
)
def test_an_objective_or_the_work_sought_names_the_goal(
    reader: CVReader, text: str, goal: str
) -> None:
    assert reader.read(text).goal == goal


def test_a_list_cut_by_a_wrap_is_joined_back() -> None:
    from assistant.learner.cv_text import reflow_pdf_lines

    lines = [
        "Coursework: Algorithms, Linear Algebra, Calculus I & II, Discrete",
        "Mathematics, Operating Systems",
    ]
    assert reflow_pdf_lines(lines) == (
        "Coursework: Algorithms, Linear Algebra, Calculus I & II, Discrete Mathematics, "
        "Operating Systems"
    )


@pytest.mark.parametrize(
    "line",
    [
        "PyTorch — erste Erfahrungen, gerade erst begonnen",
        "Docker: basiskennis, nog geen eigen project",
        "Álgebra lineal: la estoy cursando, nivel inicial",
        "OpenCV — em andamento, iniciante",
        "Python : débutante, quelques exercices",
        "PyTorch: prime esperienze, solo i tutorial introduttivi",
        "Statistik | Anfängerniveau",
        "Keras | base",
    ],
)
def test_hedges_in_the_languages_cvs_mix_with_english(reader: CVReader, line: str) -> None:
    assert set(levels(reader.read(f"## Skills\n- {line}\n")).values()) == {"learning"}, line


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("Lineare Algebra und Wahrscheinlichkeitsrechnung", "step-2/linear-algebra"),
        ("Álgebra lineal, cálculo y estadística", "step-2/calculus"),
        ("Apprentissage supervisé : régression, classification", "step-3/supervised-learning"),
        ("Bildverarbeitung mit Python", "step-6/basics-of-image-processing-opencv"),
    ],
)
def test_topic_names_in_other_languages(reader: CVReader, line: str, item: str) -> None:
    assert levels(reader.read(f"## Kenntnisse\n- {line}\n")).get(item) == "done"


@pytest.mark.parametrize(
    ("objective", "goal"),
    [
        ("Als nächsten Schritt möchte ich in die Sprachverarbeitung wechseln.", "nlp"),
        ("Mijn volgende stap: doorgroeien naar MLOps / ML platform engineer.", "mlops"),
        ("Quero desenvolver modelos que componham melodias e gerem áudio novo.", "generative-ai"),
        (
            "Mein Ziel sind Roboter, die durch Ausprobieren und Belohnung lernen.",
            "reinforcement-learning",
        ),
        (
            "Mi objetivo es trabajar en visión por computador para la agricultura.",
            "computer-vision",
        ),
    ],
)
def test_goals_said_in_other_languages(reader: CVReader, objective: str, goal: str) -> None:
    assert reader.read(f"Summary\n{objective}\n").goal == goal


@pytest.mark.parametrize(
    "line",
    [
        "Docker — erste Schritte, bisher nur fertige Images gestartet",
        "BERT | lerne ich gerade (Online-Kurs, Kapitel 3 von 9)",
        "pandas — ben ik nu aan het leren",
        "BERT: estou a estudar, ainda sem projeto próprio",
        "Probabilità: la sto ripassando con un corso online",
        "PyTorch | początkujący",
        "Tokenization: I know it in theory but never tried it on real text",
        "PyTorch | Base (solo i tutorial)",
    ],
)
def test_more_hedges_in_other_languages_and_in_theory(reader: CVReader, line: str) -> None:
    assert set(levels(reader.read(f"## Skills\n- {line}\n")).values()) == {"learning"}, line


def test_a_level_after_a_semicolon_about_another_skill_is_its_own(reader: CVReader) -> None:
    read = levels(reader.read("## Skills\n- Python, Bash — avanzado; Go — básico\n"))
    assert read == {"step-1/python-basics": "done"}


def test_a_tutor_of_an_intro_course_in_another_language_knows_it(reader: CVReader) -> None:
    text = "Lehre\n- Tutor „Einführung in die Programmierung“ (Python), TU Darmstadt\n"
    assert levels(reader.read(text)) == {"step-1/python-basics": "done"}


def test_databases_and_the_beginners_one_teaches_are_no_hedge(reader: CVReader) -> None:
    text = "Experiencia\n- Limpieza y unión de bases de datos de beneficiarios con pandas.\n"
    assert levels(reader.read(text)) == {"step-1/libraries": "done"}


@pytest.mark.parametrize(
    ("objective", "goal"),
    [
        (
            "Wechsel in die industrielle Bildverarbeitung: Kamerasysteme, die Fehler erkennen.",
            "computer-vision",
        ),
        ("Wechsel in die Industrie als Computer-Vision-Ingenieurin.", "computer-vision"),
        ("Målet är språkteknik för svenska: verktyg som läser texter.", "nlp"),
        ("My objective for the next years: bring trained models to production.", "mlops"),
        ("Szukam stażu jako junior ML / AI engineer.", "general"),
    ],
)
def test_more_goals_in_other_languages(reader: CVReader, objective: str, goal: str) -> None:
    assert reader.read(f"Summary\n{objective}\n").goal == goal


def test_a_degree_as_a_sub_heading_is_read(reader: CVReader) -> None:
    text = "## Education\n### B.Sc. Applied Mathematics — Kyiv University, 2018\n## Skills\nGo\n"
    assert levels(reader.read(text)).get("step-2") == "done"
    assert (
        levels(reader.read("## Education\nDiplom-Mathematiker (Univ.), 2012\n"))["step-2"] == "done"
    )
    assert (
        levels(reader.read("## Opleiding\nBSc Toegepaste Wiskunde, TU Delft\n"))["step-2"] == "done"
    )


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a level cell covers the row, and "pretrained vectors" are no linear algebra
        (
            "## Skills\n| Word embeddings (word2vec) | Basic — used pretrained vectors once |\n",
            {"step-5/word-embeddings-word2vec-glove": "learning"},
            {"step-2/linear-algebra"},
        ),
        (
            "## Projects\nVariational autoencoders: I'm still getting to grips with the theory.\n",
            {"step-7/variational-autoencoders-vaes": "learning"},
            set(),
        ),
        # GANs and VAEs in a deep-learning syllabus are Step 4's; GANs alone are Step 7's
        (
            "## Courses\nDeep Learning (completed): CNNs, RNNs, backpropagation, GANs and VAEs.\n",
            {"step-4/advanced-topics": "done"},
            {"step-7/variational-autoencoders-vaes", "step-7/gans-generative-adversarial-networks"},
        ),
        (
            "## Learning\nNow studying how GANs work, through a self-paced online course.\n",
            {"step-7/gans-generative-adversarial-networks": "learning"},
            {"step-4/advanced-topics"},
        ),
        # one numbered part of a sequence is its topics, not the step
        (
            "## Education\nCompleted: Engineering Mathematics 1 (linear algebra), Mathematics 2 "
            "(calculus)\n",
            {"step-2/linear-algebra": "done", "step-2/calculus": "done"},
            {"step-2"},
        ),
        (
            "## Courses\nMathematics for Machine Learning: Multivariate Calculus — completed\n",
            {"step-2/calculus": "done"},
            {"step-2"},
        ),
        # an "Intro to" is one course's title, not the level of the rest of the list
        (
            "## Education\nCoursework: Intro to Programming (Python), Calculus I and II, Linear "
            "Algebra (A-).\n## Skills\nPython (3 years)\n",
            {
                "step-1/python-basics": "done",
                "step-2/calculus": "done",
                "step-2/linear-algebra": "done",
            },
            set(),
        ),
        (
            "## Education\nElectrical technician diploma. My maths stops at secondary-school "
            "level.\n",
            {"step-2": "not_known"},
            set(),
        ),
        # the Hugging Face course is where NLP is learned, not a library of Step 1
        (
            "## Learning\nFollowing the Hugging Face course to learn fine-tuning of BERT.\n",
            {"step-5/fine-tuning-pretrained-models": "learning"},
            {"step-1/libraries"},
        ),
        # another trade's monitoring, drift or retraining is not Step 9's
        (
            "## Experience\nContinuous cardiac telemetry monitoring of 8 patients per shift.\n",
            {},
            {"step-9/monitoring-and-retraining"},
        ),
        (
            "## Experience\nCut focus drift in 12-hour microscope recordings by 80%.\n",
            {},
            {"step-9/monitoring-and-retraining"},
        ),
        (
            "## Experience\nBuilt drift monitoring and weekly retraining for the churn model.\n",
            {"step-9/monitoring-and-retraining": "done"},
            set(),
        ),
        # the task of a fine-tuned language model is not supervised learning
        (
            "## Learning\nFine-tuning BERT for document classification (course, module 4 of 9).\n",
            {"step-5/fine-tuning-pretrained-models": "learning"},
            {"step-3/supervised-learning"},
        ),
        # "a little HTML/CSS" is the level of HTML, not of the rest of the list
        (
            "## Skills\nPython (daily), pandas, Seaborn, a little HTML/CSS\n",
            {"step-1/python-basics": "done", "step-1/libraries": "done"},
            set(),
        ),
        (
            "## Experience\nBuilt tools with Django for partner integrations.\n",
            {},
            {"step-2/calculus"},
        ),
        (
            "## Experiencia\nCálculo del tamaño de muestra; hojas de cálculo.\n",
            {},
            {"step-2/calculus"},
        ),
        (
            "## Skills\nConvolutional neural networks in PyTorch\n",
            {"step-4/architectures": "done", "step-4/frameworks": "done"},
            {"step-4/basics"},
        ),
        (
            "## Projects\nReading Sutton & Barto, chapters 1–4 so far (MDPs); no RL project of "
            "my own yet.\n",
            {"step-8/core-concepts": "learning"},
            {"step-8"},
        ),
        # being helped by a mentor is no teaching: "basic" stays the learner's level
        (
            "## Skills\nDocker: basic knowledge; I wrote one Dockerfile with a mentor's help\n",
            {"step-9/tools-and-frameworks": "learning"},
            set(),
        ),
        # "SQL (basic)" is SQL's level, not the list's
        (
            "## Skills\nPython, pandas, Excel, SQL (basic)\n",
            {"step-1/python-basics": "done", "step-1/libraries": "done"},
            set(),
        ),
        (
            "## Courses\nModel tuning (cross-validation) was covered briefly; I am still "
            "building confidence with it.\n",
            {"step-3/model-optimization": "learning"},
            set(),
        ),
        (
            "## Projects\nModel serving with FastAPI, a course project (not in production yet).\n",
            {"step-9/deployment": "learning"},
            set(),
        ),
        (
            "## Education\nMathematics: I am taking MIT's linear algebra course online to fill "
            "gaps.\n",
            {"step-2/linear-algebra": "learning"},
            {"step-2"},
        ),
        # an introductory course passed with a grade is done
        (
            "## Education\nEECS 445 Introduction to Machine Learning — grade A. Covered "
            "regression, SVMs, k-means and PCA.\n",
            {"step-3": "done", "step-3/supervised-learning": "done"},
            set(),
        ),
    ],
)
def test_what_a_sentence_is_about(
    reader: CVReader, text: str, present: dict[str, str], absent: set[str]
) -> None:
    read = levels(reader.read(f"Ana Gómez\nana@example.org\n{text}"))
    assert {k: read.get(k) for k in present} == present and not absent & read.keys(), read


@pytest.mark.parametrize(
    ("objective", "goal"),
    [
        ("My goal is to become an AI engineer: to design and ship ML features.", "general"),
        ("Looking for an internship as a machine learning / AI engineering intern.", "general"),
        ("I want to become an AI engineer building chatbots for customer support.", "nlp"),
        ("I am changing careers to work on software that reads clinical notes.", "nlp"),
        (
            "What I want to build: an app that tells you what a photo of a plant shows.",
            "computer-vision",
        ),
    ],
)
def test_goals_of_a_role_or_a_career_change(reader: CVReader, objective: str, goal: str) -> None:
    assert reader.read(f"Ana Gómez\n## Profile\n{objective}\n## Skills\nPython\n").goal == goal


@pytest.mark.parametrize(
    ("objective", "goal"),
    [
        ("SRE with 8 years of Python. Next move: MLOps — turning models into services.", "mlops"),
        ("Next step for me: specialising in generative models for small studios.", "generative-ai"),
        (
            "What I'm after next is work on game agents that learn by trial and reward.",
            "reinforcement-learning",
        ),
        (
            "Long-term interest: robot controllers that learn to walk through rewards.",
            "reinforcement-learning",
        ),
        ("I'm looking to leave academia and work as an AI engineer in industry.", "general"),
        ("Languages teacher, now retraining so that I can work as an AI engineer.", "general"),
    ],
)
def test_more_cues_of_what_comes_next(reader: CVReader, objective: str, goal: str) -> None:
    assert reader.read(f"Ana Gómez\n## Summary\n{objective}\n## Skills\nPython\n").goal == goal


def test_one_mlops_word_does_not_overrule_a_goal_read_by_meaning(
    models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """ "monitoring" is one MLOps word, though "monitor" names the track too: two were
    counted, and MLOps (what is done with models) overruled the meaning (cv-dev-1067)."""
    home = tmp_path_factory.mktemp("goal-home")
    link_models(home, models_dir)
    settings = Settings.from_env({"ASSISTANT_HOME": str(home)})
    roadmap, graph = load_roadmap_and_graph(PROJECT_ROOT / "corpus")
    words = load_cv_words(PROJECT_ROOT / "corpus", roadmap, graph)
    vocabulary = cv_vocabulary(roadmap, graph, words)
    meaning = CVReader(vocabulary, words, LearnerReader(vocabulary, SentenceEmbedder(settings)))
    objective = (
        "I'd love to work on detection systems for wildlife monitoring — cameras in the field "
        "that find, count and identify animals automatically."
    )
    cv = f"Ana Gómez\n## Summary\n{objective}\n## Skills\nPython\n"
    assert meaning.read(cv).goal == "computer-vision"
    assert meaning.read(cv.replace("cameras in", "pipelines deployed in")).goal == "mlops"


def test_a_goal_named_by_its_words_wins_over_one_read_by_meaning(reader: CVReader) -> None:
    text = (
        "Ana Gómez\n## Profile\nJazz pianist, now switching to tech after a data science "
        "bootcamp. I want to build generative AI tools that compose accompaniments.\n"
    )
    assert reader.read(text).goal == "generative-ai"


@pytest.mark.parametrize(
    "line",
    [
        # in progress, said by the time or by the place reached in a course
        "Linear Algebra (MIT 18.06, OpenCourseWare) — taking it now, lecture 14 of 34.",
        "Linear algebra on Khan Academy, started in January.",
        "Practical Deep Learning for Coders (fast.ai): at the moment I am on lesson 4.",
        "Right now I am reading Sutton & Barto, chapters 1–3 (MDPs, rewards, value functions)",
        "Python: 8 weeks into a 20-week evening course at a local college",
        "Started 3Blue1Brown's Essence of Linear Algebra (episodes 1–5 watched)",
        "Estudando atualmente: detecção de drift e retreino de modelos",
        "Deep Learning Specialization, Coursera (2025 – present)",
        "In 2025 I completed two of the five courses of a PyTorch specialization.",
        "PyTorch course: 40% done.",
        # thin knowledge, light use, a level alone after the name
        "Introduction to NLP with spaCy: tokenization. I have only tried it on toy examples.",
        "Intro to neural networks: a one-week taster on perceptrons and backpropagation",
        "Conceptual understanding of PyTorch",
        "PyTorch: low",
        "PyTorch (a few weeks)",
        "PyTorch: haven't touched it in years",
        "I lack hands-on PyTorch experience.",
        "Word2Vec / GloVe: only seen them in a seminar",
        "PyTorch: theory only",
        "PyTorch | yet to start, a course is planned",
        "PyTorch: self-taught beginner.",
        # other languages CVs mix with English
        "PyTorch: in Einarbeitung",
        "PyTorch (curso en marcha)",
        "Podstawowa znajomość PyTorch",
        "PyTorch: temel düzey",
        "PyTorch (začátečník)",
        "PyTorch: grundlæggende",
        "PyTorch (nybegynner)",
        # round 7: a use said once, a use never in production
        "NLP: exposure only; fine-tuned a pretrained language model once during a hackathon",
        "Docker: built images for a side project, never used in production",
    ],
)
def test_more_hedges_and_courses_in_progress(reader: CVReader, line: str) -> None:
    section = "Courses" if "Coursera (" in line else "Skills"
    read = levels(reader.read(f"{section}\n{line}\n"))
    assert read and set(read.values()) == {"learning"}, (line, read)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Experience\n- Cut the AWS bill by 22% through rightsizing\n", "step-9/cloud-platforms"),
        (
            "Experience\n- NLP engineer at an early-stage startup: BERT models\n",
            "step-5/advanced-models-bert-gpt-t5",
        ),
        ("Experience\n- Planned experiments and analysed them with hypothesis tests\n", None),
        ("Projects\n- Train-delay model with LightGBM; blog post read about 8,000 times\n", None),
        (
            "Courses\n- Linear Algebra (MIT 18.06) — watched all lectures, problem sets done\n",
            "step-2/linear-algebra",
        ),
        ("Experience\n- Two years ago I wrote pandas scripts that still run daily\n", None),
        ("Courses\n- Side projects in Python since 2023\n", "step-1/python-basics"),
        (
            "Courses\n- Maths refresher — Khan Academy linear algebra units, completed 2023.\n",
            "step-2/linear-algebra",
        ),
        ("Skills\n- Computer vision: OpenCV. About 2,000 birds logged since March.\n", None),
    ],
)
def test_words_near_a_hedge_that_are_not_one(reader: CVReader, text: str, item: str | None) -> None:
    read = levels(reader.read(text))
    assert read and "learning" not in read.values(), read
    assert item is None or read.get(item) == "done", read


def test_good_clinical_practice_is_not_google_cloud(reader: CVReader) -> None:
    read = levels(reader.read("Certifications\n- Good Clinical Practice (GCP) refresher, 2024\n"))
    assert "step-9/cloud-platforms" not in read


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Now studying", "learning"),
        ("İş Deneyimi", "experience"),
        ("Beceriler", "skills"),
        ("Pracovní zkušenosti", "experience"),
        ("Dovednosti", "skills"),
        ("Uddannelse", "education"),
        ("Færdigheder", "skills"),
        ("Arbeidserfaring", "experience"),
        ("Utdanning", "education"),
    ],
)
def test_section_titles_in_more_languages(line: str, kind: str) -> None:
    assert section_of(line, False) == kind


def test_a_list_cut_by_middle_dots_keeps_each_level_with_its_skill(reader: CVReader) -> None:
    read = levels(reader.read("Skills\nPython · pandas · Matplotlib · SQL (basic) · Excel\n"))
    assert read == {"step-1/python-basics": "done", "step-1/libraries": "done"}


def test_a_lead_in_line_in_progress_hedges_its_list(reader: CVReader) -> None:
    text = (
        "Education\nCompleted:\n- MAT 150 Elementary Statistics (B+)\n"
        "In progress (Spring 2026):\n- MAT 220 Linear Algebra\n"
    )
    read = levels(reader.read(text))
    assert read["step-2/probability-and-statistics"] == "done"  # a graded course's level
    assert read["step-2/linear-algebra"] == "learning"


def test_pdf_table_cells_one_per_line_are_rows_not_headings(reader: CVReader) -> None:
    text = (
        "Skills\nC#\nIntermediate\nUnity side projects\nRL core concepts (MDPs, Bellman equations)"
        "\nBeginner\nreading Sutton & Barto\nPyTorch\ncurrently learning\nExperience\n- Tester\n"
    )
    read = levels(reader.read(text))
    assert read["step-8/core-concepts"] == "learning"
    assert read["step-4/frameworks"] == "learning"


def test_learning_in_a_name_is_not_a_hedge(reader: CVReader) -> None:
    for line in (
        "Undergraduate Tutor, Statistics — Mathematics Learning Center, 2021 – 2023",
        "Built learning-to-rank features in Python on Spark",
    ):
        assert "learning" not in levels(reader.read(f"Experience\n- {line}\n")).values(), line


def test_a_table_row_whose_level_cell_names_more_takes_that_level(reader: CVReader) -> None:
    row = "| Regression (linear, logistic) | Beginner — learning them now in an intro ML course |"
    assert levels(reader.read(f"## Skills\n{row}\n"))["step-3/supervised-learning"] == "learning"
    cells = "| AWS SageMaker | Beginner | finished the getting-started labs only |"
    assert levels(reader.read(f"## Skills\n{cells}\n"))["step-9/cloud-platforms"] == "learning"
    plain = "| Python | Advanced — 6 years, pandas and NumPy daily |"
    assert levels(reader.read(f"## Skills\n{plain}\n"))["step-1/python-basics"] == "done"


def test_a_pdf_table_cell_currently_learning_between_rows_is_a_level_not_a_section(
    reader: CVReader,
) -> None:
    text = "Skills\nSkill\nLevel\nDocker\nIntermediate\nFastAPI\nCurrently learning\n"
    text += "PyTorch\nAdvanced\n"
    got = levels(reader.read(text))
    assert got["step-9/deployment"] == "learning"
    assert got["step-9/tools-and-frameworks"] == got["step-4/frameworks"] == "done"


def test_years_of_work_in_an_area_after_years_of_python_cover_its_step(reader: CVReader) -> None:
    text = (
        "## Summary\nForecasting specialist with 6+ years of Python and seven years of "
        "professional machine-learning work on demand forecasting.\n"
    )
    assert levels(reader.read(text))["step-3"] == "done"


def test_a_hedge_about_someone_else_does_not_reach_back(reader: CVReader) -> None:
    said = "ML platform engineer with eight years of Python."
    assert (
        levels(reader.read(f"## Summary\n{said} Our team is starting to rely on vision.\n"))[
            "step-1/python-basics"
        ]
        == "done"
    )
    assert (
        levels(reader.read(f"## Summary\n{said} Still learning, honestly.\n"))[
            "step-1/python-basics"
        ]
        == "learning"
    )


def test_a_completed_intro_course_is_done_an_open_one_learning(reader: CVReader) -> None:
    done = (
        "## Courses\nCS50's Introduction to Programming with Python — completed with certificate\n"
    )
    open_ = "## Courses\nIntroduction to Python (Coursera)\n"
    assert levels(reader.read(done))["step-1/python-basics"] == "done"
    assert levels(reader.read(open_))["step-1/python-basics"] == "learning"


def test_a_level_in_parentheses_ending_a_list_is_its_last_skills_own(reader: CVReader) -> None:
    own = "## Skills\nJava, Python, Docker, AWS, Kubernetes (only basic).\n"
    every = "## Skills\nPython, NumPy, Kubernetes (all basic).\n"
    assert set(levels(reader.read(own)).values()) == {"done"}
    assert levels(reader.read(every)) == {
        "step-1/python-basics": "learning",
        "step-1/libraries": "learning",
    }


@pytest.mark.parametrize(
    ("text", "item", "said"),
    [
        (
            "## Education\nBDS, 2008 to 2013. The course included a one-term biostatistics "
            "module; I have hardly used it since.\n",
            "step-2/probability-and-statistics",
            "learning",
        ),
        (
            "## Projects\n- Did one TensorFlow.js tutorial to run a pose model; nothing since.\n",
            "step-4/frameworks",
            "learning",
        ),
        ("## Projects\n**Playing with StyleGAN** (2025)\n", STYLEGAN, "learning"),
        (
            "## Summary\nI haven't worked with generative image models such as StyleGAN.\n",
            STYLEGAN,
            "not_known",
        ),
        (
            "## Summary\nEverything I run is batch scoring; I have not built real-time model "
            "serving.\n",
            "step-9/deployment",
            "not_known",
        ),
    ],
)
def test_thin_stale_or_absent_use_is_never_done(
    reader: CVReader, text: str, item: str, said: str
) -> None:
    assert levels(reader.read(text))[item] == said


def test_a_degree_under_way_does_not_cover_its_step(reader: CVReader) -> None:
    underway = "## Education\nBSc Mathematics, Leeds — Sep 2024 – Jun 2027 (expected)\n"
    finished = "## Education\nBSc Mathematics, University of Leeds, 2015 – 2018\n"
    assert "step-2" not in levels(reader.read(underway))
    assert levels(reader.read(finished)) == {"step-2": "done"}


def test_a_python_meetup_or_a_matrix_chat_is_not_the_skill(reader: CVReader) -> None:
    text = (
        "## Courses\nWeekend PyTorch workshop at the Bologna Python meetup — not used since\n"
        "## Projects\nDaily counts are posted to a Matrix chat room.\n"
    )
    assert levels(reader.read(text)) == {"step-4/frameworks": "learning"}


@pytest.mark.parametrize(
    ("text", "item", "said"),
    [
        (
            "## Projects\nFollowed a YouTube tutorial on tabular Q-learning in a grid world.\n",
            "step-8/basic-algorithms",
            "learning",
        ),
        (
            "## Projects\nJust starting with NLTK: I tried tokenizing a handful of letters.\n",
            "step-5/tokenization-stemming-lemmatization",
            "learning",
        ),
        (
            "## Courses\nPython for Everybody (Coursera) — completed 2024. I still consider "
            "myself a beginner in Python.\n",
            "step-1/python-basics",
            "learning",
        ),
        (
            "## Skills\nBasic Python — completed the basics of PyTorch in a tutorial\n",
            "step-4/frameworks",
            "learning",
        ),
    ],
)
def test_a_tutorial_a_start_or_ones_own_beginner_level_is_learning(
    reader: CVReader, text: str, item: str, said: str
) -> None:
    assert levels(reader.read(text))[item] == said


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("## Education\nMAT 167 Elementary Statistics — completed, A\n", PROBABILITY),
        (
            "## Courses\nIntroduction to Probability — HarvardX on edX. Completed November "
            "2025 with a verified certificate. Covered conditional probability and Bayes' "
            "theorem.\n",
            PROBABILITY,
        ),
        (
            "## Summary\nRobotics engineer with six years of work on robot learning: "
            "Q-learning, policy gradients and PPO on real arms.\n",
            "step-8/basic-algorithms",
        ),
        (
            "## Courses\nMachine Learning Specialization (Coursera), completed: supervised "
            "learning, advanced learning algorithms, unsupervised learning.\n",
            "step-3",
        ),
    ],
)
def test_a_completed_courses_title_or_a_field_named_learning_is_no_hedge(
    reader: CVReader, text: str, item: str
) -> None:
    assert levels(reader.read(text))[item] == "done"


def test_conditional_probability_is_not_pythons_conditionals(reader: CVReader) -> None:
    text = "## Courses\nProbability course (completed): conditional probability, Bayes.\n"
    assert levels(reader.read(text)) == {PROBABILITY: "done"}


def test_helping_at_a_code_club_is_not_ones_own_first_steps(reader: CVReader) -> None:
    text = (
        "## Volunteering\nVolunteer helper at a Saturday Code Club for 9–12 year-olds "
        "(Scratch and first steps in Python)\n"
    )
    assert levels(reader.read(text))["step-1/python-basics"] == "done"


def test_the_hugging_face_transformers_library_is_not_the_architecture(reader: CVReader) -> None:
    listed = levels(reader.read("## Skills\nML: PyTorch, Hugging Face Transformers, pandas\n"))
    assert "step-4/architectures" not in listed and listed["step-1/libraries"] == "done"
    built = "## Projects\nBuilt transformers for text classification in PyTorch.\n"
    assert levels(reader.read(built))["step-4/architectures"] == "done"


def test_another_skills_hedge_after_a_semicolon_is_its_own(reader: CVReader) -> None:
    text = "## Skills\nPython every day, with pandas and NumPy; SQL for the first three weeks.\n"
    assert levels(reader.read(text)) == {"step-1/python-basics": "done", "step-1/libraries": "done"}
    assert levels(reader.read("## Skills\nPyTorch for two months; still learning.\n")) == {
        "step-4/frameworks": "learning"
    }


def test_a_learning_item_keeps_the_words_that_hedge_it(reader: CVReader) -> None:
    text = (
        "## Skills\nPython (5 years), exposure to PyTorch\n"
        "## Courses\nDeep Learning Specialization — currently on course 2 of 5\n"
    )
    why = {i.id: i.why for i in reader.read(text).items}
    assert why["step-1/python-basics"] == ""
    assert why["step-4/frameworks"] == "exposure to"
    assert why["step-4"] == "currently on course"


@pytest.mark.parametrize(
    ("text", "item", "said"),
    [
        (  # a PDF table's level cell on its own line, a name only after its ";"
            "## Skills\nDrift detection (Evidently)\nExposure only; monitoring is owned by "
            "another team\n",
            "step-9/monitoring-and-retraining",
            "learning",
        ),
        (
            "## Summary\nI know GANs only from an internal reading group.\n",
            "step-7/gans-generative-adversarial-networks",
            "learning",
        ),
        (
            "## Projects\nSo far I have fine-tuned BERT with PyTorch; the best model reaches "
            "0.87 F1.\n",
            "step-5/fine-tuning-pretrained-models",
            "done",
        ),
        (
            "## Skills\nTuning: so far I have mostly kept the library defaults in scikit-learn\n",
            "step-1/libraries",
            "learning",
        ),
        ("## Skills\nProgramming: Python; HTML and CSS; beginner in SQL\n", PYTHON, "done"),
        ("## Skills\nPyTorch; beginner with it\n", "step-4/frameworks", "learning"),
        (
            "## Online learning (gap year)\n- CS50's Introduction to Programming with Python — "
            "certificate, August 2025\n## Projects\n- A Discord bot in Python, 600 lines\n",
            PYTHON,
            "done",
        ),
    ],
)
def test_fresh_dev_round_six_phrasings(reader: CVReader, text: str, item: str, said: str) -> None:
    assert levels(reader.read(text))[item] == said


def test_a_hedge_two_sentences_on_is_not_about_the_names_before(reader: CVReader) -> None:
    text = (
        "## Profile\nComputer-vision engineer with five years of professional experience "
        "building detection models for CT. Next, I want to move into generative modelling. "
        "I have not trained a generative model yet.\n"
    )
    assert levels(reader.read(text)) == {"step-6": "done"}
    once = "## Profile\nI trained a CNN with PyTorch once. I have not used it since.\n"
    assert levels(reader.read(once))["step-4/frameworks"] == "learning"


def test_a_retraining_loop_is_not_a_python_loop(reader: CVReader) -> None:
    text = "## Experience\nHelped set up drift dashboards; the retraining loop is owned by MLOps.\n"
    assert PYTHON not in levels(reader.read(text))


def test_auditing_a_course_hedges_but_auditing_as_a_skill_does_not(reader: CVReader) -> None:
    skills = "Ana Gómez\n## Skills\nReact, Node.js, Python, Docker, Figma, WCAG auditing\n"
    assert levels(reader.read(skills)) == {PYTHON: "done", "step-9/tools-and-frameworks": "done"}
    course = "Ana Gómez\n## Courses\nAudited a deep learning course taught in PyTorch, 2024\n"
    assert levels(reader.read(course))["step-4/frameworks"] == "learning"


def test_gpt_4_and_dall_e_3_are_step_7s_transformers_and_gpt_2_is_step_5(reader: CVReader) -> None:
    """The roadmap names "GPT-3/4" in Step 7: the 13 dev CVs that name GPT-3.5, 4 or 5 all have
    Step 7 in gold and none Step 5. Italian "dalle basi" ("from the basics") names nothing."""
    cv = (
        "Ana Gómez\n## Experience\nBuilt a reply drafter on GPT-4o and DALL·E 3 through the API.\n"
        "Benchmarked GPT-2 and T5 for summarisation.\n"
    )
    read = levels(reader.read(cv))
    assert read["step-7/transformers-dall-e-gpt-3-4"] == "done"
    assert read["step-5/advanced-models-bert-gpt-t5"] == "done"
    one = levels(reader.read("Ana Gómez\n## Experience\nBuilt a reply drafter on GPT-4.\n"))
    assert one == {"step-7/transformers-dall-e-gpt-3-4": "done"}
    assert levels(reader.read("Ana Gómez\n## Experience\nSto ripartendo dalle basi.\n")) == {}


@pytest.mark.parametrize(
    "line",
    [
        "Retrained the churn model with XGBoost once a week",
        "Deployed models with Docker once per sprint",
    ],
)
def test_once_a_week_is_a_habit_not_a_hedge(reader: CVReader, line: str) -> None:
    read = levels(reader.read(f"Ana Gómez\n## Experience\n{line}\n"))
    assert read and set(read.values()) == {"done"}, read


def test_a_working_on_section_is_still_being_learned(reader: CVReader) -> None:
    """Every "working on" section in dev CVs (five) lists things still being learned."""
    text = (
        "Ana Gómez\n## What I'm working on now\nHow GANs actually work. I'm reading the "
        "original 2014 paper and trying to train a tiny GAN on my own sketches.\n"
    )
    assert levels(reader.read(text)) == {"step-7/gans-generative-adversarial-networks": "learning"}
    done = "Ana Gómez\n## Projects\nHow GANs work: trained a GAN on my own sketches.\n"
    assert levels(reader.read(done)) == {"step-7/gans-generative-adversarial-networks": "done"}


def test_experience_that_is_still_small_is_learning(reader: CVReader) -> None:
    small = "Ana Gómez\n## Skills\nCloud: AWS, though my AWS experience is still small.\n"
    assert levels(reader.read(small)) == {"step-9/cloud-platforms": "learning"}
    years = "Ana Gómez\n## Skills\nCloud: AWS (four years, a small team's whole stack).\n"
    assert levels(reader.read(years)) == {"step-9/cloud-platforms": "done"}

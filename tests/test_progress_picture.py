"""The progress picture: rows from the graph, a state per step, valid self-contained SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.planner import plan_next_steps
from assistant.learner.profile import Profile
from assistant.web.progress_picture import describe_progress, layers, progress_svg, step_states

SVG = "{http://www.w3.org/2000/svg}"


def test_rows_put_each_step_just_above_what_needs_it(graph: RoadmapGraph) -> None:
    rows = layers(graph)
    assert [rows[f"step-{n}"] for n in (1, 2, 3, 4)] == [0, 1, 2, 3]
    # MLOps only needs Step 3, but sits with the specialisations, right above Projects.
    assert {rows[f"step-{n}"] for n in (5, 6, 7, 8, 9)} == {4}
    assert rows["step-11"] == 5


def test_states_for_a_learner_who_finished_deep_learning(
    roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    profile = Profile(
        "p",
        {
            "step-4": "done",
            "step-9": "learning",
            "step-6/basics-of-image-processing-opencv": "done",
        },
        goal="computer-vision",
    )
    plan = plan_next_steps(profile, roadmap, graph)
    states = step_states(roadmap, profile, plan)
    assert states["step-4"] == ("done", 0)
    assert [states[f"step-{n}"][0] for n in (1, 2, 3)] == ["implied"] * 3
    assert states["step-6"] == ("next", 1)
    assert states["step-9"][0] == "learning"
    assert states["step-5"] == ("todo", 0) and states["step-11"] == ("todo", 0)
    words = describe_progress(roadmap, profile, plan)
    assert "Step 4 Deep Learning: done;" in words
    assert "Step 6 Computer Vision: next 1;" in words
    assert "Step 1 Programming Fundamentals: done (implied)" in words


def test_svg_is_valid_and_draws_every_step_and_edge(roadmap: Roadmap, graph: RoadmapGraph) -> None:
    profile = Profile("p", {"step-6/basics-of-image-processing-opencv": "done"})
    plan = plan_next_steps(profile, roadmap, graph)
    svg = progress_svg(roadmap, graph, profile, plan)
    root = ET.fromstring(svg)  # well-formed XML, so the browser draws it
    groups = root.findall(f"{SVG}g")
    assert [g.get("data-step") for g in groups] == [s.id for s in roadmap.steps]
    by_step = {g.get("data-step"): g for g in groups}
    assert by_step["step-1"].get("data-state") == "next"
    assert by_step["step-6"].get("data-state") == "learning"
    texts = "".join(by_step["step-6"].itertext())
    assert "1/3 topics" in texts and "Computer Vision" in texts
    lines = root.findall(f"{SVG}line")
    assert len(lines) == len(graph.edges) + sum(len(a.options) for a in graph.any_of)
    dashed = [line for line in lines if line.get("stroke-dasharray")]
    assert len(dashed) == 5  # Step 11 needs any one of Steps 5–9
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "Step 1 Programming Fundamentals: next 1" in (desc.text or "")
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")

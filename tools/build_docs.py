"""Write the generated parts of the documents anew: from the loader's field tables, docs/campaign.schema.json (the
JSON Schema for editors) and the key reference tables in docs/campaign-format.md; from game.analysis.evidence, the
evidence cards in docs/model.md; from the model's words, the students' glossary (docs/students/glossary.md); and
every student handout as one printable HTML page beside its Markdown. tests/test_campaign_reference.py,
tests/test_claims.py and tests/test_student_materials.py fail when one is out of date.

    python tools/build_docs.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.campaign.jsonschema import campaign_schema  # noqa: E402 - after the repository is on the path
from game.analysis.evidence import markdown as evidence_cards  # noqa: E402
from game.analysis.handouts import glossary, page  # noqa: E402
from game.campaign.reference import update  # noqa: E402

FORMAT = ROOT / "docs" / "campaign-format.md"
SCHEMA = ROOT / "docs" / "campaign.schema.json"
MODEL = ROOT / "docs" / "model.md"
EVIDENCE = ("<!-- generated: EVIDENCE -->\n", "<!-- end generated -->")
STUDENTS = ROOT / "docs" / "students"


def with_evidence(text: str) -> str:
    """docs/model.md with the cards between its EVIDENCE markers written anew."""
    start, end = EVIDENCE
    head, rest = text.split(start, 1)
    return head + start + evidence_cards() + end + rest.split(end, 1)[1]


def main() -> int:
    SCHEMA.write_text(json.dumps(campaign_schema(), indent=2) + "\n", encoding="utf-8")
    FORMAT.write_text(update(FORMAT.read_text(encoding="utf-8")), encoding="utf-8")
    MODEL.write_text(with_evidence(MODEL.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {SCHEMA.relative_to(ROOT)}, the reference tables of {FORMAT.relative_to(ROOT)} and the evidence "
          f"cards of {MODEL.relative_to(ROOT)}")
    (STUDENTS / "glossary.md").write_text(glossary(), encoding="utf-8")
    for handout in sorted(STUDENTS.glob("*.md")):
        handout.with_suffix(".html").write_text(page(handout.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {(STUDENTS / 'glossary.md').relative_to(ROOT)} and a printable page per handout")
    return 0


if __name__ == "__main__":
    sys.exit(main())

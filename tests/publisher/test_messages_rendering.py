"""Every message renders exactly as before the move to gettext catalogues (issue 17).

The fixture was written from the hand-written dictionary; the catalogues must give the same bytes.
"""

import json
import string
from pathlib import Path
from typing import Any

from sonla_publisher.messages import _QUANTITIES, CATALOGUE, LANGUAGES, render

FIXTURE = Path(__file__).parent / "fixtures" / "messages_rendered.json"


def sample_params(message_id: str, number: float) -> dict[str, Any]:
    names = {name for _, name, _, _ in string.Formatter().parse(CATALOGUE[message_id]["en"]) if name}
    return {name: number if name in _QUANTITIES else f"<{name}>" for name in names}


def renderings() -> dict[str, dict[str, list[str]]]:
    return {
        message_id: {
            lang: [render(message_id, lang, sample_params(message_id, number)) for number in (1234567, 1234.5)]
            for lang in LANGUAGES
        }
        for message_id in sorted(CATALOGUE)
    }


def test_every_message_renders_as_before() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert renderings() == expected


if __name__ == "__main__":  # writes the fixture from the code as it is
    FIXTURE.write_text(json.dumps(renderings(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                       encoding="utf-8")

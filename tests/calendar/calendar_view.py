"""What a calendar application shows after importing calendar files in order.

Usage: calendar_view.py DIR [DIR …]

Reads every .ics file of each folder with the `icalendar` package (PyPI; shares no code
with cesp), folder after folder, and applies it to the calendar of its owner (the person
after « - » in the file name: « Entretien CESP - DUPONT Marie.ics », « Annulation entretien
CESP - DUPONT Marie.ics » and « Entretiens du jury CESP - Pr LEFEBVRE.ics » belong to
« DUPONT Marie » and « Pr LEFEBVRE ») the way RFC 5546 asks a calendar application to:
an event whose UID is new is added; one whose UID is known replaces it when its SEQUENCE is
not lower; METHOD:CANCEL or STATUS:CANCELLED marks it cancelled. Prints, as JSON, each
owner's events: {owner: [{uid, start, end, sequence, status, summary}]}, by start.
"""

import json
import sys
from pathlib import Path

from icalendar import Calendar


def owner(path: Path) -> str:
    return path.stem.split(" - ", 1)[1] if " - " in path.stem else path.stem


def main(folders: list[str]) -> None:
    calendars: dict[str, dict[str, dict]] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.ics")):
            cal = Calendar.from_ical(path.read_bytes())
            method = str(cal.get("METHOD", "PUBLISH")).upper()
            store = calendars.setdefault(owner(path), {})
            for event in cal.walk("VEVENT"):
                uid = str(event["UID"])
                sequence = int(event.get("SEQUENCE", 0))
                known = store.get(uid)
                if known is not None and sequence < known["sequence"]:
                    continue
                status = str(event.get("STATUS", "CONFIRMED")).upper()
                if method == "CANCEL":
                    status = "CANCELLED"
                store[uid] = {
                    "uid": uid,
                    "start": event.decoded("DTSTART").isoformat(),
                    "end": event.decoded("DTEND").isoformat(),
                    "sequence": sequence,
                    "status": status,
                    "summary": str(event.get("SUMMARY", "")),
                }
    out = {
        name: sorted(events.values(), key=lambda e: (e["start"], e["uid"]))
        for name, events in sorted(calendars.items())
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])

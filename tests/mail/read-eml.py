"""Reads the messages the test SMTP server wrote, with Python's own `email` package (a
MIME parser that shares no code with cesp's lettre), and prints them as one JSON array.

    python read-eml.py DIR          every message DIR/received.jsonl lists, in that order
    python read-eml.py FILE.eml…    those files

Each message: file, and from DIR/received.jsonl mail_from, rcpt_tos, tls, user; then
  from, to, reply_to (the headers, decoded: « Scolarité CESP <scolarite@…> »),
  to_addresses (the bare addresses of To), subject (decoded), date, message_id,
  text (the first text/plain part that is not an attachment, decoded, lines ending in \n),
  attachments: [{filename (decoded), content_type (type/subtype), params (the
  Content-Type's parameters), disposition, sha256, size, text (decoded, for text/*
  attachments only, else null)}],
  defects (what the parser found wrong in the message, as text; [] when none),
  raw_non_ascii_header (a header line with a byte above 127: not encoded as RFC 2047 asks).
Exit code 0, or 2 when a file cannot be read.
"""

import hashlib
import json
import os
import sys
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses


def part_text(part):
    try:
        return part.get_content()
    except Exception:  # noqa: BLE001 - an undecodable text is told, not fatal
        payload = part.get_payload(decode=True) or b""
        return payload.decode(part.get_content_charset() or "utf-8", "replace")


def read(path):
    raw = open(path, "rb").read()
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    out = {
        "file": os.path.basename(path),
        "from": str(msg["From"]) if msg["From"] is not None else None,
        "to": str(msg["To"]) if msg["To"] is not None else None,
        "to_addresses": [a for _, a in getaddresses([str(v) for v in msg.get_all("To", [])])],
        "reply_to": str(msg["Reply-To"]) if msg["Reply-To"] is not None else None,
        "subject": str(msg["Subject"]) if msg["Subject"] is not None else None,
        "date": str(msg["Date"]) if msg["Date"] is not None else None,
        "message_id": str(msg["Message-ID"]) if msg["Message-ID"] is not None else None,
        "content_type": msg.get_content_type(),
        "text": None,
        "attachments": [],
        "defects": [repr(d) for d in msg.defects],
        "raw_non_ascii_header": next(
            (line.decode("utf-8", "replace") for line in head.splitlines() if any(b > 127 for b in line)), None
        ),
    }
    for part in msg.walk():
        out["defects"] += [repr(d) for d in part.defects if part is not msg]
        if part.is_multipart():
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename is None and disposition != "attachment":
            if out["text"] is None and part.get_content_type() == "text/plain":
                out["text"] = part_text(part).replace("\r\n", "\n")
            continue
        data = part.get_payload(decode=True) or b""
        out["attachments"].append(
            {
                "filename": filename,
                "content_type": part.get_content_type(),
                "params": {k: v for k, v in part["Content-Type"].params.items()} if part["Content-Type"] else {},
                "disposition": disposition,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "text": part_text(part) if part.get_content_maintype() == "text" else None,
            }
        )
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if len(sys.argv) == 2 and os.path.isdir(sys.argv[1]):
            folder = sys.argv[1]
            journal = os.path.join(folder, "received.jsonl")
            entries = []
            if os.path.exists(journal):
                with open(journal, encoding="utf-8") as f:
                    entries = [json.loads(line) for line in f if line.strip()]
            messages = [{**e, **read(os.path.join(folder, e["file"]))} for e in entries]
        else:
            messages = [read(p) for p in sys.argv[1:]]
    except (OSError, ValueError) as e:
        print(f"read-eml.py: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    json.dump(messages, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A real SMTP server on 127.0.0.1 for the e-mail test in the window (aiosmtpd).

    python smtp-starttls.py --out DIR --cert CERT --key KEY [--delay SECONDS]

Offers STARTTLS with that certificate and refuses every message sent before it (« 530 Must
issue a STARTTLS command first »); no AUTH. Prints {"port": N} as the first line of its
standard output once it listens, then runs until SIGTERM or SIGINT.

Each message accepted appends one line to DIR/received.jsonl:
  {"mail_from": "…", "rcpt_tos": ["…"], "subject": "…", "tls": true,
   "attachments": [{"name": "…", "type": "application/pdf", "size": 1234, "pdf": true}]}
(names decoded as the recipient's mail program shows them; pdf: the bytes start with
« %PDF- »). --delay waits that long before answering each message (the window's progress
can then be seen).

Run with the venv's python (scripts/setup.sh test installs aiosmtpd in .tools/venv).
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, out, delay):
        self.out = out
        self.delay = delay
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        attachments = []
        for part in message.iter_attachments():
            body = part.get_payload(decode=True) or b""
            attachments.append(
                {"name": part.get_filename(), "type": part.get_content_type(), "size": len(body), "pdf": body.startswith(b"%PDF-")}
            )
        line = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"] or ""),
            "tls": session.ssl is not None,
            "attachments": attachments,
        }
        with self.lock, open(os.path.join(self.out, "received.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 2.0.0 Ok: queued"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    port = free_port()
    controller = Controller(
        Recorder(args.out, args.delay),
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        data_size_limit=20 * 1024 * 1024,
    )
    controller.start()
    print(json.dumps({"port": port}), flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())

"""A real SMTP server on this machine for the tests of `cesp mail` (aiosmtpd).

    python smtp-server.py --out DIR [--port N] [--host 127.0.0.1]
        [--starttls CERT KEY [--require-starttls] | --tls CERT KEY]
        [--auth USER:PASSWORD] [--refuse ADDRESS]... [--drop-after N]

Listens on HOST (127.0.0.1) at PORT (0, the default: a free port) and prints, as the first
line of its standard output, {"port": N} (then nothing else there); runs until SIGTERM or
SIGINT (exit code 0). Its own messages go to the standard error.

Each message accepted is written as DIR/NNNN.eml (0001.eml, 0002.eml… the raw bytes
received after DATA, dot-unstuffed) and, after it, one line appended to DIR/received.jsonl:
  {"file": "0001.eml", "mail_from": "…", "rcpt_tos": ["…"], "size": 1234,
   "tls": true|false, "user": "NAME"|null}
(tls: the message came through an encrypted connection, STARTTLS or implicit TLS; user:
the login it authenticated with). Numbering goes on from what DIR/received.jsonl already
lists, so a second server may write into the same DIR.

Options:
  --starttls CERT KEY   offers STARTTLS with that certificate (PEM files, key unencrypted);
  --require-starttls    with --starttls, refuses everything but EHLO/HELO/NOOP/QUIT/
                        STARTTLS before TLS (« 530 Must issue a STARTTLS command first »);
  --tls CERT KEY        implicit TLS (SMTPS): the TLS handshake comes first;
  --auth USER:PASSWORD  AUTH PLAIN or LOGIN with exactly these is required before MAIL
                        (« 530 5.7.0 Authentication required »; a wrong one gets « 535 5.7.8
                        Authentication credentials invalid »). With --starttls, AUTH is
                        offered only after STARTTLS; with --tls the connection is encrypted
                        from the start; with neither, AUTH is offered in clear (a test
                        server on the loopback only);
  --refuse ADDRESS      RCPT TO that address (case-insensitive; repeatable) is answered
                        « 550 5.1.1 Mailbox unknown » (ASCII, as real servers answer);
  --drop-after N        after N messages accepted, the (N+1)th DATA command is answered by
                        closing the connection at once (no reply: the client sees the
                        connection lost mid-message, nothing of it is written), and from
                        then on every new connection is closed as soon as it is accepted
                        and every further command but QUIT on an open one closes it.

Run with the venv's python (scripts/setup.sh test installs aiosmtpd in .tools/venv).
"""

import argparse
import json
import logging
import os
import signal
import ssl
import sys
import threading
import warnings

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError as e:  # pragma: no cover - told plainly, never skipped
    print(
        f"smtp-server.py: aiosmtpd is missing ({e}): run « bash scripts/setup.sh test » "
        "(it installs aiosmtpd in .tools/venv), and start this script with .tools/venv/bin/python",
        file=sys.stderr,
    )
    sys.exit(3)

REFUSED = "550 5.1.1 Mailbox unknown"


class State:
    """What the server has seen; touched only from the server's event loop."""

    def __init__(self, out, drop_after):
        self.out = out
        self.drop_after = drop_after
        self.dropped = False
        journal = os.path.join(out, "received.jsonl")
        self.accepted = 0
        if os.path.exists(journal):
            with open(journal, encoding="utf-8") as f:
                self.accepted = sum(1 for line in f if line.strip())
        self.written = 0  # by this server

    def drop_now(self):
        """Whether this DATA is one too many: from then on the server is « lost »."""
        if self.drop_after is not None and self.written >= self.drop_after:
            self.dropped = True
        return self.dropped


def encrypted(server):
    """The connection is encrypted: STARTTLS done, or implicit TLS."""
    if getattr(server, "_tls_protocol", None) is not None:
        return True
    transport = server.transport
    return transport is not None and transport.get_extra_info("ssl_object") is not None


class Handler:
    def __init__(self, state, refuse):
        self.state = state
        self.refuse = {a.lower() for a in refuse}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return REFUSED
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        st = self.state
        st.accepted += 1
        st.written += 1
        name = f"{st.accepted:04d}.eml"
        data = envelope.original_content or b""
        with open(os.path.join(st.out, name), "wb") as f:
            f.write(data)
        user = getattr(session.auth_data, "login", None)
        if isinstance(user, bytes):
            user = user.decode("utf-8", "replace")
        entry = {
            "file": name,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "size": len(data),
            "tls": encrypted(server),
            "user": user,
        }
        with open(os.path.join(st.out, "received.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return "250 2.0.0 OK: queued as " + name


class DroppingSMTP(SMTP):
    """aiosmtpd's SMTP session, which can « lose » the connection (--drop-after)."""

    def __init__(self, handler, *, state, **kwargs):
        super().__init__(handler, **kwargs)
        self.state = state
        for command, method in list(self._smtp_methods.items()):
            if command != "QUIT":
                self._smtp_methods[command] = self._guarded(command, method)

    def _guarded(self, command, method):
        async def guarded(arg):
            if self.state.dropped or (command == "DATA" and self._data_allowed() and self.state.drop_now()):
                log.warning("--drop-after %s: %s from %r answered by closing the connection",
                            self.state.drop_after, command, self.session.peer)
                self.transport.abort()
                return
            await method(arg)

        return guarded

    def _data_allowed(self):
        """DATA would be taken (so it is the message that is lost, not a refused command)."""
        if self._auth_required and not self.session.authenticated:
            return False
        return self.envelope is not None and bool(self.envelope.rcpt_tos)

    async def _handle_client(self):
        if self.state.dropped:
            log.warning("--drop-after %s: new connection from %r closed at once",
                        self.state.drop_after, self.session.peer)
            self.transport.abort()
            return
        await super()._handle_client()


class LocalController(Controller):
    """aiosmtpd's Controller, on a port chosen by the system when asked for port 0."""

    def __init__(self, handler, *, state, **kwargs):
        self.state = state
        super().__init__(handler, **kwargs)

    def factory(self):
        return DroppingSMTP(self.handler, state=self.state, **self.SMTP_kwargs)

    def _trigger_server(self):
        if self.port == 0:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def server_context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0: a free port (printed)")
    p.add_argument("--out", required=True, help="where the messages are written")
    p.add_argument("--hostname", default="localhost", help="the name in the greeting and EHLO")
    tls = p.add_mutually_exclusive_group()
    tls.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    tls.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--require-starttls", action="store_true")
    p.add_argument("--auth", metavar="USER:PASSWORD")
    p.add_argument("--refuse", action="append", default=[], metavar="ADDRESS")
    p.add_argument("--drop-after", type=int, metavar="N")
    p.add_argument("--verbose", action="store_true", help="aiosmtpd's session log on stderr")
    a = p.parse_args()
    if a.require_starttls and not a.starttls:
        p.error("--require-starttls needs --starttls CERT KEY")
    if a.auth is not None and ":" not in a.auth:
        p.error("--auth takes USER:PASSWORD")
    if a.drop_after is not None and a.drop_after < 0:
        p.error("--drop-after takes N >= 0")

    logging.basicConfig(
        level=logging.INFO if a.verbose else logging.WARNING,
        format="smtp-server: %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    # aiosmtpd's own notices that say nothing about the test (it sets the deprecated
    # Session.login_data itself on every AUTH).
    quiet = ("auth_required == True but auth_require_tls == False", "login_data is deprecated")
    logging.getLogger("mail.log").addFilter(lambda r: not any(q in r.getMessage() for q in quiet))
    os.makedirs(a.out, exist_ok=True)
    state = State(os.path.abspath(a.out), a.drop_after)

    kwargs = {"hostname": a.host, "port": a.port, "server_hostname": a.hostname, "state": state}
    if a.starttls:
        kwargs["tls_context"] = server_context(*a.starttls)
        kwargs["require_starttls"] = a.require_starttls
    if a.tls:
        kwargs["ssl_context"] = server_context(*a.tls)
    if a.auth is not None:
        user, _, password = a.auth.partition(":")
        expected = (user.encode(), password.encode())

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == expected
            if not ok:
                log.warning("AUTH %s refused for %r", mechanism, getattr(auth_data, "login", None))
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        # aiosmtpd offers AUTH only once it has done STARTTLS itself: over implicit TLS the
        # connection is already encrypted, and with no TLS at all this loopback test
        # server takes AUTH in clear (the plain-SMTP case of cesp, allowed to localhost).
        kwargs["auth_require_tls"] = bool(a.starttls)
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")

    controller = LocalController(Handler(state, a.refuse), **kwargs)
    try:
        controller.start()
    except Exception as e:  # noqa: BLE001 - any failure to listen is the same answer
        print(f"smtp-server.py: cannot listen on {a.host}:{a.port}: {type(e).__name__}: {e}", file=sys.stderr)
        return 2

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    print(json.dumps({"port": controller.port}), flush=True)
    mode = "STARTTLS" + (" (required)" if a.require_starttls else "") if a.starttls else "TLS" if a.tls else "plain"
    log.info("listening on %s:%s (%s)", a.host, controller.port, mode)
    while not stop.wait(3600):
        pass
    controller.stop()
    return 0


log = logging.getLogger("smtp-server")

if __name__ == "__main__":
    sys.exit(main())

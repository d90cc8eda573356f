#!/usr/bin/env python3
"""A loopback SMTP server for the tests (Python's smtpd is gone in 3.12):
speaks just enough ESMTP for libcurl (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT,
DATA, RSET, NOOP, QUIT) and records every message the client ended with
the lone "." line as one JSON line: envelope, whether AUTH carried the
expected password (never the password itself), and the message. A
connection that drops before the "." delivers nothing, as with a real
server.

usage: smtp_receiver.py PORTFILE LOGFILE [PASSWORD]
"""
import base64
import json
import os
import socketserver
import sys
import threading

port_file, log_file = sys.argv[1], sys.argv[2]
password = sys.argv[3] if len(sys.argv) > 3 else None
lock = threading.Lock()


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def line(self):
        raw = self.rfile.readline(65536)
        if not raw:
            raise EOFError
        return raw.decode("utf-8", "replace").rstrip("\r\n")

    def check_auth(self, user, pw):
        self.user, self.auth_ok = user, password is None or pw == password
        self.reply("235 2.7.0 ok" if self.auth_ok else "535 5.7.8 no")

    def handle(self):
        self.user, self.auth_ok = None, None
        mail_from, rcpts = None, []
        self.reply("220 localhost fbaudit test SMTP")
        try:
            while True:
                cmd = self.line()
                verb = cmd.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    self.wfile.write(b"250-localhost\r\n"
                                     b"250-AUTH PLAIN LOGIN\r\n"
                                     b"250 8BITMIME\r\n")
                    self.wfile.flush()
                elif verb == "AUTH":
                    parts = cmd.split(" ")
                    if parts[1].upper() == "PLAIN":
                        if len(parts) > 2:
                            blob = parts[2]
                        else:
                            self.reply("334 ")
                            blob = self.line()
                        _, user, pw = base64.b64decode(blob).decode() \
                            .split("\0")
                        self.check_auth(user, pw)
                    else:
                        self.reply("334 VXNlcm5hbWU6")
                        user = base64.b64decode(self.line()).decode()
                        self.reply("334 UGFzc3dvcmQ6")
                        pw = base64.b64decode(self.line()).decode()
                        self.check_auth(user, pw)
                elif verb == "MAIL":
                    mail_from, rcpts = cmd.split(":", 1)[1].strip(), []
                    self.reply("250 2.1.0 ok")
                elif verb == "RCPT":
                    rcpts.append(cmd.split(":", 1)[1].strip())
                    self.reply("250 2.1.5 ok")
                elif verb == "DATA":
                    self.reply("354 end with .")
                    lines = []
                    while True:
                        ln = self.line()
                        if ln == ".":
                            break
                        lines.append(ln[1:] if ln.startswith(".") else ln)
                    with lock, open(log_file, "a") as f:
                        f.write(json.dumps({
                            "from": mail_from, "rcpt": rcpts,
                            "user": self.user, "auth_ok": self.auth_ok,
                            "data": "\r\n".join(lines)}) + "\n")
                    self.reply("250 2.0.0 queued")
                elif verb == "QUIT":
                    self.reply("221 2.0.0 bye")
                    return
                elif verb in ("RSET", "NOOP"):
                    self.reply("250 2.0.0 ok")
                else:
                    self.reply("502 5.5.2 unknown")
        except (EOFError, ConnectionError):
            return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()

"""Browser test of applicant accounts (docs/web.md, docs/identity.md): registration by form with
the verification mail read from a local SMTP sink, then sign-in.

    python3 Tools/Browser/accounts_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots --smtp-port 28025

The services' integration must send mail to 127.0.0.1:--smtp-port (scripts/browser-test sets
ONEGATE_SMTP_URL); this script runs the sink itself: plain SMTP, every message kept."""
import argparse
import base64
import os
import random
import re
import socket
import sys
import threading
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

sys.path.insert(0, os.path.dirname(__file__))
from portal_test import Portal, step  # noqa: E402


class SMTPSink:
    """Enough SMTP for libcurl: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def __init__(self, port):
        self.messages, self.lock = [], threading.Lock()
        self.server = socket.create_server(("127.0.0.1", port), reuse_port=False)
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            connection, _ = self.server.accept()
            threading.Thread(target=self.serve, args=(connection,), daemon=True).start()

    def serve(self, connection):
        stream = connection.makefile("rwb")

        def reply(text):
            stream.write(text.encode() + b"\r\n")
            stream.flush()

        reply("220 sink ESMTP")
        recipients = []
        while True:
            line = stream.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                reply("250 OK")
            elif verb == "DATA":
                reply("354 go ahead")
                lines = []
                while True:
                    data = stream.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                with self.lock:
                    self.messages.append((recipients, b"".join(lines).decode(errors="replace")))
                reply("250 queued")
            elif verb == "QUIT":
                reply("221 bye")
                connection.close()
                return
            else:
                reply("250 OK")

    def text_to(self, address, containing, seconds=30):
        """The decoded body of the newest message to `address` containing `containing`."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            with self.lock:
                found = [raw for recipients, raw in self.messages if address in recipients]
            for raw in reversed(found):
                head, _, body = raw.partition("\r\n\r\n")
                text = base64.b64decode("".join(body.split())).decode() if "base64" in head.lower() else body
                if containing in text:
                    return text
            time.sleep(0.2)
        raise AssertionError(f"no mail to {address} containing {containing} within {seconds} s")


def registration(portal, sink):
    email = f"an.{random.randrange(10**9)}@example.vn"
    password = "Matkhau2026an"

    step("registration: a form error keeps the values and names the field")
    portal.open("/sign-in")
    portal.find("#register-link").click()
    portal.wait(EC.presence_of_element_located((By.ID, "register-button")))
    assert portal.find("h1").text == "Đăng ký tài khoản"
    portal.find("#fullName").send_keys("Trần Thị An")
    portal.find("#idNumber").send_keys("12345")
    portal.find("#phone").send_keys("0912345678")
    portal.find("#email").send_keys(email)
    portal.find("#password").send_keys(password)
    portal.find("#register-button").click()
    summary = portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".error-summary")))
    assert portal.find(".error-summary a").get_attribute("href").endswith("#idNumber"), summary.text
    assert "12 chữ số" in portal.find("#idNumber-error").text
    assert portal.find("#idNumber").get_attribute("aria-invalid") == "true"
    assert portal.find("#fullName").get_attribute("value") == "Trần Thị An"
    assert portal.find("#email").get_attribute("value") == email
    assert portal.find("#password").get_attribute("value") == "", "the password is not sent back"
    portal.shot("register-error")

    step("registration sends the verification mail; the account cannot sign in before it is verified")
    portal.find("#idNumber").clear()
    portal.find("#idNumber").send_keys("001190012345")
    portal.find("#password").send_keys(password)
    portal.find("#register-button").click()
    portal.wait(EC.presence_of_element_located((By.ID, "account-message")))
    assert portal.find("h1").text == "Kiểm tra hộp thư của bạn"
    portal.shot("register-sent")
    text = sink.text_to(email, "/register/verify?token=")
    link = re.search(r"https?://\S+/register/verify\?token=[A-Za-z0-9_-]+", text).group(0)
    portal.open("/sign-in")
    portal.find("#username").send_keys(email)
    portal.find("#password").send_keys(password)
    portal.find("#sign-in-button").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".error-summary")))
    assert "chưa được kích hoạt" in portal.find(".error-summary").text
    portal.shot("sign-in-unverified")

    step("the mail's link activates the account; sign-in with the e-mail address")
    portal.open(link[link.index("/register/verify"):])
    portal.find("#token-button").click()
    portal.wait(EC.presence_of_element_located((By.ID, "account-sign-in")))
    assert portal.find("h1").text == "Tài khoản đã được kích hoạt"
    portal.shot("verified")
    portal.find("#account-sign-in").click()
    portal.find("#username").send_keys(email)
    portal.find("#password").send_keys(password)
    portal.find("#sign-in-button").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".user-name")))
    assert portal.find(".user-name").text == "Đã đăng nhập: Trần Thị An"
    portal.shot("signed-in-registered")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--smtp-port", type=int, required=True)
    arguments = parser.parse_args()
    sink = SMTPSink(arguments.smtp_port)
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    started = time.time()
    try:
        registration(portal, sink)
    except Exception:
        portal.shot("accounts-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"web: account checks passed in {time.time() - started:.1f} s; screenshots in {arguments.shots}")


if __name__ == "__main__":
    main()

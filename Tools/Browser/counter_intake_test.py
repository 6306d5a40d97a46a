"""Browser test of the desk officers' counter intake (issue 16, docs/web.md "Counter intake (workspace)").

    python3 Tools/Browser/counter_intake_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots

The demo desk `officer` signs in, opens "Tiếp nhận tại quầy" from the workspace navigation, chooses
the birth registration and sends the form without the child's name (named in the summary and next
to the field, the scans kept); then completes a walk-in dossier with a scanned PDF per component:
the receipt shows the code, "Được tiếp nhận", the due date, the token and the QR code; a double
submission of the same page makes no second dossier; form 01 downloads as a PDF with the dossier
code whose QR code (pdftoppm + zbarimg) opens the status page showing status 2; the case page lists
the scans. A postal entry's receipt says it awaits reception (status 1). Intake refuses a counter
entry from a specialist (403 through the API) and a citizen gets the 403 page at /workspace/intake."""
import argparse
import base64
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

sys.path.insert(0, os.path.dirname(__file__))
from api import PDF  # noqa: E402
from applicant_test import sign_in  # noqa: E402
from portal_test import DESKTOP, PHONE, Portal, step  # noqa: E402
from submission_test import follow, set_value  # noqa: E402
from workspace_case_test import fetch  # noqa: E402

PROCEDURE = "1.001193"
COMPONENTS = ("TK", "GCS", "GTTT")


def both_widths(portal, name):
    portal.shot(name)
    portal.size(390, PHONE[1])
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def scans(directory, tag):
    paths = {}
    for component in COMPONENTS:
        path = os.path.join(directory, f"scan-{component.lower()}-{tag}.pdf")
        with open(path, "wb") as file:
            file.write(PDF + f"% scan {component} {tag}\n".encode())
        paths[component] = path
    return paths


def open_form(portal):
    portal.find(f'#intake-procedure option[value="{PROCEDURE}"]').click()
    follow(portal, "#intake-choose")
    assert portal.find("#intake-form-title").text == "Đăng ký khai sinh", portal.find("#intake-form-title").text


def fill(portal, channel, child_name):
    portal.find(f"#channel-{channel}").click()
    for field, value in (("#applicant-name", "Trần Văn Bình"), ("#applicant-idNumber", "001190088888"),
                         ("#applicant-phone", "0987654321"), ("#applicant-email", "binh.tran@example.vn"),
                         ("#applicant-address", "Phường Hoàn Kiếm, Hà Nội"),
                         ("#form-applicantName", "Trần Văn Bình"), ("#form-applicantIdNumber", "001190088888"),
                         ("#form-phone", "0987654321"), ("#form-birthPlace", "Bệnh viện Phụ sản tỉnh Demo")):
        portal.find(field).clear()
        portal.find(field).send_keys(value)
    if child_name:
        portal.find("#form-childName").clear()
        portal.find("#form-childName").send_keys(child_name)
    set_value(portal, "#form-childBirthDate", "2026-11-21")
    portal.find('#form-childSex option[value="Nam"]').click()
    portal.find('#form-relationship option[value="Cha"]').click()


def upload(portal, files):
    for component, path in files.items():
        portal.find(f"#doc-{component}").send_keys(path)
    for component in files:
        portal.wait(lambda d, c=component: "Đã tải lên" in d.find_element(
            By.CSS_SELECTOR, f'.upload-field[data-component="{c}"] .upload-status').text, seconds=30)


def receipt_values(portal):
    portal.wait(EC.presence_of_element_located((By.ID, "receipt-code")))
    return portal.find("#receipt-code").text, portal.find("#receipt-token").text


def walk_in(portal, directory, tag):
    step("desk officer: the intake from the workspace navigation")
    sign_in(portal, "officer", "/sign-in?next=/workspace/")
    follow(portal, "#ws-nav-intake")
    assert portal.driver.current_url.endswith("/workspace/intake"), portal.driver.current_url
    assert portal.find("h1").text == "Tiếp nhận hồ sơ tại quầy", portal.find("h1").text
    both_widths(portal, "intake-choose")
    open_form(portal)
    key = portal.find('input[name="idempotencyKey"]').get_attribute("value")
    assert key.startswith("web-"), key

    step("a missing field is named in the summary and next to the field, the scans kept")
    fill(portal, "direct", None)
    upload(portal, scans(directory, tag))
    portal.find("#confirm").click()
    follow(portal, "#intake-submit")
    summary = portal.find(".error-summary").text
    assert "Họ, chữ đệm, tên người được khai sinh" in summary, summary
    assert portal.find("#form-childName").get_attribute("aria-invalid") == "true"
    assert portal.find("#form-childName-error").text, "no message next to the field"
    assert portal.find("#applicant-idNumber").get_attribute("value") == "001190088888"
    kept = [e.text for e in portal.finds(".uploaded strong")]
    assert len(kept) == 3 and all(name.startswith("scan-") for name in kept), kept
    assert portal.find('input[name="idempotencyKey"]').get_attribute("value") == key, "the page's key changed"
    both_widths(portal, "intake-error")

    step("the walk-in dossier: the receipt with code, status 2, due date, token and QR")
    portal.find("#form-childName").send_keys("Trần Minh Khang")
    if not portal.find("#confirm").is_selected():
        portal.find("#confirm").click()
    # The same page sent twice at once (a double click): the page's idempotency key makes one dossier.
    urls = portal.driver.execute_async_script("""
        var done = arguments[arguments.length - 1], form = document.getElementById('submission-form');
        var send = function () { return fetch(form.action, {method: 'POST', body: new FormData(form), credentials: 'same-origin'})
          .then(function (r) { return r.url; }); };
        Promise.all([send(), send()]).then(done).catch(function (e) { done([String(e)]); });""")
    assert len(urls) == 2 and urls[0] == urls[1] and "/workspace/intake/" in urls[0], f"two dossiers or an error: {urls}"
    portal.driver.get(urls[0])
    code, token = receipt_values(portal)
    assert code.startswith("000.00.01.H30-") and token, (code, token)
    status = portal.find("#receipt-status").text
    assert status.startswith("Được tiếp nhận") and "2/10" in status, status
    assert portal.find("#receipt-due").text.startswith("Hẹn trả:"), portal.find("#receipt-due").text
    assert not portal.finds("#intake-awaiting")
    both_widths(portal, "intake-receipt")
    return code, token


def receipt_form(portal, base, shots, code, token):
    step("form 01: a PDF with the dossier code whose QR code opens the status page at status 2")
    href = portal.find("#intake-print-receipt").get_attribute("href")
    status, media, disposition, _ = fetch(portal, href)
    assert status == 200 and media.startswith("application/pdf") and disposition.startswith("inline"), (status, media, disposition)
    pdf = os.path.join(shots, "intake-form-01.pdf")
    body = portal.driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: "same-origin"}).then(function (r) { return r.arrayBuffer(); }).then(function (b) {
          var bytes = new Uint8Array(b), text = "";
          for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
          done(btoa(text));
        });""", href)
    with open(pdf, "wb") as file:
        file.write(base64.b64decode(body))
    with open(pdf, "rb") as file:
        assert file.read(5) == b"%PDF-", "form 01 is not a PDF"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert code in text, f"{code} not in form 01's text"
    prefix = os.path.join(shots, "intake-form-01")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", pdf, prefix], check=True)
    page_png = next(os.path.join(shots, name) for name in sorted(os.listdir(shots)) if name.startswith("intake-form-01") and name.endswith(".png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", page_png], capture_output=True, text=True, check=True).stdout.strip()
    expected = f"/track/{urllib.parse.quote(code, safe='')}?token={urllib.parse.quote(token, safe='')}"
    assert decoded.endswith(expected), f"form 01's QR decodes to {decoded!r}, expected …{expected!r}"
    # The host is processing's ONEGATE_PUBLIC_BASE_URL (unset on the bench: 127.0.0.1:8080); the path opens here.
    parsed = urllib.parse.urlsplit(decoded)
    portal.driver.get(f"{base}{parsed.path}?{parsed.query}")
    portal.wait(EC.presence_of_element_located((By.ID, "status-name")))
    assert portal.find("#status-name").get_attribute("data-status") == "2", portal.find("#status-name").get_attribute("data-status")
    portal.shot("intake-qr-status")


def case_lists_scans(portal, code):
    step("the case page lists the scans")
    portal.open(f"/workspace/dossiers/{urllib.parse.quote(code, safe='')}")
    portal.wait(EC.presence_of_element_located((By.ID, "case-status")))
    checklist = portal.find("#checklist").text
    assert "scan-gcs-" in checklist and "scan-tk-" in checklist, checklist
    portal.shot("intake-case")


def postal(portal, directory, tag):
    step("a postal entry: its receipt says it awaits reception")
    portal.open("/workspace/intake")
    open_form(portal)
    fill(portal, "postal", "Trần Minh Khôi")
    upload(portal, scans(directory, tag))
    portal.find("#confirm").click()
    follow(portal, "#intake-submit")
    code, _ = receipt_values(portal)
    assert portal.find("#intake-awaiting").text.startswith("Hồ sơ gửi qua bưu chính đang chờ tiếp nhận"), portal.find("#intake-awaiting").text
    assert "1/10" in portal.find("#receipt-status").text, portal.find("#receipt-status").text
    assert not portal.finds("#intake-print-receipt")
    both_widths(portal, "intake-postal")
    return code


def refusals(portal):
    step("intake refuses a counter entry from a specialist; a citizen gets the 403 page")
    api = portal.api
    specialist = api.login("specialist")
    body = {"procedureCode": PROCEDURE, "agencyCode": "000.00.01.H30", "channel": "direct",
            "applicant": {"kind": "citizen", "name": "Trần Văn Bình", "idNumber": "001190088888", "phone": "0987654321",
                          "email": "binh.tran@example.vn", "address": "Hà Nội"},
            "form": {}, "attachments": []}
    status, reply = api.call("POST", "/api/v1/dossiers", body, specialist)
    assert status == 403, (status, reply)
    sign_in(portal, "specialist", "/sign-in?next=/workspace/")
    status, _, _, text = fetch(portal, "/workspace/intake")
    assert status == 403 and "submission-form" not in text, (status, text[:300])
    portal.open("/workspace/intake")
    assert portal.find("h1").text == "Không được phép" and not portal.finds("#intake-procedure"), portal.find("h1").text
    assert not portal.finds("#ws-nav-intake"), "the specialist is shown the intake link"
    sign_in(portal, "citizen", "/sign-in?next=/")
    portal.open("/workspace/intake")
    assert portal.find("h1").text == "Không được phép" and not portal.finds("#intake-procedure"), portal.find("h1").text
    status, _, _, _ = fetch(portal, "/workspace/intake")
    assert status == 403, status
    portal.shot("intake-citizen-403")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")
    portal = Portal(base, arguments.shots)
    started = time.time()
    tag = str(int(time.time() * 1000))
    try:
        with tempfile.TemporaryDirectory() as directory:
            code, token = walk_in(portal, directory, tag)
            receipt_form(portal, base, arguments.shots, code, token)
            case_lists_scans(portal, code)
            postal(portal, directory, tag + "p")
        refusals(portal)
    except Exception:
        portal.shot("failure-intake", full=False)
        raise
    finally:
        portal.quit()
    print(f"web: counter intake checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

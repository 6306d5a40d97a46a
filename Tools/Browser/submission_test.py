"""Browser test of the online submission (issue 15, docs/web.md "Online submission"): a signed-in
citizen searches without diacritics, opens the procedure, submits online with three PDF uploads,
gets the receipt whose QR code (decoded with zbar) opens the status page; officers then take the
dossier through the whole process with the JSON API while the same open status page shows each
new status without a reload, up to status 10 with the e-result downloadable; the applicant rates
the handling once on the status page, and the statistical report counts it for the procedure.

    python3 Tools/Browser/submission_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots"""
import argparse
import datetime
import json
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
from applicant_test import act, sign_in  # noqa: E402
from portal_test import DESKTOP, PHONE, Portal, step  # noqa: E402

# The chain after reception, as the demo users whose roles each step needs (Tools/Bench/WorkflowScenario.swift).
CHAIN = [("transfer", "officer", None), ("assign", "head", {"assignee": "specialist"}),
         ("complete-step", "specialist", {"note": "Hồ sơ hợp lệ"}), ("approve", "leader", None)]


def pdf_files(directory, tag):
    paths = {}
    for component in ("TK", "GCS", "GTTT"):
        path = os.path.join(directory, f"{component.lower()}-{tag}.pdf")
        with open(path, "wb") as file:
            file.write(PDF + f"% {component} {tag}\n".encode())
        paths[component] = path
    return paths


def follow(portal, css):
    """Clicks `css` and waits until the next page has replaced this one: a marker set in this page
    is gone (chromedriver sometimes answers the staleness check of an old element with an inspector
    error, "Node with given id does not belong to the document", instead of "stale")."""
    portal.driver.execute_script("window.__leaving = true;")
    portal.find(css).click()
    portal.wait(lambda d: d.execute_script("return window.__leaving !== true && document.readyState === 'complete';"), seconds=30)


def set_value(portal, css, value):
    element = portal.find(css)
    portal.driver.execute_script("arguments[0].value = arguments[1];", element, value)


def submit_online(portal, files):
    step("signed in, search without diacritics and open the procedure")
    sign_in(portal, "citizen", "/sign-in?next=" + urllib.parse.quote("/?q=dang+ky+khai+sinh"))
    portal.open("/?q=dang+ky+khai+sinh")
    follow(portal, 'a[href="/procedures/1.001193"]')
    assert portal.find("h1").text == "Đăng ký khai sinh"
    follow(portal, "#submit-online")

    step("the form: the applicant prefilled from the account, the e-form by type, one upload per component")
    assert portal.find("h1").text == "Đăng ký khai sinh"
    assert portal.find("#applicant-name").get_attribute("value"), "the signed-in applicant's name is prefilled"
    limits = portal.find("#upload-limits").text
    assert "PDF" in limits and "MB" in limits, limits
    assert portal.find("#form-childBirthDate").get_attribute("type") == "date"
    assert portal.find("#form-childSex").tag_name == "select"
    for field, value in (("#applicant-idNumber", "001190099999"), ("#applicant-phone", "0912345678"),
                         ("#form-applicantName", "Nguyễn Văn An"), ("#form-applicantIdNumber", "001190099999"),
                         ("#form-birthPlace", "Bệnh viện Phụ sản tỉnh Demo")):
        portal.find(field).clear()
        portal.find(field).send_keys(value)
    set_value(portal, "#form-childBirthDate", "2026-11-20")
    portal.find('#form-childSex option[value="Nữ"]').click()
    portal.find('#form-relationship option[value="Cha"]').click()
    portal.find("#applicant-name").clear()
    portal.find("#applicant-name").send_keys("Nguyễn Văn An")

    step("three PDFs, each uploaded at once with a progress bar")
    for component, path in files.items():
        portal.find(f"#doc-{component}").send_keys(path)
    for component in files:
        portal.wait(lambda d, c=component: "Đã tải lên" in d.find_element(
            By.CSS_SELECTOR, f'.upload-field[data-component="{c}"] .upload-status').text, seconds=30)
        progress = portal.find(f'.upload-field[data-component="{component}"] progress')
        assert progress.get_attribute("value") == "100", progress.get_attribute("value")
    portal.shot("submit-uploaded")

    step("a missing field: the form comes back with the values and the uploads kept, the field named")
    follow(portal, "#continue-button")
    summary = portal.find(".error-summary").text
    assert "Họ, chữ đệm, tên người được khai sinh" in summary, summary
    assert portal.find("#form-childName").get_attribute("aria-invalid") == "true"
    assert portal.find("#form-birthPlace").get_attribute("value") == "Bệnh viện Phụ sản tỉnh Demo"
    assert portal.find("#applicant-idNumber").get_attribute("value") == "001190099999"
    kept = [e.text for e in portal.finds(".uploaded strong")]
    assert len(kept) == 3 and all(name.endswith(".pdf") for name in kept), kept
    portal.shot("submit-error")
    portal.size(*PHONE)
    portal.no_horizontal_scroll()
    portal.shot("submit-error")
    portal.size(*DESKTOP)

    step("the review page, then submit")
    portal.find("#form-childName").send_keys("Nguyễn Minh Châu")
    follow(portal, "#continue-button")
    assert portal.find("h1").text == "Kiểm tra lại trước khi nộp", portal.find("h1").text
    review = portal.find("#review-form").text
    assert "Nguyễn Minh Châu" in review and "20/11/2026" in review, review
    assert len(portal.finds("#review-documents div")) == 3
    portal.shot("submit-review")
    follow(portal, "#confirm-button")


def receipt(portal, base, shots):
    step("the receipt: code, lookup token, QR code that decodes to the status page")
    portal.wait(EC.presence_of_element_located((By.ID, "receipt-code")))
    code = portal.find("#receipt-code").text
    token = portal.find("#receipt-token").text
    assert code.startswith("000.00.01.H30-") and token, (code, token)
    assert portal.find("#receipt-status").text.startswith("Mới đăng ký"), portal.find("#receipt-status").text
    status_url = f"{base}/track/{urllib.parse.quote(code, safe='')}?token={urllib.parse.quote(token, safe='')}"
    qr = os.path.join(shots, "receipt-qr.png")
    portal.find("#receipt-qr").screenshot(qr)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", qr], capture_output=True, text=True, check=True).stdout.strip()
    assert decoded == status_url, f"QR decodes to {decoded!r}, expected {status_url!r}"
    portal.shot("receipt")
    portal.size(*PHONE)
    portal.no_horizontal_scroll()
    portal.shot("receipt")
    portal.size(*DESKTOP)
    return code, token


def follow_to_the_result(portal, code):
    step("the status page from the receipt: status 1; then each officer action shows without a reload")
    follow(portal, "#receipt-status-link")
    assert portal.find("#status-name").get_attribute("data-status") == "1"
    portal.driver.execute_script("window.__stillTheSamePage = true;")
    api = portal.api
    tokens = {user: api.login(user) for user in ("officer", "head", "specialist", "leader")}
    api.wait_for_state(tokens["officer"], code, "awaiting-reception")

    def shows(status):
        portal.wait(lambda d: d.find_element(By.ID, "status-name").get_attribute("data-status") == status, seconds=30)
        assert portal.driver.execute_script("return window.__stillTheSamePage === true"), "the page was reloaded"

    act(api, code, "receive", tokens["officer"])
    shows("2")
    portal.shot("journey-status-2")
    seen = {"2"}
    for action, user, body in CHAIN:
        reply = act(api, code, action, tokens[user], body)
        national = str(reply.get("status", {}).get("code", ""))
        if national and national not in seen:
            shows(national)
            seen.add(national)
    status, _, data = api.raw("POST", "/api/v1/documents", PDF + b"% result\n",
                              {"Content-Type": "application/pdf", "X-Filename": "giay-khai-sinh.pdf",
                               "Authorization": "Bearer " + tokens["leader"]})
    assert status == 201, f"result upload: {status} {data[:200]!r}"
    result = json.loads(data)["id"]
    act(api, code, "issue-result", tokens["leader"], {"resultDocuments": [result]})
    act(api, code, "return-result", tokens["officer"], {"channel": "direct"})
    shows("10")
    timeline = [e.text for e in portal.finds(".timeline-item")]
    assert "Trạng thái 10/10" in timeline[0] and any("Trạng thái 2/10" in t for t in timeline), timeline
    portal.shot("journey-status-10")

    step("the e-result is downloadable from the applicant's own dossier page")
    portal.open(f"/me/dossiers/{urllib.parse.quote(code, safe='')}")
    links = portal.finds(".result-link")
    assert links, "no e-result link on the owner's dossier page"
    fetched = portal.driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: "same-origin"}).then(function (r) {
          return r.arrayBuffer().then(function (b) { done([r.status, r.headers.get("Content-Type"), b.byteLength]); });
        }).catch(function (e) { done([0, String(e), 0]); });""", links[0].get_attribute("href"))
    assert fetched[0] == 200 and fetched[1].startswith("application/pdf") and fetched[2] > 0, fetched
    portal.shot("journey-result")


def anonymous_without_javascript(base, shots, files):
    step("without JavaScript and without an account: the files travel in the form's POST, the receipt follows")
    plain = Portal(base, shots, javascript=False)
    try:
        plain.open("/procedures/1.001193/submit")
        assert plain.find("#applicant-name").get_attribute("value") == "", "nothing is prefilled for an anonymous visitor"
        for field, value in (("#applicant-name", "Trần Thị Bình"), ("#applicant-idNumber", "001190088888"),
                             ("#form-applicantName", "Trần Thị Bình"), ("#form-applicantIdNumber", "001190088888"),
                             ("#form-childName", "Trần Gia Huy"), ("#form-birthPlace", "Trạm y tế xã Demo")):
            plain.find(field).send_keys(value)
        set_value(plain, "#form-childBirthDate", "2026-11-20")  # typing depends on the browser's locale
        plain.find('#form-childSex option[value="Nam"]').click()
        plain.find('#form-relationship option[value="Mẹ"]').click()
        plain.find("#doc-TK").send_keys(files["TK"])
        plain.find("#doc-GCS").send_keys(files["GCS"])
        follow(plain, "#continue-button")
        summary = plain.find(".error-summary").text
        assert summary.count("\n") == 1 and "Giấy tờ tùy thân" in summary, summary
        kept = sorted(e.text for e in plain.finds(".uploaded strong"))
        assert len(kept) == 2, kept
        plain.find("#doc-GTTT").send_keys(files["GTTT"])
        follow(plain, "#continue-button")
        if plain.finds(".error-summary"):
            raise AssertionError(plain.find(".error-summary").text)
        follow(plain, "#confirm-button")
        code = plain.find("#receipt-code").text
        assert code.startswith("000.00.01.H30-") and plain.find("#receipt-token").text
        assert plain.find("#receipt-qr").get_attribute("src").startswith("data:image/svg+xml;base64,")
        plain.shot("anonymous-receipt-no-js")
        follow(plain, "#receipt-status-link")
        assert plain.find("#status-name").get_attribute("data-status") == "1"
        assert not plain.find("#live-note").is_displayed(), "JavaScript ran (it shows the live note)"
    except Exception:
        plain.shot("failure-no-js", full=False)
        raise
    finally:
        plain.quit()


def vietnam_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()


def satisfied_in_report(api, admin):
    day = vietnam_today()
    status, report = api.call("GET", f"/api/v1/reports/summary?from={day}&to={day}&groupBy=procedure", token=admin)
    assert status == 200, f"summary: {status} {report}"
    row = next((item for item in report.get("items", []) if item.get("group") == "1.001193"), {})
    return (row.get("ratings") or {}).get("satisfied", 0)


def rate(portal, code):
    step("status 10: the applicant rates the handling once, and the statistical report counts it")
    admin = portal.api.login("admin")
    before = satisfied_in_report(portal.api, admin)
    portal.open(f"/me/dossiers/{urllib.parse.quote(code, safe='')}")
    follow(portal, "#rating-send")
    assert portal.find("#rating-error").text, "a rating without a choice names the problem"
    portal.find('#rating-choices input[value="satisfied"]').click()
    portal.find("#rating-comment").send_keys("Cán bộ hướng dẫn tận tình.")
    follow(portal, "#rating-send")
    portal.wait(EC.presence_of_element_located((By.ID, "rating-thanks")))
    assert portal.find("#rating-given").text == "Hài lòng", portal.find("#rating-given").text
    assert not portal.finds("#rating-send"), "a dossier is rated once"
    portal.shot("journey-rated")
    deadline = time.time() + 30
    while satisfied_in_report(portal.api, admin) != before + 1:
        assert time.time() < deadline, f"the report still counts {satisfied_in_report(portal.api, admin)} satisfied, expected {before + 1}"
        time.sleep(0.3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")
    portal = Portal(base, arguments.shots)
    started = time.time()
    try:
        with tempfile.TemporaryDirectory() as directory:
            anonymous_without_javascript(base, arguments.shots, pdf_files(directory, f"anonymous-{int(time.time() * 1000)}"))
            submit_online(portal, pdf_files(directory, str(int(time.time() * 1000))))
        code, _ = receipt(portal, base, arguments.shots)
        follow_to_the_result(portal, code)
        rate(portal, code)
    except Exception:
        portal.shot("failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"web: online submission checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

"""Browser test of the officers' case page (issue 16, docs/web.md "Workspace"): a citizen submits
online through the portal; then, only in the browser and with one sign-in per role, the desk officer
receives and transfers, the head assigns the specialist, the specialist completes the step, the leader
approves and issues the result with an uploaded PDF and the desk returns it — while the citizen's
status page follows each step. Also: a form sent without its confirmation is refused with nothing
changed; a supplement requested at reception and recorded at the desk, an extension with form
04; the specialist sees no approve button and a forged approve POST is refused (403, status
unchanged); attachments open inline; form 01 prints as a PDF; an officer of another agency cannot
open the case.

    python3 Tools/Browser/workspace_case_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots"""
import argparse
import datetime
import os
import sys
import tempfile
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

sys.path.insert(0, os.path.dirname(__file__))
from api import PASSWORD, PDF  # noqa: E402
from applicant_test import sign_in  # noqa: E402
from portal_test import DESKTOP, PHONE, Portal, step  # noqa: E402
from submission_test import follow, pdf_files, receipt, submit_online  # noqa: E402

OTHER_AGENCY_OFFICER = "officer.h62"




def case_path(code):
    return f"/workspace/dossiers/{urllib.parse.quote(code, safe='')}"


def shown_status(portal):
    return portal.driver.execute_script(
        "var e = document.getElementById('case-status'); return e ? e.getAttribute('data-status') : null;")


def tracker_follows(tracker, status):
    """The citizen's status page (left open, re-reading itself) shows `status`."""
    tracker.wait(lambda d: d.execute_script(
        "var e = document.getElementById('status-name'); return e && e.getAttribute('data-status');") == status, seconds=30)


def both_widths(portal, name):
    portal.shot(name)
    portal.size(*PHONE)
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def do_action(portal, action, fill=None, confirm=True):
    """Opens the action's panel, fills its inputs, ticks the confirmation and sends it."""
    assert portal.finds(f"#action-{action}"), f"no {action} button; offered: {offered(portal)}"
    panel = portal.find(f"#action-{action}")
    if panel.get_attribute("open") is None:
        portal.find(f"#open-{action}").click()
    if fill:
        fill(portal)
    if confirm:
        portal.find(f"#{action}-confirm").click()
    follow(portal, f"#do-{action}")


def offered(portal):
    return [e.get_attribute("id")[len("action-"):] for e in portal.finds(".action-panel")]


def fetch(portal, url, method="GET", body=None):
    """(status, content type, content disposition, text start) of a same-origin request with the session."""
    return portal.driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var init = {credentials: "same-origin", method: arguments[1]};
        if (arguments[2] !== null) { init.body = new URLSearchParams(arguments[2]); }
        fetch(arguments[0], init).then(function (r) {
          return r.text().then(function (t) {
            done([r.status, r.headers.get("Content-Type"), r.headers.get("Content-Disposition"), t.slice(0, 20000)]);
          });
        }).catch(function (e) { done([0, String(e), null, ""]); });""", url, method, body)


def sign_in_to_case(portal, user, code):
    sign_in(portal, user, "/sign-in?next=" + urllib.parse.quote(case_path(code)))
    portal.open(case_path(code))
    portal.wait(EC.presence_of_element_located((By.ID, "case-status")))


def the_process(portal, tracker, code, result_pdf):
    api = portal.api
    officer_token = api.login("officer")
    api.wait_for_state(officer_token, code, "awaiting-reception")

    step("desk officer: the case page offers receiving; without the confirmation nothing happens")
    sign_in_to_case(portal, "officer", code)
    assert shown_status(portal) == "1", shown_status(portal)
    assert "receive" in offered(portal), offered(portal)
    rows = portal.finds("#checklist .checklist-row")
    assert len(rows) >= 3 and all("Đã có" in r.text for r in rows[:3]), [r.text for r in rows]
    do_action(portal, "receive", confirm=False)
    summary = portal.find(".error-summary").text
    assert "xác nhận" in summary, summary
    assert shown_status(portal) == "1"
    both_widths(portal, "case-confirm-missing")

    step("desk officer: a PDF attachment opens in the browser, form 01 prints as a PDF")
    link = portal.find("#checklist .document-link").get_attribute("href")
    status, media, disposition, _ = fetch(portal, link)
    assert status == 200 and media.startswith("application/pdf") and disposition.startswith("inline"), (status, media, disposition)

    step("desk officer receives: status 2 on the case page and on the citizen's status page")
    do_action(portal, "receive")
    assert "Đã thực hiện: Tiếp nhận" in portal.find(".notice").text, portal.find(".notice").text
    assert shown_status(portal) == "2", shown_status(portal)
    tracker_follows(tracker, "2")
    status, media, _, _ = fetch(portal, portal.find("#form-link-01").get_attribute("href"))
    assert status == 200 and media.startswith("application/pdf"), (status, media)
    both_widths(portal, "case-received")

    step("desk officer transfers it for handling")
    do_action(portal, "transfer")
    transferred = shown_status(portal)
    assert transferred in ("3", "4"), transferred
    tracker_follows(tracker, transferred)

    step("department head assigns the unit's specialist, chosen from a list")
    sign_in_to_case(portal, "head", code)

    def choose_specialist(p):
        options = [o.get_attribute("value") for o in p.finds("#assign-assignee option")]
        assert "specialist" in options, options
        p.find('#assign-assignee option[value="specialist"]').click()
    do_action(portal, "assign", choose_specialist)
    assert "Trần Văn Xử Lý" in portal.find("#case-assignee").text, portal.find("#case-assignee").text
    tracker_follows(tracker, shown_status(portal))
    both_widths(portal, "case-assigned")

    step("specialist: no approve button; a forged approve POST is refused and changes nothing")
    sign_in_to_case(portal, "specialist", code)
    assert "complete-step" in offered(portal) and "approve" not in offered(portal), offered(portal)
    do_action(portal, "complete-step", lambda p: p.find("#complete-step-note").send_keys("Hồ sơ hợp lệ, đề nghị phê duyệt"))
    after_step = shown_status(portal)
    assert "approve" not in offered(portal), offered(portal)
    assert not portal.finds("#do-approve")
    csrf = portal.find('input[name="csrf"]').get_attribute("value")
    status, _, _, text = fetch(portal, case_path(code) + "/approve", "POST",
                               {"csrf": csrf, "confirm": "yes", "idempotencyKey": "forged-" + str(time.time())})
    assert status == 403 and "error-summary" in text, (status, text[:500])
    portal.open(case_path(code))
    assert shown_status(portal) == after_step, (shown_status(portal), after_step)
    tracker_follows(tracker, after_step)
    portal.shot("case-specialist")

    step("leader approves and issues the result with an uploaded PDF")
    sign_in_to_case(portal, "leader", code)
    do_action(portal, "approve")
    tracker_follows(tracker, shown_status(portal))
    do_action(portal, "issue-result", confirm=False)  # no file and no confirmation: both named
    summary = portal.find(".error-summary").text
    assert "PDF" in summary and "xác nhận" in summary, summary
    do_action(portal, "issue-result", lambda p: p.find("#issue-result-resultFile").send_keys(result_pdf))
    assert "Ban hành kết quả" in portal.find(".notice").text, portal.find(".notice").text
    issued = shown_status(portal)
    assert issued == "9", issued
    tracker_follows(tracker, "9")
    deadline = time.time() + 30
    while not portal.finds("#case-results .case-result"):
        assert time.time() < deadline, "the e-result did not appear on the case page"
        time.sleep(0.5)
        portal.open(case_path(code))
    signature = portal.find("#case-results .case-signature").text
    assert signature.startswith("Đã ký số"), signature
    both_widths(portal, "case-result-issued")

    step("desk officer returns the result: status 10 everywhere")
    sign_in_to_case(portal, "officer", code)

    def direct(p):
        p.find('#return-result-channel option[value="direct"]').click()
    do_action(portal, "return-result", direct)
    assert shown_status(portal) == "10", shown_status(portal)
    tracker_follows(tracker, "10")
    slip = [e.text for e in portal.finds("#slip .slip-row")]
    assert len(slip) >= 7, slip
    assert not portal.finds(".action-panel") or "return-result" not in offered(portal)
    both_widths(portal, "case-returned")
    tracker.shot("case-citizen-status-10")


def supplement_and_extension(portal):
    """A second dossier (a marriage registration submitted through the API): a supplement requested
    at reception and recorded at the desk, then an extension with form 04 by the department head,
    and a forged second extension refused with processing's 409."""
    api = portal.api
    code = submit_marriage_registration(api, "case-" + str(int(time.time() * 1000)))
    api.wait_for_state(api.login("officer"), code, "awaiting-reception")

    step("desk officer asks for a supplement at reception, the items chosen from the components: status 5, form 02")
    sign_in_to_case(portal, "officer", code)
    do_action(portal, "request-supplement", confirm=True)  # nothing chosen: named
    assert "thành phần cần bổ sung" in portal.find(".error-summary").text, portal.find(".error-summary").text

    def missing(p):
        p.find('#request-supplement-missingItems input[value="Giấy xác nhận tình trạng hôn nhân"]').click()
    do_action(portal, "request-supplement", missing)
    assert shown_status(portal) == "5", shown_status(portal)
    status, media, _, _ = fetch(portal, portal.find("#form-link-02").get_attribute("href"))
    assert status == 200 and media.startswith("application/pdf"), (status, media)
    both_widths(portal, "case-supplement-requested")

    step("the applicant brings it to the desk: the officer records the supplement, then receives and transfers")
    do_action(portal, "supplement", lambda p: p.find("#supplement-supplied input").click())
    assert shown_status(portal) == "1", shown_status(portal)
    do_action(portal, "receive")
    do_action(portal, "transfer")

    step("department head, with JavaScript off, extends the due date with a reason: form 04 and the clock's history")
    plain = Portal(portal.base, portal.shots, javascript=False)
    try:
        extend_without_javascript(plain, code)
    except Exception:
        plain.shot("failure-case-no-js", full=False)
        raise
    finally:
        plain.quit()


def extend_without_javascript(portal, code):
    sign_in_to_case(portal, "head", code)
    due = portal.find("#extend-newDueDate").get_attribute("min")
    later = datetime.date.fromisoformat(due) + datetime.timedelta(days=7)
    while later.weekday() >= 5:  # a working day
        later += datetime.timedelta(days=1)
    later = later.isoformat()

    def extension(p):
        p.driver.execute_script("arguments[0].value = arguments[1];", p.find("#extend-newDueDate"), later)
        p.find("#extend-reason").send_keys("Cần xác minh thêm thông tin với cơ sở y tế")
    do_action(portal, "extend", extension)
    assert "Gia hạn" in portal.find(".notice").text, portal.find(".notice").text
    day = "/".join(reversed(later.split("-")))
    assert day in portal.find("#case-due").text, (portal.find("#case-due").text, day)
    assert "Gia hạn" in portal.find("#clock").text, portal.find("#clock").text
    status, media, _, _ = fetch(portal, portal.find("#form-link-04").get_attribute("href"))
    assert status == 200 and media.startswith("application/pdf"), (status, media)
    assert "extend" not in offered(portal), "a dossier is extended once"
    both_widths(portal, "case-extended")

    step("a second extension, forged: processing's 409 reason in the error summary, the due date unchanged")
    csrf = portal.find('input[name="csrf"]').get_attribute("value")
    status, _, _, text = fetch(portal, case_path(code) + "/extend", "POST",
                               {"csrf": csrf, "confirm": "yes", "newDueDate": later, "reason": "Lần nữa",
                                "idempotencyKey": "forged-" + str(time.time())})
    assert status == 409 and "error-summary" in text and "Không thực hiện được" in text, (status, text[:500])
    portal.open(case_path(code))
    assert day in portal.find("#case-due").text, portal.find("#case-due").text


def submit_marriage_registration(api, tag):
    """A marriage registration (1.000894, three working days: long enough to be extended) with its two PDFs."""
    citizen = api.login("citizen")
    attachments = [{"componentCode": c, "documentId": api.upload_pdf(citizen, f"browser-{tag}-{c}.pdf")} for c in ("TK", "GTTT")]
    body = {
        "procedureCode": "1.000894", "agencyCode": "000.00.01.H30", "channel": "online",
        "applicant": {"kind": "citizen", "name": "Nguyễn Văn An", "idNumber": "001190099999", "phone": "0912345678",
                      "email": "an.nguyen@example.vn", "address": "Phường Ba Đình, Hà Nội"},
        "form": {"applicantName": "Nguyễn Văn An", "applicantIdNumber": "001190099999", "phone": "0912345678",
                 "partnerName": "Trần Thị Mai", "partnerIdNumber": "001195012345", "partnerBirthDate": "1995-05-12"},
        "attachments": attachments,
    }
    status, receipt = api.call("POST", "/api/v1/dossiers", body, citizen, {"Idempotency-Key": f"browser-{tag}"})
    assert status in (200, 201), f"submission: {status} {receipt}"
    return receipt["code"]


def other_agency(portal, code):
    step("an officer of another agency cannot open the case")
    api = portal.api
    admin = api.login("admin.h62")
    status, body = api.call("POST", "/api/v1/users", {
        "username": OTHER_AGENCY_OFFICER, "displayName": "Cán bộ một cửa tỉnh Demo Hai", "kind": "staff",
        "password": PASSWORD, "roles": [{"role": "one-stop-officer", "orgUnit": "H62"}]}, admin)
    assert status in (201, 409), f"creating {OTHER_AGENCY_OFFICER}: {status} {body}"
    sign_in(portal, OTHER_AGENCY_OFFICER, "/sign-in?next=/")
    status, _, _, text = fetch(portal, case_path(code))
    assert status in (403, 404) and "case-status" not in text, (status, text[:300])
    portal.open(case_path(code))
    assert not portal.finds("#case-status")
    portal.shot("case-other-agency")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")
    portal = Portal(base, arguments.shots)
    tracker = None
    started = time.time()
    try:
        with tempfile.TemporaryDirectory() as directory:
            step("a citizen submits a birth registration online")
            submit_online(portal, pdf_files(directory, "case-" + str(int(time.time() * 1000))))
            code, token = receipt(portal, base, arguments.shots)
            tracker = Portal(base, arguments.shots)
            tracker.open(f"/track/{urllib.parse.quote(code, safe='')}?token={urllib.parse.quote(token, safe='')}")
            tracker_follows(tracker, "1")
            result_pdf = os.path.join(directory, "giay-khai-sinh-ket-qua.pdf")
            with open(result_pdf, "wb") as file:
                file.write(PDF + f"% result of {code}\n".encode())
            the_process(portal, tracker, code, result_pdf)
        supplement_and_extension(portal)
        other_agency(portal, code)
    except Exception:
        portal.shot("failure-case", full=False)
        raise
    finally:
        portal.quit()
        if tracker:
            tracker.quit()
    print(f"web: workspace case page checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

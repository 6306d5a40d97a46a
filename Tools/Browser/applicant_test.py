"""Browser test of the applicant's pages (docs/web.md): my dossiers, paying a requested fee through
the (simulated) payment platform, answering a supplement request and withdrawing by lookup token.
The officers' side goes through the JSON API.

    python3 Tools/Browser/applicant_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots \
        --payment-port 28091 --payment-secret SECRET

The services' integration must send payment orders to http://127.0.0.1:--payment-port/orders with
the same secret (scripts/browser-test sets ONEGATE_PAYMENT_URL, ONEGATE_PAYMENT_SECRET and the
gateway's ONEGATE_PAYMENT_CHECKOUT_URL); this script runs the platform itself."""
import argparse
import json
import os
import sys
import tempfile
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

sys.path.insert(0, os.path.dirname(__file__))
from payment_platform import PaymentPlatform  # noqa: E402
from portal_test import DESKTOP, PHONE, Portal, step  # noqa: E402
from api import PASSWORD, PDF  # noqa: E402


def sign_in(portal, user, next_path):
    portal.driver.delete_all_cookies()
    portal.open(next_path)
    portal.wait(EC.presence_of_element_located((By.ID, "username")))
    portal.find("#username").send_keys(user)
    portal.find("#password").send_keys(PASSWORD)
    portal.find("#sign-in-button").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".user-name")))


def status_of(portal):
    """The shown status, read in one script call: the live part may be swapped between two calls."""
    return portal.driver.execute_script(
        "var e = document.getElementById('status-name'); return e ? e.getAttribute('data-status') : null;")


def act(api, code, action, token, body=None):
    status, reply = api.call("POST", f"/api/v1/dossiers/{urllib.parse.quote(code)}/{action}", body, token)
    assert status == 200, f"{action} of {code}: {status} {reply}"
    return reply


def both_widths(portal, name):
    portal.shot(name)
    portal.size(*PHONE)
    portal.driver.refresh()
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def my_dossiers_and_payment(portal, platform):
    api = portal.api
    citizen, officer, head, specialist = (api.login(user) for user in ("citizen", "officer", "head", "specialist"))
    code, _ = api.submit_birth_registration(citizen, f"mine-{int(time.time() * 1000)}")
    api.wait_for_state(officer, code, "awaiting-reception")

    step("signed in by the header's link, the applicant's dossiers are listed with status and due date")
    sign_in(portal, "citizen", "/me/dossiers")
    assert portal.driver.current_url.endswith("/me/dossiers"), portal.driver.current_url
    assert portal.find("#my-dossiers-link").text == "Hồ sơ của tôi"
    assert portal.find("h1").text == "Hồ sơ của tôi"
    cards = [card for card in portal.finds(".dossier-card") if code in card.text]
    assert cards, f"{code} is not listed"
    assert "Mới đăng ký" in cards[0].text and "Trạng thái 1/10" in cards[0].text, cards[0].text
    assert "Hẹn trả" in cards[0].text, cards[0].text
    both_widths(portal, "my-dossiers")

    step("a fee is requested: the dossier shows the amount and the pay button")
    act(api, code, "receive", officer)
    act(api, code, "transfer", officer)
    act(api, code, "assign", head, {"assignee": "specialist"})
    act(api, code, "request-payment", specialist, {"amount": 50000})
    deadline = time.time() + 30
    while platform.order(code) is None:
        assert time.time() < deadline, "the payment platform never received the order"
        time.sleep(0.2)
    portal.find(f"a[href='/me/dossiers/{urllib.parse.quote(code)}']").click()
    portal.wait(lambda d: status_of(portal) == "6")
    assert portal.find("#status-name").text == "Yêu cầu thực hiện nghĩa vụ tài chính"
    assert portal.find("#pay-amount").text == "Số tiền cần nộp: 50.000 đ", portal.find("#pay-amount").text
    both_widths(portal, "dossier-pay")

    step("'Thanh toán' leads to the platform; its signed callback confirms; back on the dossier it is processed again")
    portal.find("#pay-button").click()
    portal.wait(EC.presence_of_element_located((By.ID, "confirm-payment")))
    assert portal.find("#order-amount").text == "50000 VND"
    portal.shot("payment-platform")
    portal.find("#confirm-payment").click()
    portal.wait(lambda d: "/me/dossiers/" in d.current_url and d.find_elements(By.ID, "status-name"))
    assert "Đã ghi nhận thanh toán" in portal.find(".notice").text
    portal.wait(lambda d: status_of(portal) == "4", seconds=30)
    assert platform.callbacks[-1][1] == 200 and platform.callbacks[-1][2]["status"] == "applied", platform.callbacks[-1]
    assert not portal.finds("#pay-button")
    portal.shot("dossier-paid")


def supplement_and_withdraw_by_token(portal):
    api = portal.api
    citizen, officer = api.login("citizen"), api.login("officer")
    code, token = api.submit_birth_registration(citizen, f"token-{int(time.time() * 1000)}")
    api.wait_for_state(officer, code, "awaiting-reception")
    act(api, code, "request-supplement", officer, {"missingItems": ["Bản chính Giấy chứng sinh"]})
    status_path = f"/track/{urllib.parse.quote(code)}?token={urllib.parse.quote(token)}"

    step("anonymous with the lookup token: the status page names the missing items with the button to supply them")
    portal.driver.delete_all_cookies()
    portal.open(status_path)
    assert status_of(portal) == "5", status_of(portal)
    assert "Bản chính Giấy chứng sinh" in portal.find(".missing-items").text
    assert portal.find("#supplement-button").text == "Bổ sung hồ sơ"
    both_widths(portal, "track-supplement")

    step("supplying by token: the form lists the items and a file input per component; no file is named; a PDF resumes the dossier")
    portal.find("#supplement-button").click()
    portal.wait(EC.presence_of_element_located((By.ID, "supplement-send")))
    assert "Bản chính Giấy chứng sinh" in portal.find("#missing-items").text
    portal.find("#supplement-send").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".error-summary")))
    assert "Hãy chọn ít nhất một tệp" in portal.find(".error-summary").text
    portal.shot("supplement-error")
    with tempfile.NamedTemporaryFile(prefix="giay-chung-sinh-", suffix=".pdf", delete=False) as pdf:
        pdf.write(PDF)
    portal.find("#file-GCS").send_keys(pdf.name)
    portal.find("#note").send_keys("Gửi bản chính đã chụp")
    portal.shot("supplement-form")
    assert not portal.find("#supplement-progress").is_displayed(), "the progress bar shows only while files are sent"
    portal.find("#supplement-send").click()
    portal.wait(lambda d: d.find_elements(By.ID, "status-name") and status_of(portal) == "1")
    assert "Đã gửi giấy tờ bổ sung" in portal.find(".notice").text
    assert not portal.finds("#supplement-button")
    status, listed = api.call("GET", f"/api/v1/dossiers/{urllib.parse.quote(code)}/documents", token=officer)
    assert status == 200, (status, listed)
    names = [item.get("filename") or item.get("document", {}).get("filename") for item in listed["items"]]
    assert os.path.basename(pdf.name) in names, f"the officer does not see the supplied file: {listed}"
    os.unlink(pdf.name)
    portal.shot("track-supplemented")

    step("withdraw by token: the reason is required (named, kept), then the dossier is withdrawn")
    portal.find("#withdraw-button").click()
    portal.wait(EC.presence_of_element_located((By.ID, "withdraw-confirm")))
    portal.find("#withdraw-confirm").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".error-summary")))
    assert "Hãy nhập lý do rút hồ sơ." in portal.find("#reason-error").text
    assert portal.find("#reason").get_attribute("aria-invalid") == "true"
    portal.shot("withdraw-error")
    portal.find("#reason").send_keys("Nộp nhầm thủ tục")
    portal.find("#withdraw-confirm").click()
    portal.wait(lambda d: d.find_elements(By.ID, "status-name") and status_of(portal) == "7")
    assert portal.find("#status-name").text == "Công dân yêu cầu rút hồ sơ"
    assert "Hồ sơ đã được rút" in portal.find(".notice").text
    assert "Nộp nhầm thủ tục" in portal.finds(".timeline-item")[0].text
    assert not portal.finds("#withdraw-button")
    both_widths(portal, "track-withdrawn")


def e_results(portal):
    api = portal.api
    tokens = {user: api.login(user) for user in ("citizen", "officer", "head", "specialist", "leader")}
    code, _ = api.submit_birth_registration(tokens["citizen"], f"result-{int(time.time() * 1000)}")
    api.wait_for_state(tokens["officer"], code, "awaiting-reception")
    for action, user, body in [("receive", "officer", None), ("transfer", "officer", None),
                               ("assign", "head", {"assignee": "specialist"}), ("complete-step", "specialist", None),
                               ("approve", "leader", None)]:
        act(api, code, action, tokens[user], body)
    status, _, data = api.raw("POST", "/api/v1/documents", PDF + b"% e-result\n",
                              {"Content-Type": "application/pdf", "X-Filename": "trich-luc-khai-sinh.pdf",
                               "Authorization": "Bearer " + tokens["leader"]})
    assert status == 201, f"result upload: {status} {data[:200]!r}"
    act(api, code, "issue-result", tokens["leader"], {"resultDocuments": [json.loads(data)["id"]]})
    act(api, code, "return-result", tokens["officer"], {"channel": "direct"})

    step("the owner's dossier at status 10 lists its e-result; it downloads, and verifies against itself only")
    sign_in(portal, "citizen", f"/me/dossiers/{urllib.parse.quote(code)}")
    deadline = time.time() + 30
    while not portal.finds("#results .result-link"):
        assert time.time() < deadline, "the e-result never appeared on the owner's page"
        time.sleep(0.5)
        portal.driver.refresh()
    assert status_of(portal) == "10"
    link = portal.find("#results .result-link")
    assert link.text == "trich-luc-khai-sinh.pdf" and f"{code}-KQ1" in portal.find("#results").text, portal.find("#results").text
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in portal.driver.get_cookies())
    status, headers, body = api.raw("GET", urllib.parse.urlsplit(link.get_attribute("href")).path, headers={"Cookie": cookie})
    assert status == 200 and body == PDF + b"% e-result\n", (status, body[:80])
    portal.shot("dossier-result")
    with tempfile.TemporaryDirectory() as directory:
        same, other = os.path.join(directory, "ket-qua.pdf"), os.path.join(directory, "khac.pdf")
        open(same, "wb").write(body)
        open(other, "wb").write(PDF + b"% another\n")
        portal.find("#results a[href$='/verify']").click()
        portal.wait(EC.presence_of_element_located((By.ID, "verify-button")))
        portal.find("#file").send_keys(same)
        portal.find("#verify-button").click()
        portal.wait(EC.presence_of_element_located((By.ID, "verify-report")))
        assert portal.find("#verify-verdict").text == "Hợp lệ: đúng là kết quả điện tử này", portal.find("#verify-report").text
        portal.shot("verify-valid")
        portal.find("#file").send_keys(other)
        portal.find("#verify-button").click()
        portal.wait(lambda d: d.find_element(By.ID, "verify-verdict").text == "Không hợp lệ")
        assert "khác với kết quả" in portal.find("#verify-report").text
        portal.size(*PHONE)
        portal.no_horizontal_scroll()
        portal.shot("verify-not-valid")
        portal.size(*DESKTOP)

    step("the data store lists the e-result and the submitted files, each downloadable")
    portal.open("/me/documents")
    assert f"{code}-KQ1" in portal.find("#my-results").text
    assert portal.finds("#my-files a[download]")
    both_widths(portal, "my-documents")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--payment-port", type=int, required=True)
    parser.add_argument("--payment-secret", required=True)
    arguments = parser.parse_args()
    platform = PaymentPlatform(arguments.payment_port, arguments.payment_secret)
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    portal.steps = 60  # after the other scripts' screenshots
    started = time.time()
    try:
        my_dossiers_and_payment(portal, platform)
        supplement_and_withdraw_by_token(portal)
        e_results(portal)
    except Exception:
        portal.shot("applicant-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"applicant pages: all browser checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

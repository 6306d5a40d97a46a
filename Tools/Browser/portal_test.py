"""Browser tests of the citizen portal (docs/web.md): headless Chromium driven by selenium.

    python3 Tools/Browser/portal_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots [--short]

Each step asserts what a person would see and leaves a screenshot under --shots."""
import argparse
import os
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from api import API, PASSWORD  # noqa: E402

DESKTOP = (1280, 900)
PHONE = (360, 780)


class Portal:
    def __init__(self, base, shots, javascript=True):
        self.base, self.shots, self.api = base, shots, API(base)
        os.makedirs(shots, exist_ok=True)
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi",
                         "--hide-scrollbars", "--force-device-scale-factor=1"):
            options.add_argument(argument)
        preferences = {"intl.accept_languages": "vi,vi-VN"}
        if not javascript:
            preferences["profile.managed_default_content_settings.javascript"] = 2
        options.add_experimental_option("prefs", preferences)
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        self.driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
        self.size(*DESKTOP)
        self.steps = 0

    def size(self, width, height):
        self.driver.set_window_size(width, height)
        # The window's outer size includes no chrome in headless mode, but check the viewport.
        inner = self.driver.execute_script("return window.innerWidth")
        if inner != width:
            self.driver.set_window_size(width + (width - inner), height)

    def open(self, path):
        self.driver.get(self.base + path)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait(self, condition, seconds=20):
        # The live part of a page is swapped while a condition reads it: an element found just before
        # the swap is stale, which is a reason to look again, not a failure (a clean-clone CI run).
        return WebDriverWait(self.driver, seconds, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition)

    def shot(self, name, full=True):
        """A screenshot of the whole page (the window grown to the page's height)."""
        self.steps += 1
        width = self.driver.execute_script("return window.innerWidth")
        original = self.driver.get_window_size()
        if full:
            height = self.driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
            self.driver.set_window_size(original["width"], min(max(height + 100, 400), 6000))
        path = os.path.join(self.shots, f"{self.steps:02d}-{name}-{width}px.png")
        self.driver.save_screenshot(path)
        if full:
            self.driver.set_window_size(original["width"], original["height"])
        print(f"  screenshot {path}")

    def no_horizontal_scroll(self):
        scroll, client = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"horizontal scroll: content {scroll} px wide in a {client} px viewport"

    def quit(self):
        self.driver.quit()


CONTRAST_SCRIPT = """
function channel(c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
function luminance(rgb) { return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]); }
function parse(text) { var m = text.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }
function background(element) {
  for (var e = element; e; e = e.parentElement) {
    var c = parse(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { return c; }
  }
  return [255, 255, 255, 1];
}
var worst = [];
document.querySelectorAll("body *").forEach(function (e) {
  var own = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (!own || e.offsetParent === null && getComputedStyle(e).position !== "fixed") { return; }
  if (e.closest(".visually-hidden, .skip-link")) { return; }
  var fg = luminance(parse(getComputedStyle(e).color)), bg = luminance(background(e));
  var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  if (ratio < 4.5) { worst.push(e.tagName + "." + e.className + " '" + e.textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2)); }
});
return worst;
"""


def step(title):
    print(f"web: {title}")


def search_to_procedure(portal):
    step("home page in Vietnamese, search without diacritics")
    portal.open("/")
    assert portal.find("html").get_attribute("lang") == "vi"
    assert portal.find("h1").text == "Tìm thủ tục hành chính"
    portal.shot("home")
    box = portal.find("#q")
    box.clear()
    box.send_keys("ho tich")
    box.submit()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".procedure-link")))
    names = [link.text for link in portal.finds(".procedure-link")]
    assert names and all("hộ tịch" in name.lower() for name in names), names
    assert portal.find("#q").get_attribute("value") == "ho tich"
    portal.shot("search-ho-tich")

    step("filters: online level (the query kept), agency; an unknown level is ignored")
    portal.open("/?q=ho+tich&level=full")
    assert portal.find("#level").get_attribute("value") == "full"
    assert portal.finds(".procedure-link") and all(t.text == "Toàn trình" for t in portal.finds(".procedure-card .tag"))
    portal.open("/?level=partial")
    assert all(t.text == "Một phần" for t in portal.finds(".procedure-card .tag"))
    portal.open("/?level=bogus")
    assert portal.find("#level").get_attribute("value") == "" and portal.finds(".procedure-link")
    portal.open("/?agency=000.00.01.H30")
    assert portal.finds(".procedure-link")
    assert all("Sở Tư pháp" in card.text for card in portal.finds(".procedure-card"))

    step("procedure page: components, fees, time, channels, legal basis, submit-online button")
    portal.open("/?q=khai+sinh")
    portal.finds(".procedure-link")[0].click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    text = portal.find("main").text
    for expected in ("Thành phần hồ sơ", "Phí, lệ phí", "ngày làm việc", "Cách thức nộp", "Căn cứ pháp lý", "Cơ quan thực hiện"):
        assert expected in text, f"{expected!r} missing on the procedure page"
    assert portal.find("#submit-online").text.startswith("Nộp trực tuyến")
    portal.shot("procedure")
    portal.size(*PHONE)
    portal.driver.refresh()
    portal.no_horizontal_scroll()
    portal.shot("procedure")
    portal.size(*DESKTOP)


def live_status(portal, short):
    step("a dossier submitted through the API, followed on its public status page")
    citizen, officer = portal.api.login("citizen"), portal.api.login("officer")
    code, token = portal.api.submit_birth_registration(citizen, f"{int(time.time() * 1000)}")
    status_path = f"/track/{urllib.parse.quote(code)}?token={urllib.parse.quote(token)}"
    portal.open(status_path)
    assert portal.find("#status-name").get_attribute("data-status") == "1", portal.find("#status-name").text
    assert portal.find("#status-name").text == "Mới đăng ký"
    assert "Trạng thái 1/10" in portal.find(".status-number").text
    assert portal.finds(".timeline-item")
    portal.shot("status-1")

    step("an officer receives it through the API: the open page shows status 2 without a reload")
    portal.driver.execute_script("window.__stillTheSamePage = true;")
    portal.api.wait_for_state(officer, code, "awaiting-reception")
    status, body = portal.api.call("POST", f"/api/v1/dossiers/{code}/receive", token=officer)
    assert status == 200, f"receive: {status} {body}"
    portal.wait(lambda d: d.find_element(By.ID, "status-name").get_attribute("data-status") == "2", seconds=30)
    assert portal.driver.execute_script("return window.__stillTheSamePage === true"), "the page was reloaded"
    assert portal.find("#status-name").text == "Được tiếp nhận"
    assert portal.find("#due").text.startswith("Hẹn trả: "), portal.find("#due").text
    first = portal.finds(".timeline-item")[0].text
    assert "Được tiếp nhận" in first and "Trạng thái 2/10" in first, first
    portal.shot("status-2-live")

    step("the status page at 360 px: one column, no horizontal scroll")
    portal.size(*PHONE)
    portal.driver.refresh()
    portal.no_horizontal_scroll()
    portal.shot("status-2")
    portal.size(*DESKTOP)

    step("without JavaScript the page says the same")
    status, headers, html = portal.api.raw("GET", status_path, headers={"Accept": "text/html"})
    page = html.decode()
    assert status == 200 and 'data-status="2"' in page and "Được tiếp nhận" in page and "Hẹn trả: " in page
    assert '<meta http-equiv="refresh"' in page

    step("a wrong lookup token shows the lookup form with the problem named")
    portal.open(f"/track/{urllib.parse.quote(code)}?token=wrong-token")
    assert "Không tìm thấy hồ sơ" in portal.find(".error-summary").text
    assert portal.find("#code").get_attribute("value") == code
    portal.shot("track-wrong-token")


def sign_in_and_out(portal):
    step("sign-in by form: a wrong password keeps the user name and names the field")
    portal.open("/")
    portal.find("#sign-in-link").click()
    portal.find("#username").send_keys("citizen")
    portal.find("#password").send_keys("not-the-password")
    portal.find("#sign-in-button").click()
    summary = portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".error-summary")))
    assert "không đúng" in summary.text
    assert portal.find(".error-summary a").get_attribute("href").endswith("#password")
    assert portal.find("#username").get_attribute("value") == "citizen"
    assert portal.find("#password").get_attribute("aria-invalid") == "true"
    portal.shot("sign-in-error")

    step("sign-in with the right password: the header names the user; the cookies are HttpOnly")
    portal.find("#password").send_keys(PASSWORD)
    portal.find("#sign-in-button").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".user-name")))
    assert portal.find(".user-name").text == "Đã đăng nhập: Nguyễn Văn An"
    cookies = {c["name"]: c for c in portal.driver.get_cookies()}
    for name in ("og_session", "og_refresh", "og_csrf"):
        assert cookies[name]["httpOnly"], name
    assert cookies["og_session"]["sameSite"] == "Lax" and cookies["og_csrf"]["sameSite"] == "Strict"
    refresh_token = cookies["og_refresh"]["value"]
    portal.shot("signed-in")

    step("the session survives an expired access cookie: a live poll leaves it, the next page renews it")
    portal.driver.delete_cookie("og_session")
    polled = portal.driver.execute_async_script("""
        var done = arguments[arguments.length - 1], request = new XMLHttpRequest();
        request.open("GET", "/track", true);
        request.setRequestHeader("X-Onegate-Poll", "1");
        request.onload = function () { done(request.status); };
        request.send();""")
    assert polled == 200, polled
    assert {c["name"]: c["value"] for c in portal.driver.get_cookies()}.get("og_refresh") == refresh_token, "a poll ended the session"
    portal.open("/track")
    assert portal.find(".user-name").text == "Đã đăng nhập: Nguyễn Văn An"
    renewed = {c["name"]: c["value"] for c in portal.driver.get_cookies()}
    assert renewed.get("og_session") and renewed["og_refresh"] != refresh_token, "no renewal"
    refresh_token = renewed["og_refresh"]

    step("sign-out revokes the refresh token")
    portal.find("#sign-out").click()
    portal.wait(EC.presence_of_element_located((By.ID, "sign-in-link")))
    assert "Bạn đã đăng xuất." in portal.find(".notice").text
    status, _ = portal.api.call("POST", "/api/v1/auth/refresh", {"refreshToken": refresh_token})
    assert status == 401, f"the refresh token still works after sign-out: {status}"
    portal.shot("signed-out")


def csrf_and_errors(portal):
    step("a form without its CSRF token is refused with a 403 page, nothing done")
    portal.open("/sign-in")
    portal.driver.execute_script("document.querySelector('input[name=csrf]').remove();")
    portal.find("#username").send_keys("citizen")
    portal.find("#password").send_keys(PASSWORD)
    portal.find("#sign-in-button").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text
    assert not portal.finds(".user-name"), "signed in despite the missing CSRF token"
    portal.shot("csrf-403")
    status, _, _ = portal.api.raw("POST", "/sign-in", b"username=citizen&password=x&csrf=forged-forged-forged-forged-forged-forged",
                                  {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "og_csrf=" + "a" * 43,
                                   "Accept": "text/html"})
    assert status == 403, status

    step("a missing page is a page for a browser, problem+json for the API")
    portal.open("/no-such-page")
    assert portal.find("h1").text == "Không tìm thấy trang"
    portal.shot("not-found")
    status, headers, _ = portal.api.raw("GET", "/no-such-page", headers={"Accept": "text/html"})
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    status, headers, _ = portal.api.raw("GET", "/api/v1/no-such-thing", headers={"Accept": "text/html"})
    assert status == 404 and headers["Content-Type"] == "application/problem+json", headers["Content-Type"]

    step("security headers on every page")
    for path in ("/", "/sign-in", "/track", "/no-such-page", "/assets/onegate.css"):
        _, headers, _ = portal.api.raw("GET", path, headers={"Accept": "text/html"})
        csp = headers.get("Content-Security-Policy", "")
        assert csp.startswith("default-src 'self'") and "frame-ancestors 'none'" in csp, (path, csp)
        assert "unsafe-inline" not in csp
        assert headers.get("X-Content-Type-Options") == "nosniff", path
        assert headers.get("Referrer-Policy"), path


def language_and_layout(portal):
    step("English by the switch, remembered; every page has lang, one h1, labels")
    portal.open("/")
    portal.find("#language-switch").click()
    portal.wait(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert portal.find("h1").text == "Find an administrative procedure"
    portal.open("/track")
    assert portal.find("html").get_attribute("lang") == "en" and portal.find("h1").text == "Track a dossier"
    portal.shot("track-form-en")
    for path in ("/", "/track", "/sign-in", "/?q=ho+tich"):
        portal.open(path)
        assert len(portal.finds("h1")) == 1 and portal.finds("main") and portal.finds("header") and portal.finds("footer")
        for field in portal.finds("input:not([type=hidden]), select"):
            assert portal.finds(f"label[for='{field.get_attribute('id')}']"), f"{path}: {field.get_attribute('name')} has no label"
    portal.find("#language-switch").click()
    portal.wait(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi")
    step("accessibility: text contrast at least 4.5:1 on every page")
    for path in ("/", "/?q=ho+tich", "/procedures/1.001193", "/track", "/sign-in", "/no-such-page", "/track?code=x&token="):
        portal.open(path)
        low = portal.driver.execute_script(CONTRAST_SCRIPT)
        assert not low, f"{path}: contrast below 4.5:1: {low}"
    step("accessibility: the focus is visible (outline) on a focused link")
    portal.open("/")
    link = portal.find("#sign-in-link")
    portal.driver.execute_script("arguments[0].focus()", link)
    outline = portal.driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", link)
    assert outline == "solid", outline


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--short", action="store_true")
    arguments = parser.parse_args()
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    started = time.time()
    try:
        search_to_procedure(portal)
        live_status(portal, arguments.short)
        sign_in_and_out(portal)
        csrf_and_errors(portal)
        language_and_layout(portal)
    except Exception:
        portal.shot("failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"web: all browser checks passed in {time.time() - started:.1f} s; screenshots in {arguments.shots}")


if __name__ == "__main__":
    main()

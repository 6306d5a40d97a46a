"""Browser test of the administrators' holiday calendar (docs/web.md, "Holiday calendar
(administration)").

    python3 Tools/Browser/admin_directory_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots

The demo `admin` opens /workspace/admin/holidays for 2026, a missing name is named next to its
field, a day off is added and listed (and catalog's JSON API has it), then removed; an officer
(not an administrator) gets the 403 page."""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from applicant_test import sign_in  # noqa: E402
from portal_test import DESKTOP, Portal, step  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

YEAR = 2026
PHONE_390 = (390, 844)


def widths(portal, name):
    """Screenshots at desktop and phone (390 px) width, no horizontal scroll on the phone."""
    portal.shot(name)
    portal.size(*PHONE_390)
    portal.driver.refresh()
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def holidays(portal):
    step("the administrator adds a day to the holiday calendar and sees it listed")
    sign_in(portal, "admin", "/workspace")
    portal.open(f"/workspace/admin/holidays?year={YEAR}")
    assert portal.find("h1").text == f"Lịch nghỉ lễ năm {YEAR}", portal.find("h1").text
    day, name = f"{YEAR}-10-15", f"Nghỉ thử {int(time.time())}"
    portal.driver.execute_script("document.getElementById('date').value = arguments[0]", day)
    portal.find("#holiday-save").click()
    portal.wait(EC.presence_of_element_located((By.ID, "name-error")))
    assert "Nhập tên của ngày" in portal.find("#name-error").text, "a missing name is not named"
    assert portal.find(".error-summary").is_displayed()
    portal.driver.execute_script("document.getElementById('date').value = arguments[0]", day)
    portal.find("#name").send_keys(name)
    portal.find("#holiday-save").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, f"#holiday-list tr[data-date='{day}']")))
    row = portal.find(f"#holiday-list tr[data-date='{day}']")
    assert name in row.text and "15/10/2026" in row.text and "Ngày nghỉ" in row.text, row.text
    status, calendar = portal.api.call("GET", f"/api/v1/calendar/{YEAR}")
    assert status == 200 and any(e["date"] == day and e["name"] == name for e in calendar["entries"]), calendar
    widths(portal, "admin-holidays")
    step("the administrator removes the day again")
    portal.find(f"#holiday-list tr[data-date='{day}'] .holiday-remove").click()
    portal.wait(EC.invisibility_of_element_located((By.CSS_SELECTOR, f"#holiday-list tr[data-date='{day}']")))
    status, calendar = portal.api.call("GET", f"/api/v1/calendar/{YEAR}")
    assert not any(e["date"] == day for e in calendar["entries"]), calendar


def officer_refused(portal):
    step("an officer who is not an administrator gets the 403 page")
    sign_in(portal, "officer", "/workspace")
    portal.open(f"/workspace/admin/holidays?year={YEAR}")
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    portal.steps = 190
    started = time.time()
    try:
        holidays(portal)
        officer_refused(portal)
    except Exception:
        portal.shot("admin-directory-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"admin directory: all browser checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

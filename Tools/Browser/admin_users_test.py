"""Browser test of the administrators' users and org units (docs/web.md, "Users and org units
(administration)").

    python3 Tools/Browser/admin_users_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots

The demo `admin` creates an org unit under Sở Tư pháp, creates a specialist in it (a missing full
name named first, the generated password shown once); the new user signs in and reaches the
workspace; the admin adds a role, then disables the user, whose next sign-in is refused. A desk
officer gets the 403 page, and the officer's forged change is refused by identity (nothing changed)."""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from applicant_test import sign_in  # noqa: E402
from portal_test import DESKTOP, Portal, step  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PHONE_390 = (390, 844)
TAG = str(int(time.time()))[-6:]
UNIT = f"H30-STP-T{TAG}"
USERNAME = f"cv{TAG}"


def widths(portal, name):
    """Screenshots at desktop and phone (390 px) width, no horizontal scroll on the phone."""
    portal.shot(name)
    portal.size(*PHONE_390)
    portal.driver.refresh()
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def widths_in_place(portal, name):
    """As `widths`, without reloading: the page answers a POST (reloading would send it again)."""
    portal.shot(name)
    portal.size(*PHONE_390)
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def create_unit(portal):
    step("the administrator creates an org unit under Sở Tư pháp")
    sign_in(portal, "admin", "/workspace")
    portal.open("/workspace/admin/units")
    assert portal.find("h1").text == "Cơ cấu đơn vị", portal.find("h1").text
    assert portal.find("#unit-H30-STP-HCTP").get_attribute("class") == "unit-depth-2"
    Select(portal.find("#parentCode")).select_by_value("H30-STP")
    portal.find("#code").send_keys(UNIT)
    portal.find("#unit-create-submit").click()
    portal.wait(EC.presence_of_element_located((By.ID, "name-error")))
    assert "Nhập tên đơn vị" in portal.find("#name-error").text and portal.find(".error-summary").is_displayed()
    portal.find("#name").send_keys("Phòng Thử nghiệm " + TAG)
    portal.find("#unit-create-submit").click()
    portal.wait(EC.presence_of_element_located((By.ID, f"unit-{UNIT}")))
    assert portal.find(f"#unit-{UNIT}").get_attribute("class") == "unit-depth-2"
    assert "Đã tạo đơn vị" in portal.find(".notice").text
    widths(portal, "admin-units")


def create_user(portal):
    step("the administrator creates a specialist in the new unit (a missing full name named first)")
    portal.open("/workspace/admin/users/new")
    portal.find("#username").send_keys(USERNAME)
    Select(portal.find("#orgUnit")).select_by_value(UNIT)
    portal.find("#role-specialist").click()
    portal.find("#user-create-submit").click()
    portal.wait(EC.presence_of_element_located((By.ID, "displayName-error")))
    assert "Nhập họ và tên" in portal.find("#displayName-error").text
    assert portal.find(".error-summary a[href='#displayName']")
    widths_in_place(portal, "admin-user-new-error")
    portal.find("#displayName").send_keys("Đặng Thị Thử")
    assert portal.find("#role-specialist").is_selected(), "the ticked role is kept"
    portal.find("#user-create-submit").click()
    portal.wait(EC.presence_of_element_located((By.ID, "generated-password")))
    password = portal.find("#generated-password").text
    assert len(password) == 14, password
    widths_in_place(portal, "admin-user-created")
    portal.find("#created-user-link").click()
    portal.wait(EC.presence_of_element_located((By.ID, "user-roles")))
    return portal.driver.current_url, password


def new_user_signs_in(portal, password):
    step("the new specialist signs in with the generated password and reaches the workspace")
    sign_in_as(portal, USERNAME, password)
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".user-name")))
    assert "/workspace" in portal.driver.current_url, portal.driver.current_url


def sign_in_as(portal, user, password):
    portal.driver.delete_all_cookies()
    portal.open("/workspace")
    portal.wait(EC.presence_of_element_located((By.ID, "username")))
    portal.find("#username").send_keys(user)
    portal.find("#password").send_keys(password)
    portal.find("#sign-in-button").click()


def add_role_and_disable(portal, user_url, password):
    step("the administrator adds a role, finds the user by filter, then disables the user")
    sign_in(portal, "admin", "/workspace")
    portal.open(f"/workspace/admin/users?q={USERNAME}&unit=H30-STP&role=specialist&status=active")
    rows = portal.finds("#user-list tbody tr")
    assert len(rows) == 1 and rows[0].get_attribute("data-username") == USERNAME, [r.text for r in rows]
    widths(portal, "admin-users")
    portal.driver.get(user_url)
    Select(portal.find("#role")).select_by_value("department-head")
    portal.find("#role-add-submit").click()
    portal.wait(EC.presence_of_element_located((By.ID, "orgUnit-error")))
    Select(portal.find("#orgUnit")).select_by_value(UNIT)
    Select(portal.find("#role")).select_by_value("department-head")
    portal.find("#role-add-submit").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#user-roles tr[data-role='department-head']")))
    assert "Đã thêm vai trò" in portal.find(".notice").text
    portal.find("#user-access-submit").click()
    portal.wait(EC.presence_of_element_located((By.ID, "confirm-error")))
    portal.find("#confirm").click()
    portal.find("#user-access-submit").click()
    portal.wait(EC.text_to_be_present_in_element((By.ID, "user-status"), "Đã vô hiệu hóa"))
    widths(portal, "admin-user-detail")
    step("the disabled user's next sign-in is refused")
    sign_in_as(portal, USERNAME, password)
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".error-summary, .error-message")))
    assert not portal.finds(".user-name"), "a disabled user signed in"


def officer_refused(portal, user_url):
    step("a desk officer gets the 403 page, and a forged change is refused by identity")
    sign_in(portal, "officer", "/workspace")
    portal.open("/workspace/admin/users")
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text
    user_id = user_url.rstrip("/").split("/")[-1].split("?")[0]
    officer = portal.api.login("officer")
    status, _ = portal.api.call("POST", f"/api/v1/users/{user_id}/roles", {"role": "administrator", "orgUnit": UNIT}, officer)
    assert status == 403, status
    status, _ = portal.api.call("POST", f"/api/v1/users/{user_id}/enable", {}, officer)
    assert status == 403, status
    status, user = portal.api.call("GET", f"/api/v1/users/{user_id}", None, portal.api.login("admin"))
    assert status == 200 and user["disabled"] and sorted(r["role"] for r in user["roles"]) == ["department-head", "specialist"], user


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    portal.steps = 190
    started = time.time()
    try:
        create_unit(portal)
        user_url, password = create_user(portal)
        new_user_signs_in(portal, password)
        add_role_and_disable(portal, user_url, password)
        officer_refused(portal, user_url)
    except Exception:
        portal.shot("admin-users-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"admin users: all browser checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

"""Browser test of the officers' workspace shell and work queues (docs/web.md, "Workspace"):
signing in leads staff to /workspace/, the desk's queue with its counts, new work appearing
without a reload, the filters, the tabs per role, the navigation per role, and the guard (not
signed in: to the sign-in page and back; a citizen: the 403 page). Dossiers are submitted and
moved through the JSON API.

    python3 Tools/Browser/workspace_queue_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots"""
import argparse
import os
import sys
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(__file__))
from portal_test import CONTRAST_SCRIPT, DESKTOP, PHONE, Portal, step  # noqa: E402
from api import PASSWORD  # noqa: E402

PHONE_390 = (390, 844)


def sign_in_form(portal, user):
    """Fills the sign-in form that is open now and waits for the next page."""
    portal.wait(EC.presence_of_element_located((By.ID, "username")))
    portal.find("#username").send_keys(user)
    portal.find("#password").send_keys(PASSWORD)
    portal.find("#sign-in-button").click()
    portal.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".user-name")))


def sign_in(portal, user):
    portal.driver.delete_all_cookies()
    portal.open("/sign-in")
    sign_in_form(portal, user)


def path_of(portal):
    parsed = urllib.parse.urlparse(portal.driver.current_url)
    return parsed.path + ("?" + parsed.query if parsed.query else "")


def queue_state(portal):
    """The tabs' counts, the rows' codes and the page label, read in one script call (the live
    part may be swapped between two calls)."""
    return portal.driver.execute_script("""
        var live = document.getElementById('queue-live');
        if (!live) { return null; }
        var counts = {};
        live.querySelectorAll('.queue-tab').forEach(function (a) {
          counts[a.id.replace('tab-', '')] = parseInt(a.querySelector('.queue-count').getAttribute('data-count'), 10);
        });
        var current = live.querySelector('.queue-tab[aria-current=page]');
        var order = Array.prototype.map.call(live.querySelectorAll('.queue-tab'), function (a) { return a.id.replace('tab-', ''); });
        return {counts: counts, order: order, current: current ? current.id.replace('tab-', '') : null,
                rows: Array.prototype.map.call(live.querySelectorAll('tr.queue-row'), function (r) {
                  return {code: r.getAttribute('data-code'), text: r.textContent.replace(/\\s+/g, ' ')}; }),
                page: (live.querySelector('#page-of') || {}).textContent, marker: window.queueMarker || null};
    """)


def nav_links(portal):
    return [a.get_attribute("id") for a in portal.finds("#workspace-nav a")]


def both_widths(portal, name):
    portal.size(*DESKTOP)
    portal.shot(name)
    portal.size(*PHONE_390)
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*PHONE)
    portal.no_horizontal_scroll()
    portal.shot(name)
    portal.size(*DESKTOP)


def act(api, code, action, token, body=None):
    status, reply = api.call("POST", f"/api/v1/dossiers/{urllib.parse.quote(code)}/{action}", body, token)
    assert status == 200, f"{action} of {code}: {status} {reply}"


def guard(portal):
    step("not signed in: a workspace page leads to the sign-in page, and back to it afterwards")
    portal.driver.delete_all_cookies()
    portal.open("/workspace/?tab=all")
    portal.wait(EC.presence_of_element_located((By.ID, "username")))
    assert urllib.parse.urlparse(portal.driver.current_url).path == "/sign-in", portal.driver.current_url
    assert "next=" in portal.driver.current_url, portal.driver.current_url
    sign_in_form(portal, "officer")
    assert path_of(portal) == "/workspace/?tab=all", portal.driver.current_url
    assert queue_state(portal)["current"] == "all"

    step("a citizen opening the workspace gets the 403 page, in words")
    sign_in(portal, "citizen")
    assert path_of(portal).startswith("/?notice=signed-in"), f"a citizen goes where they went before: {portal.driver.current_url}"
    assert not portal.finds("#workspace-nav"), "the portal keeps its own chrome"
    portal.open("/workspace/")
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text
    assert "chỉ dành cho cán bộ" in portal.find("main").text, portal.find("main").text
    assert not portal.finds("#queue-live")
    assert not portal.finds("#workspace-nav"), "a citizen gets no workspace navigation"
    status, _, _ = portal.api.raw("GET", "/workspace/", headers={"Accept": "text/html",
                                                                 "Authorization": "Bearer " + portal.api.login("citizen")})
    assert status == 403, status
    both_widths(portal, "workspace-403-citizen")
    portal.open("/workspace/dossiers/000.00.01.H30-000000-0000")
    assert portal.find("h1").text == "Không được phép", "every workspace path is guarded"


def desk_queue(portal):
    api = portal.api
    citizen, officer = api.login("citizen"), api.login("officer")
    tag = int(time.time() * 1000)
    codes = [api.submit_birth_registration(citizen, f"ws-{tag}-{i}")[0] for i in range(3)]
    for code in codes:
        api.wait_for_state(officer, code, "awaiting-reception")
    act(api, codes[0], "receive", officer)

    step("the desk officer signs in and lands on the work queues: to receive, with counts")
    sign_in(portal, "officer")
    assert path_of(portal) == "/workspace/", portal.driver.current_url
    assert portal.find("h1").text == "Công việc của tôi"
    assert nav_links(portal) == ["ws-nav-work", "ws-nav-intake"], nav_links(portal)
    assert portal.find("#ws-nav-work").get_attribute("aria-current") == "page"
    assert not portal.finds("#my-dossiers-link"), "the applicants' 'my dossiers' link is not the officers'"
    state = queue_state(portal)
    assert state["current"] == "receive", state["current"]
    assert state["order"] == ["receive", "supplements", "transfer", "results", "all"], state["order"]
    shown = [row["code"] for row in state["rows"]]
    assert state["counts"]["receive"] >= 2 and state["counts"]["transfer"] >= 1, state["counts"]
    assert state["counts"]["all"] >= state["counts"]["receive"] + state["counts"]["transfer"], state["counts"]
    assert portal.find("#tab-receive").text.startswith("Chờ tiếp nhận"), portal.find("#tab-receive").text
    assert all("Mới đăng ký" in row["text"] and "Trạng thái 1/10" in row["text"] for row in state["rows"]), state["rows"]
    assert codes[0] not in shown, "a received dossier is not waiting for reception"
    first = portal.finds("tr.queue-row a.queue-link")[0]
    assert first.get_attribute("href").endswith("/workspace/dossiers/" + urllib.parse.quote(first.text)), first.get_attribute("href")
    page = state["page"]
    assert page.startswith("Trang 1/"), page
    contrast = portal.driver.execute_script(CONTRAST_SCRIPT)
    assert not contrast, f"low contrast: {contrast[:5]}"
    both_widths(portal, "workspace-desk-queue")

    step("new work appears without reloading: a dossier submitted now is counted and listed")
    portal.open("/workspace/?tab=receive&order=due-desc")
    portal.driver.execute_script("window.queueMarker = 'kept'; document.getElementById('tab-all').focus();")
    before = queue_state(portal)["counts"]["receive"]
    fresh = api.submit_birth_registration(citizen, f"ws-{tag}-live")[0]
    api.wait_for_state(officer, fresh, "awaiting-reception")
    portal.wait(lambda driver: (queue_state(portal) or {}).get("counts", {}).get("receive", 0) > before, 30)
    state = queue_state(portal)
    assert state["marker"] == "kept", "the page was not reloaded"
    focused = portal.driver.execute_script("return document.activeElement && document.activeElement.id")
    assert focused == "tab-all", f"the keyboard stays on the tab it was on, not {focused}"
    assert portal.find("#live-region").text == "Hàng đợi vừa được cập nhật.", portal.find("#live-region").text
    if state["counts"]["receive"] <= 20:
        assert fresh in [row["code"] for row in state["rows"]], (fresh, state["rows"])

    step("filters narrow the queue: status, procedure, due date; sorting; pagination")
    portal.open("/workspace/?tab=all")
    portal.find(".queue-filters summary").click()
    Select(portal.find("#f-status")).select_by_value("2")
    portal.find("#apply-filters").click()
    portal.wait(lambda driver: "status=2" in driver.current_url)
    state = queue_state(portal)
    assert state["rows"] and all("Trạng thái 2/10" in row["text"] for row in state["rows"]), state["rows"]
    assert state["counts"]["all"] < queue_state_all(portal, "all"), "the status filter narrows the count"
    assert portal.find("#f-status").get_attribute("value") == "2", "the filter keeps its value"
    assert portal.finds("#clear-filters"), "a filtered queue offers to clear the filters"
    assert state["counts"]["receive"] == 0 and state["counts"]["transfer"] >= 1, f"status 2 and a tab's state: {state['counts']}"
    both_widths(portal, "workspace-filter-status")

    other = [option.get_attribute("value") for option in Select(portal.find("#f-procedure")).options
             if option.get_attribute("value") not in ("", "1.001193")]
    assert other, "the procedure list offers the catalog's procedures"
    portal.open("/workspace/?tab=all&procedure=1.001193")
    assert all("Đăng ký khai sinh" in row["text"] for row in queue_state(portal)["rows"]), queue_state(portal)["rows"]
    portal.open("/workspace/?tab=all&procedure=" + urllib.parse.quote(other[0]))
    assert not any(row["code"] in codes for row in queue_state(portal)["rows"]), "another procedure lists none of ours"

    units = [option.get_attribute("value") for option in Select(portal.find("#f-unit")).options]
    elsewhere = [unit for unit in units if unit.startswith("H62")]
    assert elsewhere and any(unit.startswith("H30") for unit in units), units
    portal.open("/workspace/?tab=all&unit=" + urllib.parse.quote(elsewhere[0]))
    assert queue_state(portal)["counts"]["all"] == 0, "another province's unit holds none of this agency's dossiers"
    assert portal.find("#f-unit").get_attribute("value") == elsewhere[0]
    desk = [option.get_attribute("value") for option in Select(portal.find("#f-unit")).options
            if option.text == "Trung tâm Phục vụ hành chính công tỉnh"]
    portal.open("/workspace/?tab=receive&unit=" + urllib.parse.quote(desk[0]))
    at_desk = queue_state(portal)["counts"]
    assert at_desk["receive"] >= 2 and at_desk["all"] < queue_state_all(portal, "all"), at_desk

    portal.open("/workspace/?tab=all&due=soon")
    state = queue_state(portal)
    assert all("Sắp đến hạn" in row["text"] for row in state["rows"]), state["rows"]
    portal.open("/workspace/?tab=all&due=overdue")
    state = queue_state(portal)
    assert all("Quá hạn" in row["text"] for row in state["rows"]), state["rows"]
    if not state["rows"]:
        assert portal.find("#queue-empty").text == "Không có hồ sơ nào trong hàng đợi này."

    portal.open("/workspace/?tab=all&status=1")
    total = queue_state(portal)["counts"]["all"]
    pages = int(queue_state(portal)["page"].split("/")[1])
    assert pages == max(1, (total + 19) // 20), (total, pages)
    if pages > 1:
        portal.find("#page-next").click()
        portal.wait(lambda driver: "page=2" in driver.current_url)
        assert queue_state(portal)["page"] == f"Trang 2/{pages}"
        assert portal.finds("#page-previous")

    step("a bad filter value is named and ignored")
    portal.open("/workspace/?tab=all&status=99")
    assert "Trạng thái" in portal.find(".error-summary").text, portal.find(".error-summary").text
    return codes


def queue_state_all(portal, tab):
    """The unfiltered count of a tab (its own page)."""
    current = portal.driver.current_url
    portal.open(f"/workspace/?tab={tab}")
    count = queue_state(portal)["counts"][tab]
    portal.driver.get(current)
    return count


def other_roles(portal, codes):
    api = portal.api
    officer, head = api.login("officer"), api.login("head")
    act(api, codes[0], "transfer", officer)

    step("the department head lands on 'to assign', which lists the transferred dossier")
    sign_in(portal, "head")
    assert path_of(portal) == "/workspace/", portal.driver.current_url
    state = queue_state(portal)
    assert state["current"] == "assign" and state["order"] == ["assign", "mine", "supplements", "all"], state
    assert codes[0] in [row["code"] for row in state["rows"]] or state["counts"]["assign"] > 20, state["rows"]
    assert nav_links(portal) == ["ws-nav-work"], nav_links(portal)
    both_widths(portal, "workspace-head-queue")

    act(api, codes[0], "assign", head, {"assignee": "specialist"})
    step("the specialist's first tab is 'assigned to me', with the dossier just assigned")
    sign_in(portal, "specialist")
    state = queue_state(portal)
    assert state["current"] == "mine", state
    assert codes[0] in [row["code"] for row in state["rows"]] or state["counts"]["mine"] > 20, state["rows"]

    step("the leader sees 'waiting for my approval' and the reports link; the administrator the admin link and no queue")
    sign_in(portal, "leader")
    assert queue_state(portal)["current"] == "approval"
    assert nav_links(portal) == ["ws-nav-work", "ws-nav-reports"], nav_links(portal)
    sign_in(portal, "supervisor")
    assert queue_state(portal)["current"] == "all" and nav_links(portal) == ["ws-nav-work", "ws-nav-reports"], nav_links(portal)
    sign_in(portal, "admin")
    assert path_of(portal) == "/workspace/", portal.driver.current_url
    assert nav_links(portal) == ["ws-nav-work", "ws-nav-reports", "ws-nav-admin"], nav_links(portal)
    assert portal.finds("#no-queue"), "an administrator has no dossier queue"

    step("outside the workspace the portal's chrome is unchanged")
    portal.open("/")
    assert not portal.finds("#workspace-nav")


def without_javascript(base, shots):
    step("without JavaScript the queue still works: the list, the filter form, a reload link")
    portal = Portal(base, shots, javascript=False)
    try:
        sign_in(portal, "officer")
        assert path_of(portal) == "/workspace/", portal.driver.current_url
        assert portal.finds("#queue-table") or portal.finds("#queue-empty")
        assert portal.find("#queue-reload").get_attribute("href").endswith("/workspace/?tab=receive")
        assert not portal.find("#queue-live-note").is_displayed(), "the live note is only shown with JavaScript"
    finally:
        portal.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")
    portal = Portal(base, arguments.shots)
    started = time.time()
    try:
        guard(portal)
        codes = desk_queue(portal)
        other_roles(portal, codes)
    except Exception:
        portal.shot("workspace-queue-failure", full=False)
        raise
    finally:
        portal.quit()
    without_javascript(base, arguments.shots)
    print(f"web: workspace queue checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

"""Browser test of the leaders' and supervisors' reports (docs/web.md, "Reports (workspace)").

    python3 Tools/Browser/workspace_reports_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots

Two dossiers are taken through the JSON API today (one received, one resolved with its e-result);
then the demo `leader` signs in and the dashboard and today's statistical report must show the
same figures reporting's JSON API gives the same user (and count both dossiers); the CSV
downloads with its header and rows; the print layout hides the navigation; the overdue,
per-officer and per-procedure pages answer; the Annex IV page is the administrators' (the leader
gets reporting's 403 page); a citizen gets the 403 page on /workspace/reports."""
import argparse
import datetime
import json
import os
import sys
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

sys.path.insert(0, os.path.dirname(__file__))
from api import PDF  # noqa: E402
from applicant_test import act, both_widths, sign_in  # noqa: E402
from portal_test import DESKTOP, PHONE, Portal, step  # noqa: E402

VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
CSV_HEADER = "Mã đơn vị/thủ tục,Tổng số hồ sơ tiếp nhận,Tiếp nhận trực tuyến trong kỳ"


def vi_whole(number):
    """A whole number as the Vietnamese pages write it: 1.234."""
    return f"{number:,}".replace(",", ".")


def today():
    return datetime.datetime.now(VIETNAM).date().isoformat()


def dashboard_figures(api, token):
    status, board = api.call("GET", "/api/v1/reports/dashboard", token=token)
    assert status == 200, f"dashboard: {status} {board}"
    day = board["todayFigures"]
    return {
        "card-received-today": day["received"]["online"] + day["received"]["directOrPostal"],
        "card-resolved-today": day["resolved"]["total"],
        "card-in-progress": board["backlog"]["total"],
        "card-overdue": board["backlog"]["overdue"],
    }


def summary_total(api, token, day, group_by="agency"):
    status, report = api.call("GET", f"/api/v1/reports/summary?from={day}&to={day}&groupBy={group_by}", token=token)
    assert status == 200, f"summary: {status} {report}"
    return report


def table_figures(portal, selector):
    """data-figure → text of the cells of one table row."""
    return portal.driver.execute_script(
        "var r = {}; document.querySelectorAll(arguments[0] + ' [data-figure]').forEach(function (c) {"
        " r[c.getAttribute('data-figure')] = c.textContent.trim(); }); return r;", selector)


def expected_row(row):
    return {
        "receivedTotal": vi_whole(row["received"]["total"]), "carriedOver": vi_whole(row["received"]["carriedOver"]),
        "online": vi_whole(row["received"]["online"]), "directOrPostal": vi_whole(row["received"]["directOrPostal"]),
        "resolvedTotal": vi_whole(row["resolved"]["total"]), "early": vi_whole(row["resolved"]["early"]),
        "onTime": vi_whole(row["resolved"]["onTime"]), "resolvedLate": vi_whole(row["resolved"]["overdue"]),
        "inProgressTotal": vi_whole(row["inProgress"]["total"]), "withinDeadline": vi_whole(row["inProgress"]["withinDeadline"]),
        "inProgressLate": vi_whole(row["inProgress"]["overdue"]),
    }


def matches_api(portal, read_page, read_api, what, attempts=5):
    """The page's figures equal the API's read right after; a projection landing in between
    (another test's dossier) gets a reload, a real difference fails."""
    for attempt in range(attempts):
        shown, wanted = read_page(), read_api()
        if shown == wanted:
            return wanted
        time.sleep(1)
        portal.driver.refresh()
    raise AssertionError(f"{what}: the page shows {shown}, the API says {wanted}")


def prepare_dossiers(api):
    step("two dossiers today through the API: one received, one resolved with its e-result")
    tokens = {user: api.login(user) for user in ("citizen", "officer", "head", "specialist", "leader")}
    before = dashboard_figures(api, tokens["leader"])
    tag = int(time.time() * 1000)
    received, _ = api.submit_birth_registration(tokens["citizen"], f"reports-a-{tag}")
    resolved, _ = api.submit_birth_registration(tokens["citizen"], f"reports-b-{tag}")
    for code in (received, resolved):
        api.wait_for_state(tokens["officer"], code, "awaiting-reception")
        act(api, code, "receive", tokens["officer"])
    for action, user, body in [("transfer", "officer", None), ("assign", "head", {"assignee": "specialist"}),
                               ("complete-step", "specialist", None), ("approve", "leader", None)]:
        act(api, resolved, action, tokens[user], body)
    status, _, data = api.raw("POST", "/api/v1/documents", PDF + b"% reports\n",
                              {"Content-Type": "application/pdf", "X-Filename": "ket-qua.pdf", "Authorization": "Bearer " + tokens["leader"]})
    assert status == 201, f"result upload: {status} {data[:200]!r}"
    act(api, resolved, "issue-result", tokens["leader"], {"resultDocuments": [json.loads(data)["id"]]})
    deadline = time.time() + 30
    while True:
        now = dashboard_figures(api, tokens["leader"])
        if (now["card-received-today"] >= before["card-received-today"] + 2
                and now["card-resolved-today"] >= before["card-resolved-today"] + 1):
            break
        assert time.time() < deadline, f"reporting did not count the two dossiers: before {before}, now {now}"
        time.sleep(0.5)
    return tokens["leader"], received, resolved


def dashboard(portal, leader):
    step("the leader signs in and lands on the dashboard; its cards are the API's figures")
    sign_in(portal, "leader", "/workspace/reports")
    assert urllib.parse.urlsplit(portal.driver.current_url).path == "/workspace/reports", portal.driver.current_url
    assert portal.find("h1").text == "Tổng quan tình hình giải quyết hồ sơ"
    cards = lambda: {card.get_attribute("id"): card.find_element(By.CSS_SELECTOR, ".report-card-value").text  # noqa: E731
                     for card in portal.finds(".report-card")}
    wanted = matches_api(portal, cards, lambda: {k: vi_whole(v) for k, v in dashboard_figures(portal.api, leader).items()}, "dashboard cards")
    assert int(wanted["card-received-today"].replace(".", "")) >= 2, wanted
    assert "Tiếp nhận hôm nay" in portal.find("#card-received-today").text
    charts = portal.finds(".report-chart img")
    assert len(charts) >= 3, f"{len(charts)} charts"
    for chart in charts:
        assert chart.get_attribute("src").startswith("data:image/svg+xml;base64,")
        assert chart.get_attribute("alt") and chart.get_attribute("naturalWidth") != "0", chart.get_attribute("alt")
    assert len(portal.finds("#trend-table tbody tr")) == 8
    agency = [row.text for row in portal.finds("#agency-table tbody tr")]
    assert any("Sở Tư pháp" in text for text in agency), agency
    both_widths(portal, "reports-dashboard")


def statistics(portal, leader, received, resolved):
    step("today's statistical report (II.06a): the total row is the API's, both dossiers counted")
    portal.find("#statistics-today").click()
    portal.wait(EC.presence_of_element_located((By.ID, "statistics-table")))
    day = today()
    assert portal.find("#from").get_attribute("value") == day and portal.find("#to").get_attribute("value") == day
    headings = portal.find("#statistics-table thead").text
    for expected in ("Số hồ sơ nhận giải quyết", "Kỳ trước chuyển sang", "Tiếp nhận trực tuyến", "Tiếp nhận trực tiếp và qua bưu chính",
                     "Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn"):
        assert expected in headings, f"{expected!r} missing from the table's head"
    total = matches_api(portal, lambda: {k: v for k, v in table_figures(portal, "#statistics-table tfoot").items() if k != "onTimeRate"},
                        lambda: expected_row(summary_total(portal.api, leader, day)["total"]), "the total row")
    assert int(total["online"].replace(".", "")) >= 2 and int(total["resolvedTotal"].replace(".", "")) >= 1, total
    rows = [row.text for row in portal.finds("#statistics-table tbody tr")]
    assert any(row.startswith("Sở Tư pháp") for row in rows), rows
    both_widths(portal, "reports-statistics-today")

    step("grouped by procedure: the birth registration's row is the API's")
    portal.find("#groupBy option[value='procedure']").click()
    portal.find("#period-button").click()
    portal.wait(lambda d: "groupBy=procedure" in d.current_url)
    def page_row():
        cells = portal.driver.execute_script(
            "var rows = document.querySelectorAll('#statistics-table tbody tr'); for (var i = 0; i < rows.length; i++) {"
            " if (rows[i].querySelector('th').textContent.indexOf('(1.001193)') >= 0) { var r = {};"
            " rows[i].querySelectorAll('[data-figure]').forEach(function (c) { r[c.getAttribute('data-figure')] = c.textContent.trim(); });"
            " return r; } } return null;")
        return cells and {k: v for k, v in cells.items() if k != "onTimeRate"}

    def api_row():
        return expected_row(next(row for row in summary_total(portal.api, leader, day, "procedure")["items"] if row["group"] == "1.001193"))

    matches_api(portal, page_row, api_row, "the row of 1.001193")
    assert "Đăng ký khai sinh" in portal.find("#statistics-table tbody").text
    portal.shot("reports-statistics-procedure")

    step("the CSV downloads with its header, the procedure's row and the total")
    href = portal.find("#statistics-csv").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in portal.driver.get_cookies())
    status, headers, body = portal.api.raw("GET", urllib.parse.urlsplit(href).path + "?" + urllib.parse.urlsplit(href).query,
                                           headers={"Cookie": cookie, "Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv"), (status, headers["Content-Type"])
    assert "attachment" in headers["Content-Disposition"] and day in headers["Content-Disposition"], headers["Content-Disposition"]
    text = body.decode("utf-8")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert text.startswith("\ufeff") and lines[0].startswith(CSV_HEADER), lines[0]
    assert any(line.startswith("1.001193,") for line in lines), lines[:5]
    assert any(line.startswith("Tổng cộng,") for line in lines), lines[-3:]

    step("printable: the print layout hides the navigation and the form, keeps the table")
    portal.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = portal.driver.execute_script(
            "return ['.site-nav', '.report-nav', '.report-period', '.page-actions'].map(function (s) {"
            " var e = document.querySelector(s); return e ? getComputedStyle(e).display : 'none'; });")
        assert hidden == ["none"] * 4, hidden
        assert portal.find("#statistics-table").is_displayed()
        portal.shot("reports-statistics-print", full=False)
    finally:
        portal.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    step("a period ending before it starts is named next to the field")
    portal.open(f"/workspace/reports/statistics?from={day}&to=2020-01-01")
    assert "Ngày kết thúc không được trước ngày bắt đầu" in portal.find("#to-error").text
    assert portal.find("#to").get_attribute("aria-invalid") == "true"
    assert portal.find(".error-summary a[href='#to']")
    assert not portal.finds("#statistics-table")


def other_pages(portal, received, resolved):
    step("the overdue list: its count, rows linked to the case page, pagination")
    portal.open("/workspace/reports/overdue?soon=72")
    assert portal.find("h1").text == "Danh sách hồ sơ quá hạn"
    assert "hồ sơ" in portal.find("#overdue-count").text
    for link in portal.finds("#overdue-table a.dossier-link"):
        assert urllib.parse.urlsplit(link.get_attribute("href")).path.startswith("/workspace/dossiers/")
    both_widths(portal, "reports-overdue")

    step("per officer: the specialist and the leader finished a step today")
    day = today()
    portal.open(f"/workspace/reports/officers?from={day}&to={day}")
    names = portal.find("#officers-table").text
    assert "Phạm Văn Giám Đốc" in names, names
    assert portal.finds("#officers-chart img")
    both_widths(portal, "reports-officers")

    step("per procedure: the birth registration's handling time and II.06a row")
    portal.open(f"/workspace/reports/procedures?from={day}&to={day}")
    assert "(1.001193)" in portal.find("#procedure-times").text
    assert "(1.001193)" in portal.find("#procedures-table").text
    both_widths(portal, "reports-procedures")

    step("the Annex IV page is the administrators': the leader gets reporting's 403 page")
    assert not portal.finds(".report-nav a[href='/workspace/reports/performance']"), "the leader is offered the Annex IV page"
    portal.open("/workspace/reports/performance")
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text


def performance(portal):
    step("the administrator's Annex IV page: the five criteria as tables and charts")
    sign_in(portal, "admin", "/workspace/reports/performance")
    assert portal.find("h1").text == "Hiệu năng hệ thống (Phụ lục IV)"
    assert portal.find(".report-nav a[href='/workspace/reports/performance']").get_attribute("aria-current") == "page"
    for section in ("#performance-response", "#performance-series", "#performance-concurrency", "#performance-uptime"):
        assert portal.find(section).is_displayed(), section
    status, report = portal.api.call("GET", "/api/v1/reports/performance", token=portal.api.login("admin"))
    assert status == 200, f"performance: {status} {report}"
    services = [row.find_element(By.CSS_SELECTOR, "th").text for row in portal.finds("#performance-processes tbody tr")]
    assert services == [process["service"] for process in report["processes"]], (services, report["processes"])
    assert bool(portal.finds("#cpu-chart img")) == bool(services) and bool(portal.finds("#memory-chart img")) == bool(services)
    assert portal.find("#performance-uptime").text.startswith("Thời gian hoạt động")
    both_widths(portal, "reports-performance")


def citizen_refused(portal):
    step("a citizen opening the reports gets the 403 page")
    sign_in(portal, "citizen", "/me/dossiers")
    portal.open("/workspace/reports")
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in portal.driver.get_cookies())
    status, _, body = portal.api.raw("GET", "/workspace/reports", headers={"Cookie": cookie, "Accept": "text/html"})
    assert status == 403 and "Không được phép" in body.decode(), status
    portal.shot("reports-citizen-403")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    portal.steps = 150  # after the other scripts' screenshots
    started = time.time()
    try:
        leader, received, resolved = prepare_dossiers(portal.api)
        dashboard(portal, leader)
        statistics(portal, leader, received, resolved)
        other_pages(portal, received, resolved)
        performance(portal)
        citizen_refused(portal)
    except Exception:
        portal.shot("reports-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"workspace reports: all browser checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

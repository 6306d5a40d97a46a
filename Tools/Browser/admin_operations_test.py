"""Browser test of the administrators' webhook and dead-letter pages (docs/web.md, "Webhooks and
dead letters (administration)").

    python3 Tools/Browser/admin_operations_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots

The demo partner registers a webhook through the JSON API to a port on 127.0.0.1 that refuses
connections (scripts/browser-test sets ONEGATE_WEBHOOK_ALLOW_LOOPBACK=1 and disables a subscription
after 3 failures); a citizen's submission makes events, the deliveries fail and integration
disables the subscription. The demo administrator then sees it disabled in the list, its delivery
log with failed attempts and the transport error, enables it again, replays today's events after
the confirmation page, and opens the dead-letter page; an officer who is no administrator gets
integration's 403 page on both."""
import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from applicant_test import both_widths, sign_in  # noqa: E402
from portal_test import Portal, step  # noqa: E402


def closed_port():
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def failing_subscription(api):
    partner, citizen = api.login("partner"), api.login("citizen")
    url = f"http://127.0.0.1:{closed_port()}/hooks"
    status, created = api.call("POST", "/api/v1/subscriptions", {"url": url, "events": ["dossier.status-changed"]}, partner)
    assert status == 201, f"subscription: {status} {created}"
    api.submit_birth_registration(citizen, f"ops-{int(time.time() * 1000)}")
    deadline = time.time() + 60
    while time.time() < deadline:
        status, view = api.call("GET", f"/api/v1/subscriptions/{created['id']}", token=partner)
        if status == 200 and view["status"] == "disabled":
            return created["id"].lower(), url
        time.sleep(0.5)
    raise AssertionError(f"the subscription to {url} was not disabled: {view}")


def webhooks(portal, sid, url):
    step("the administrator sees the partner's disabled subscription and its delivery log")
    sign_in(portal, "admin", "/workspace/admin/webhooks")
    row = portal.find(f"tr[data-subscription='{sid}']")
    assert url in row.text and "Đã tạm dừng" in row.text, row.text
    both_widths(portal, "ops-webhooks")
    portal.open(f"/workspace/admin/webhooks/{sid}")
    assert "Đã tạm dừng" in portal.find("#webhook-status").text
    assert portal.find("#webhook-disabled-reason").text
    deliveries = portal.finds("tr.delivery")
    assert deliveries, "no delivery in the log"
    attempts = [int(d.find_element("css selector", ".delivery-attempts").text) for d in deliveries]
    assert max(attempts) >= 1, attempts
    assert any(d.find_element("css selector", ".delivery-response").text != "–" for d in deliveries)
    both_widths(portal, "ops-webhook-log")
    portal.open(f"/workspace/admin/webhooks/{sid}?status=delivered")
    assert not portal.finds("tr.delivery"), "a failing target has delivered rows"

    step("re-enable, then replay today's events after the confirmation")
    portal.open(f"/workspace/admin/webhooks/{sid}")
    portal.find("#webhook-enable").click()
    portal.wait(lambda d: "Đang hoạt động" in d.find_element("css selector", "#webhook-status").text)
    assert "Đã bật lại" in portal.find(".notice").text
    portal.find("#webhook-replay").click()
    portal.wait(lambda d: d.find_elements("css selector", "#replay-confirm"))
    portal.shot("ops-webhook-replay")
    portal.find("#replay-confirm").click()
    portal.wait(lambda d: "gửi lại vào hàng đợi" in d.find_element("css selector", ".notice").text)
    notice = portal.find(".notice").text
    assert not notice.startswith("Đã xếp 0 "), notice
    portal.shot("ops-webhook-replayed")


def dead_letters(portal):
    step("the dead-letter page with its counts")
    portal.open("/workspace/admin/dead-letters")
    assert portal.find("h1").text == "Thư chết (dead letter)", portal.find("h1").text
    assert portal.finds("#dead-jobs") or portal.finds("#dead-jobs-none")
    for row in portal.finds("#dead-jobs tbody tr"):
        assert int(row.find_element("css selector", ".dead-count").text) >= 0
    both_widths(portal, "ops-dead-letters")


def refused(portal, sid):
    step("an officer who is no administrator gets the 403 page")
    sign_in(portal, "officer", "/workspace/")
    for path in ("/workspace/admin/webhooks", f"/workspace/admin/webhooks/{sid}", "/workspace/admin/dead-letters"):
        portal.open(path)
        assert portal.find("h1").text == "Không được phép", (path, portal.find("h1").text)
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in portal.driver.get_cookies())
    status, _, _ = portal.api.raw("GET", "/workspace/admin/dead-letters", headers={"Cookie": cookie, "Accept": "text/html"})
    assert status == 403, status
    portal.shot("ops-officer-403")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    portal.steps = 190
    started = time.time()
    try:
        sid, url = failing_subscription(portal.api)
        webhooks(portal, sid, url)
        dead_letters(portal)
        refused(portal, sid)
    except Exception:
        portal.shot("ops-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"admin operations: all browser checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

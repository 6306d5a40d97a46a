"""Browser test of the administrators' index (docs/web.md, "Administration").

    python3 Tools/Browser/admin_index_test.py --base http://127.0.0.1:28080 --shots .data/test/screenshots

The demo administrator opens /workspace/admin from the workspace navigation and finds one card per
section, each linking to its path; a desk officer who is no administrator gets the 403 page there.
The procedure editor, shared catalogs, users and units (/workspace/admin/…) are not built as pages yet:
the index must not link them."""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from applicant_test import both_widths, sign_in  # noqa: E402
from portal_test import Portal, step  # noqa: E402

SECTIONS = {
    "holidays": "/workspace/admin/holidays",
    "users": "/workspace/admin/users", "units": "/workspace/admin/units",
    "webhooks": "/workspace/admin/webhooks", "dead_letters": "/workspace/admin/dead-letters",
}
# Not built as pages yet: the index must not link them (a link to a 404 is worse than none).
NOT_YET = ["procedures", "catalogs"]


def index(portal):
    step("the administrator opens the admin index from the workspace navigation")
    sign_in(portal, "admin", "/workspace/")
    portal.find("#ws-nav-admin").click()
    assert portal.find("h1").text == "Quản trị hệ thống", portal.find("h1").text
    for stem, path in SECTIONS.items():
        link = portal.find(f"#admin-card-{stem} a")
        assert link.get_attribute("href").endswith(path), (stem, link.get_attribute("href"))
    for stem in NOT_YET:
        assert not portal.finds(f"#admin-card-{stem}"), f"the index links {stem}, which has no page yet"
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in portal.driver.get_cookies())
    for path in SECTIONS.values():
        status, _, _ = portal.api.raw("GET", path, headers={"Cookie": cookie, "Accept": "text/html"})
        assert status == 200, (path, status)
    current = portal.find("nav.report-nav a[aria-current='page']")
    assert current.get_attribute("href").endswith("/workspace/admin"), current.get_attribute("href")
    both_widths(portal, "admin-index")


def refused(portal):
    step("a desk officer gets the 403 page on the admin index")
    sign_in(portal, "officer", "/workspace/")
    assert not portal.finds("#ws-nav-admin"), "the officer is offered the admin link"
    portal.open("/workspace/admin")
    assert portal.find("h1").text == "Không được phép", portal.find("h1").text
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in portal.driver.get_cookies())
    status, _, _ = portal.api.raw("GET", "/workspace/admin", headers={"Cookie": cookie, "Accept": "text/html"})
    assert status == 403, status
    portal.shot("admin-officer-403")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    arguments = parser.parse_args()
    portal = Portal(arguments.base.rstrip("/"), arguments.shots)
    portal.steps = 60
    started = time.time()
    try:
        index(portal)
        refused(portal)
    except Exception:
        portal.shot("admin-failure", full=False)
        raise
    finally:
        portal.quit()
    print(f"admin index: all browser checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()

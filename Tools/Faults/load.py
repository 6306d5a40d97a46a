#!/usr/bin/env python3
"""The fault suite's load (scripts/faults): online submissions with client retries while the
driver kills and restarts services, the broker and PostgreSQL; then the drain and the figures.

Standard library only. Each submission has its own Idempotency-Key and is retried with the same
key until it is answered 201 (or the run's retry budget ends): a retry must answer the same
dossier. Accepted dossiers are then looked up as the desk officer until processing shows them.
"""
import argparse, json, os, sys, threading, time, urllib.error, urllib.request, uuid

def call(method, url, body=None, headers=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except Exception as error:  # connection refused/reset, timeout: the service is down
        return 0, str(error).encode()

def sign_in(base, username, password):
    for _ in range(300):
        status, body = call("POST", base + "/api/v1/auth/token", {"username": username, "password": password})
        if status == 200:
            return json.loads(body)["accessToken"]
        time.sleep(0.5)
    sys.exit(f"faults: cannot sign in as {username}")

def upload(base, token, name):
    """One small PDF uploaded by the submitter (attachments must exist and be theirs)."""
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + os.urandom(64).hex().encode()
    request = urllib.request.Request(base + "/api/v1/documents", data=pdf, method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/pdf",
                                              "X-Filename": name})
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())["id"]
        except Exception:
            time.sleep(0.5)
    sys.exit("faults: cannot upload a document")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--stop-file", required=True, help="the load ends when this file exists")
    parser.add_argument("--drain-seconds", type=float, default=120)
    parser.add_argument("--out", required=True)
    parser.add_argument("--password", default="Onegate@2026")
    args = parser.parse_args()

    citizen = sign_in(args.base, "citizen", args.password)
    accepted, lock = {}, threading.Lock()   # key -> (code, seconds from first try to 201)
    doubled, given_up = [], []
    started = time.time()

    def worker():
        token = citizen
        while not os.path.exists(args.stop_file) and time.time() - started < args.seconds:
            key = "faults-" + uuid.uuid4().hex
            documents = [upload(args.base, token, f"{component}.pdf") for component in ("TK", "GCS", "GTTT")]
            body = {"procedureCode": "1.001193", "agencyCode": "000.00.01.H30", "channel": "online",
                    "applicant": {"kind": "citizen", "name": "Nguyễn Văn An", "idNumber": "001203004567"},
                    "form": {"applicantName": "Nguyễn Văn An", "applicantIdNumber": "001203004567", "childName": "Nguyễn Văn Bình",
                             "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện tỉnh", "relationship": "Cha"},
                    "attachments": [{"componentCode": c, "documentId": d} for c, d in zip(("TK", "GCS", "GTTT"), documents)]}
            first, codes = time.time(), set()
            while time.time() - first < 120:
                status, reply = call("POST", args.base + "/api/v1/dossiers", body,
                                     {"Idempotency-Key": key, "Authorization": "Bearer " + token})
                if status in (200, 201):
                    codes.add(json.loads(reply)["code"])
                    # One more retry, as a client that lost the answer would: the same dossier.
                    status, reply = call("POST", args.base + "/api/v1/dossiers", body,
                                         {"Idempotency-Key": key, "Authorization": "Bearer " + token})
                    if status in (200, 201):
                        codes.add(json.loads(reply)["code"])
                    break
                if status == 401:
                    token = sign_in(args.base, "citizen", args.password)
                time.sleep(0.3)
            with lock:
                if not codes:
                    given_up.append(key)
                elif len(codes) > 1:
                    doubled.append(sorted(codes))
                else:
                    accepted[key] = (codes.pop(), first)

    threads = [threading.Thread(target=worker) for _ in range(args.workers)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    load_ended = time.time()

    # The drain: every accepted dossier must reach the officer (processing opened its case).
    officer = sign_in(args.base, "officer", args.password)
    waiting = dict(accepted)
    reached = {}
    while waiting and time.time() - load_ended < args.drain_seconds:
        for key, (code, first) in list(waiting.items()):
            status, _ = call("GET", f"{args.base}/api/v1/dossiers/{code}", headers={"Authorization": "Bearer " + officer})
            if status == 401:
                officer = sign_in(args.base, "officer", args.password)
            elif status == 200:
                reached[code] = time.time() - first
                del waiting[key]
        if waiting: time.sleep(1)
    # Not at the officer: known to the applicant (intake has it: stuck) or not at all (lost).
    lost = []
    for key, (code, _) in waiting.items():
        status, _ = call("GET", f"{args.base}/api/v1/dossiers/{code}", headers={"Authorization": "Bearer " + citizen})
        if status == 404:
            lost.append(code)
    result = {"accepted": len(accepted), "lost": len(lost), "doubled": len(doubled), "unanswered": len(given_up),
              "stuck": len(waiting) - len(lost), "stuckCodes": [code for code, _ in waiting.values()][:20],
              "longestToOfficerSeconds": round(max(reached.values(), default=0), 1),
              "loadSeconds": round(load_ended - started, 1)}
    with open(args.out, "w") as out: json.dump(result, out)
    print(json.dumps(result))

if __name__ == "__main__":
    main()

"""The JSON API calls the browser tests make on the side (a submission, an officer's action)."""
import json
import urllib.error
import urllib.request

PASSWORD = "Onegate@2026"
PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
       b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


class API:
    def __init__(self, base):
        self.base = base

    def raw(self, method, path, data=None, headers=None):
        """(status, headers, body bytes) of one request, errors included."""
        request = urllib.request.Request(self.base + path, data=data, method=method)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def call(self, method, path, body=None, token=None, headers=None):
        headers = dict(headers or {})
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        status, _, data = self.raw(method, path, None if body is None else json.dumps(body).encode(), headers)
        return status, json.loads(data or b"null")

    def login(self, user):
        status, body = self.call("POST", "/api/v1/auth/token", {"username": user, "password": PASSWORD})
        assert status == 200, f"sign-in of {user}: {status} {body}"
        return body["accessToken"]

    def upload_pdf(self, token, name):
        status, _, data = self.raw("POST", "/api/v1/documents", PDF,
                                   {"Content-Type": "application/pdf", "X-Filename": name, "Authorization": "Bearer " + token})
        assert status == 201, f"upload {name}: {status} {data[:300]!r}"
        return json.loads(data)["id"]

    def submit_birth_registration(self, citizen, tag):
        """A birth registration (1.001193) with its three PDFs, as the citizen: (code, lookup token)."""
        attachments = [{"componentCode": c, "documentId": self.upload_pdf(citizen, f"browser-{tag}-{c}.pdf")}
                       for c in ("TK", "GCS", "GTTT")]
        body = {
            "procedureCode": "1.001193", "agencyCode": "000.00.01.H30", "channel": "online",
            "applicant": {"kind": "citizen", "name": "Nguyễn Văn An", "idNumber": "001190099999", "phone": "0912345678",
                          "email": "an.nguyen@example.vn", "address": "Phường Ba Đình, Hà Nội"},
            "form": {"applicantName": "Nguyễn Văn An", "applicantIdNumber": "001190099999", "phone": "0912345678",
                     "childName": "Nguyễn Minh Châu", "childBirthDate": "2026-11-20", "childSex": "Nữ",
                     "birthPlace": "Bệnh viện Phụ sản tỉnh Demo", "relationship": "Cha"},
            "attachments": attachments,
        }
        status, receipt = self.call("POST", "/api/v1/dossiers", body, citizen, {"Idempotency-Key": f"browser-{tag}"})
        assert status in (200, 201), f"submission: {status} {receipt}"
        return receipt["code"], receipt["lookupToken"]

    def wait_for_state(self, officer, code, state, seconds=30):
        import time
        deadline = time.time() + seconds
        while time.time() < deadline:
            status, detail = self.call("GET", f"/api/v1/dossiers/{code}", token=officer)
            if status == 200 and detail.get("state") == state:
                return detail
            time.sleep(0.2)
        raise AssertionError(f"{code} did not reach {state} in {seconds} s")

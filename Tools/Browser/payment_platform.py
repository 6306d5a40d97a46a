"""A simulated payment platform for the browser tests (docs/web.md, docs/integration.md "Payments").

Integration sends it each order (`POST /orders`, signed `X-Payment-Signature: sha256=<HMAC-SHA256>`
with the shared secret); the portal's "Thanh toán" button sends the citizen to `GET /checkout?dossier=
&amount=&return=`, a page with the order and a button; `POST /checkout/pay` calls the order's
`callbackUrl` with the signed callback `{orderId, transactionId, amount, status: "paid"}`, as the real
platform would, and sends the browser back to `return`. Orders with a bad signature are refused."""
import hashlib
import hmac
import html
import json
import threading
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PaymentPlatform:
    def __init__(self, port, secret):
        self.secret, self.orders, self.callbacks, self.lock = secret.encode(), {}, [], threading.Lock()
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def body(self):
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def answer(self, status, text="", content_type="text/plain; charset=utf-8", headers=()):
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                path = urllib.parse.urlsplit(self.path).path
                data = self.body()
                if path == "/orders":
                    if not hmac.compare_digest(self.headers.get("X-Payment-Signature", ""), platform.sign(data)):
                        return self.answer(401, "bad signature")
                    order = json.loads(data)
                    with platform.lock:
                        platform.orders[order["dossierCode"]] = order
                    return self.answer(201, json.dumps({"received": order["orderId"]}), "application/json")
                if path == "/checkout/pay":
                    form = dict(urllib.parse.parse_qsl(data.decode()))
                    with platform.lock:
                        order = platform.orders.get(form.get("dossier", ""))
                    if not order:
                        return self.answer(404, "no such order")
                    callback = json.dumps({"orderId": order["orderId"], "transactionId": "GD-" + uuid.uuid4().hex[:12],
                                           "amount": order["amount"], "status": "paid"}).encode()
                    request = urllib.request.Request(order["callbackUrl"], data=callback, method="POST", headers={
                        "Content-Type": "application/json", "X-Payment-Signature": platform.sign(callback)})
                    with urllib.request.urlopen(request, timeout=10) as reply:
                        with platform.lock:
                            platform.callbacks.append((order["dossierCode"], reply.status, json.loads(reply.read())))
                    return self.answer(303, headers=[("Location", form.get("return", "/"))])
                self.answer(404, "not found")

            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                if parts.path != "/checkout":
                    return self.answer(404, "not found")
                query = dict(urllib.parse.parse_qsl(parts.query))
                with platform.lock:
                    order = platform.orders.get(query.get("dossier", ""))
                if not order:
                    return self.answer(404, "Chưa nhận được yêu cầu thanh toán cho hồ sơ này.")
                e = lambda text: html.escape(str(text), quote=True)  # noqa: E731
                page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Cổng thanh toán (mô phỏng)</title></head>
<body><main><h1>Cổng thanh toán (mô phỏng)</h1>
<p id="order-description">{e(order["description"])}</p>
<p>Số tiền: <strong id="order-amount">{e(order["amount"])} VND</strong></p>
<form method="post" action="/checkout/pay">
<input type="hidden" name="dossier" value="{e(order["dossierCode"])}">
<input type="hidden" name="return" value="{e(query.get("return", "/"))}">
<button type="submit" id="confirm-payment">Xác nhận thanh toán</button></form></main></body></html>"""
                self.answer(200, page, "text/html; charset=utf-8")

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sign(self, body):
        return "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    def order(self, code):
        with self.lock:
            return self.orders.get(code)

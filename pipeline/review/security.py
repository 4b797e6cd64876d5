"""Safe-by-default access to the review app.

* Binds loopback unless a token is set (``ensure_bind_allowed``).
* With a token, every request (pages, API, static files, exports) must carry it:
  ``Authorization: Bearer T``, ``X-Review-Token: T``, or the cookie set after
  opening any page once with ``?token=T`` (the token is then removed from the
  address bar by a redirect so it does not linger in history or referrers).
* Host-header allow-list: blocks DNS-rebinding pages from talking to a loopback
  server through the analyst's browser.
* State-changing API calls must be JSON (a cross-site form cannot send that
  without a CORS preflight, which this app never grants).
* Strict Content-Security-Policy: scripts and styles only from /static.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "review_session"
TOKEN_ENV = "AV_REVIEW_TOKEN"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ensure_bind_allowed(host: str, token: str | None) -> None:
    """Refuse to expose the app beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise SystemExit(
            f"refusing to bind {host!r} without an access token: pass --token or set "
            f"{TOKEN_ENV}, or bind 127.0.0.1")


def cookie_value(token: str) -> str:
    """What the session cookie holds: derived from, not equal to, the token."""
    return hmac.new(token.encode(), b"av-review-session", hashlib.sha256).hexdigest()


class GuardMiddleware:
    """Host allow-list, token check, JSON-only writes, security headers."""

    def __init__(self, app: ASGIApp, token: str | None, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token or None
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self._cookie = cookie_value(token) if token else None

    def _host_ok(self, request: Request) -> bool:
        if "*" in self.allowed_hosts:
            return True
        host = request.headers.get("host", "").lower()
        if host.startswith("["):
            name = host.split("]")[0] + "]"
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.allowed_hosts or name.strip("[]") in self.allowed_hosts

    def _authorised(self, request: Request) -> bool:
        if self.token is None:
            return True
        auth = request.headers.get("authorization", "")
        given = auth[7:] if auth.lower().startswith("bearer ") else \
            request.headers.get("x-review-token", "")
        if given and hmac.compare_digest(given.encode(), self.token.encode()):
            return True
        cookie = request.cookies.get(COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self._cookie.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self._check(request)
        if response is not None:
            await self._with_headers(response)(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in _security_headers():
                    if k.encode() not in names:
                        headers.append((k.encode(), v.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _check(self, request: Request) -> Response | None:
        if not self._host_ok(request):
            return PlainTextResponse("host not allowed", status_code=400)
        query_token = request.query_params.get("token")
        if self.token is not None and query_token is not None and request.method == "GET":
            if not hmac.compare_digest(query_token.encode(), self.token.encode()):
                return _unauthorised(request)
            rest = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True)
                    if k != "token"]
            target = request.url.path + ("?" + urlencode(rest) if rest else "")
            resp = RedirectResponse(target, status_code=303)
            resp.set_cookie(COOKIE, self._cookie or "", httponly=True, samesite="strict",
                            path="/")
            return resp
        if not self._authorised(request):
            return _unauthorised(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype != "application/json":
                return JSONResponse({"detail": "state-changing requests must be "
                                               "application/json"}, status_code=415)
        return None

    @staticmethod
    def _with_headers(response: Response) -> Response:
        for k, v in _security_headers():
            response.headers.setdefault(k, v)
        return response


def _security_headers() -> list[tuple[str, str]]:
    return [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("cache-control", "no-store"),
    ]


def _unauthorised(request: Request) -> Response:
    msg = ("access token required: open this page once with ?token=YOUR_TOKEN, or send "
           "'Authorization: Bearer YOUR_TOKEN'")
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": msg}, status_code=401,
                            headers={"www-authenticate": "Bearer"})
    return PlainTextResponse(msg, status_code=401, headers={"www-authenticate": "Bearer"})

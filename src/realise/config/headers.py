"""Headers on every response Realise's views give (ADR 0019).

- ``Cache-Control: no-store``: pages, API answers and downloads hold a council's figures and
  people's names, so no browser cache, proxy or shared computer keeps a copy, and Back after
  signing out shows nothing. One rule for all three: today's browsers save a download sent with
  ``no-store`` as they save any other (the old Internet Explorer failure over HTTPS that made
  ``private, no-cache`` the advice for downloads no longer applies). A view that sets its own
  ``Cache-Control`` keeps it. Static files never come here: WhiteNoise answers them first, with
  its own long cache lifetime (settings/production.py).
- ``Permissions-Policy``: browser features Realise never uses are turned off for its pages and
  anything they might ever embed, so an injected script could not ask for them either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Every feature here is one Chromium recognises (an unknown name is reported on the console).
NEVER_USED = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in NEVER_USED)


def response_headers_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware

"""Waiting for something another process does: poll until it is there, with a deadline.

A test never sleeps a fixed time and then asserts; it waits for the thing itself, so that a slow
or busy machine only makes the test slower, never red.
"""

import time

import pytest

# How long a browser click or page load may take at most: a ceiling for a machine under heavy load;
# every step goes on as soon as its element or page is there.
BROWSER_DEADLINE_MS = 60_000


def wait_until(found, what: str, *, seconds: float = 180, interval: float = 0.1):
    """Call ``found()`` until it returns something true and return that; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        result = found()
        if result:
            return result
        if time.monotonic() >= deadline:
            pytest.fail(f"waited {seconds:g} s in vain for {what}")
        time.sleep(interval)

"""Load for one page at a time: ``BENCH_PATH`` is the path, ``BENCH_EMAIL`` an optional account."""

import os

from locust import HttpUser, task


class PageUser(HttpUser):
    path = os.environ.get("BENCH_PATH", "/bench/vloer/")

    def on_start(self):
        email = os.environ.get("BENCH_EMAIL")
        if email:
            self.client.get("/account/inloggen/")
            token = self.client.cookies.get("csrftoken", "")
            self.client.post(
                "/account/inloggen/",
                {
                    "username": email,
                    "password": os.environ["BENCH_PASSWORD"],
                    "csrfmiddlewaretoken": token,
                },
                headers={"Referer": self.host + "/account/inloggen/"},
            )

    @task
    def page(self):
        self.client.get(self.path, name=self.path)

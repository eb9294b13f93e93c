import pytest

from reisgids.core.roles import Role
from tests.core.factories import UserFactory


@pytest.fixture
def contentbeheerder(db):
    return UserFactory(roles=[Role.CONTENTBEHEERDER])


@pytest.fixture
def eager_celery():
    """Run enqueued tasks in-process, so a task enqueued on commit really runs in the test."""
    from reisgids.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous

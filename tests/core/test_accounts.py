import pytest
from django.core import mail
from django.urls import reverse

from reisgids.core.errors import ApplicationError, NotAllowed
from reisgids.core.models import AuditEvent, User
from reisgids.core.permissions import role_names
from reisgids.core.roles import Role
from reisgids.core.services import user_register, user_role_set
from tests.core.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Fatima de Vries",
    "email": "Fatima@Example.org",
    "password": "lange-zin-als-wachtwoord",
    "password_again": "lange-zin-als-wachtwoord",
    "preferred_language": "nl",
    "consent": "on",
}


def test_register_page_creates_account_logs_in_and_grants_initiatiefnemer(client):
    response = client.post(reverse("core:register"), GOOD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    user = User.objects.get(email="fatima@example.org")
    assert user.name == "Fatima de Vries"
    assert role_names(user) == {"initiatiefnemer"}
    assert response.context["user"] == user
    assert "Welkom! Uw account is aangemaakt." in response.content.decode()
    assert AuditEvent.objects.filter(action="user_register", target_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password_again": "iets-anders-helemaal"}, "De twee wachtwoorden zijn niet gelijk."),
        ({"consent": ""}, "Dit veld is vereist."),
        ({"email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"password": "kort", "password_again": "kort"}, "Dit wachtwoord is te kort."),
    ],
)
def test_register_refuses_bad_input_with_a_dutch_message(client, change, message):
    response = client.post(reverse("core:register"), {**GOOD, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="fatima@example.org").exists()


def test_register_refuses_an_existing_email_and_keeps_the_existing_account(client):
    existing = UserFactory(email="fatima@example.org", name="Eerste Fatima")
    response = client.post(reverse("core:register"), GOOD)
    assert "Er bestaat al een account met dit e-mailadres." in response.content.decode()
    existing.refresh_from_db()
    assert existing.name == "Eerste Fatima"
    assert existing.check_password(PASSWORD)


def test_register_page_sends_logged_in_users_to_their_dashboard(client):
    client.force_login(UserFactory())
    assert client.get(reverse("core:register")).url == reverse("dashboard")


def test_user_register_service_rejects_common_password():
    with pytest.raises(ApplicationError, match="te algemeen"):
        user_register(email="a@example.org", name="A", password="password123")


def test_login_with_email_and_logout(client):
    user = UserFactory(email="jan@example.org")
    response = client.post(
        reverse("login"), {"username": "JAN@example.org".lower(), "password": PASSWORD}
    )
    assert response.url == reverse("dashboard")
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert f"Welkom, {user.get_short_name()}" in dashboard.content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_login_with_a_wrong_password_says_so_in_dutch(client):
    UserFactory(email="jan@example.org")
    response = client.post(reverse("login"), {"username": "jan@example.org", "password": "fout"})
    assert response.status_code == 200
    assert "Het e-mailadres of wachtwoord klopt niet." in response.content.decode()


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_password_reset_sends_a_dutch_email_with_a_working_link(client):
    user = UserFactory(email="jan@example.org")
    response = client.post(reverse("password_reset"), {"email": "jan@example.org"})
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor de Reisgids zorg en welzijn"
    link = next(line for line in message.body.splitlines() if "/account/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    new_password = "nog-een-nieuw-wachtwoord"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_an_unknown_address_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_superuser_counts_as_beheerder():
    admin = User.objects.create_superuser(email="root@example.org", name="Root", password=PASSWORD)
    assert Role.BEHEERDER.value in role_names(admin)
    assert admin.has_perm("core.view_audit")


def test_user_manager_requires_an_email():
    with pytest.raises(ValueError, match="e-mailadres"):
        User.objects.create_user(email="", password=PASSWORD)


def test_beheerder_grants_and_withdraws_a_role(beheerder):
    user = UserFactory()
    user_role_set(actor=beheerder, user=user, role=Role.CONTENTBEHEERDER, granted=True)
    assert "contentbeheerder" in set(user.groups.values_list("name", flat=True))
    user_role_set(actor=beheerder, user=user, role="contentbeheerder", granted=False)
    assert not user.groups.filter(name="contentbeheerder").exists()
    assert AuditEvent.objects.filter(action="role_withdraw", target_id=str(user.pk)).count() == 1


@pytest.mark.parametrize(
    "role", [Role.INITIATIEFNEMER, Role.NETWERKMANAGER, Role.BESTUURDER, Role.AMBTENAAR]
)
def test_only_beheerders_grant_roles(role):
    actor = UserFactory(roles=[role])
    target = UserFactory()
    with pytest.raises(NotAllowed):
        user_role_set(actor=actor, user=target, role=Role.BEHEERDER, granted=True)
    assert not target.groups.exists()


def test_beheerder_cannot_withdraw_own_beheer(beheerder):
    with pytest.raises(ApplicationError, match="eigen beheerdersrol"):
        user_role_set(actor=beheerder, user=beheerder, role=Role.BEHEERDER, granted=False)
    assert beheerder.groups.filter(name="beheerder").exists()


def test_user_str_and_names():
    user = UserFactory(name="Anna de Boer", email="anna@example.org")
    assert str(user) == "Anna de Boer"
    assert user.get_full_name() == "Anna de Boer"
    assert user.get_short_name() == "Anna"

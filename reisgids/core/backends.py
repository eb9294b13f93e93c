"""Django's model permissions, for staff only."""

from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """Logs people in like Django's ModelBackend. Its model permissions (``app.change_model``)
    only serve the admin, which only staff may enter; everyone else's rights are the platform's
    django-rules predicates. So for anyone who is not staff this backend grants nothing and asks
    the database nothing: a refused ``has_perm`` no longer costs two queries per request."""

    def get_user_permissions(self, user_obj, obj=None):
        return super().get_user_permissions(user_obj, obj) if user_obj.is_staff else set()

    def get_group_permissions(self, user_obj, obj=None):
        return super().get_group_permissions(user_obj, obj) if user_obj.is_staff else set()

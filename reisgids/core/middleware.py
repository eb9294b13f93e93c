from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Dutch first: the language is the visitor's explicit choice (language cookie), else the
    logged-in user's preferred language, else Dutch. The browser's Accept-Language is not used,
    so that everyone sees the same Dutch page until they choose otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            user = getattr(request, "user", None)
            preferred = (
                getattr(user, "preferred_language", None)
                if user and user.is_authenticated
                else None
            )
            language = preferred if preferred in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response

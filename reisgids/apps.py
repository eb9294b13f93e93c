from django.contrib.staticfiles.apps import StaticFilesConfig


class ReisgidsStaticFilesConfig(StaticFilesConfig):
    # The Rotterdam design tokens' font.css points at font files the npm package does not ship;
    # we use the system fallback fonts instead.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "font.css"]

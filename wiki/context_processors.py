"""Template context shared by every page: the main navigation."""

NAVIGATION = (
    ("/pratiques/", "Les pratiques"),
    ("/themes/", "Les thèmes"),
    ("/glossaire/", "Glossaire"),
    ("/se-situer/", "Se situer"),
    ("/bienvenue/", "Bienvenue"),
)


def navigation(request) -> dict:
    path = request.path
    return {
        "main_navigation": [
            {"url": url, "label": label, "current": path.startswith(url)}
            for url, label in NAVIGATION
        ]
    }

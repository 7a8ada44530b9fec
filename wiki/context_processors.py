"""Template context shared by every page: the main navigation, and the members' one."""

NAVIGATION = (
    ("/bienvenue/", "Bienvenue"),
    ("/pratiques/", "Les pratiques"),
    ("/themes/", "Les thèmes"),
    ("/se-situer/", "Se situer"),
    ("/guide/", "Le guide"),
    ("/glossaire/", "Glossaire"),
)

# Shown to logged-in members only, on a row of their own so that phones keep two short rows.
MEMBER_NAVIGATION = (
    ("/quoi-de-neuf/", "Quoi de neuf"),
    ("/rencontres/", "Rencontres"),
    ("/pratiques/brouillons/", "Brouillons"),
    ("/mes-suivis/", "Mes suivis"),
    ("/admin/", "Espace d'écriture"),
)


def linked(items, current: str | None) -> list[dict]:
    return [{"url": url, "label": label, "current": url == current} for url, label in items]


def navigation(request) -> dict:
    # The longest matching link is the current one (/pratiques/brouillons/, not /pratiques/).
    matching = [url for url, _ in (*NAVIGATION, *MEMBER_NAVIGATION) if request.path.startswith(url)]
    current = max(matching, key=len, default=None)
    return {
        "main_navigation": linked(NAVIGATION, current),
        "member_navigation": linked(MEMBER_NAVIGATION, current),
    }

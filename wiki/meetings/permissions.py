"""Who writes meeting pages: the Coordination (who runs the meetings) and the social centres
(who take notes), as the roles of the content contract say."""

from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

MEETING_WRITERS = (ROLE_COORDINATION, ROLE_CENTRES_SOCIAUX)


def may_write_meetings(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=MEETING_WRITERS).exists()

"""Synonym groups generated from the glossary: a term, its expansion and its synonyms."""

from search.base import SynonymGroup
from wiki.models import GlossaryTerm


def glossary_synonyms() -> list[SynonymGroup]:
    groups = []
    for term in GlossaryTerm.objects.order_by("term"):
        words = [term.term, term.expansion, *term.synonym_list]
        unique = tuple(dict.fromkeys(word.strip() for word in words if word and word.strip()))
        if len(unique) > 1:
            groups.append(SynonymGroup(unique))
    return groups

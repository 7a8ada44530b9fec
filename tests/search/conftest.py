"""The engines every contract test runs on: the database engine (SQLite here, PostgreSQL
when DATABASE_URL says so) and a real OpenSearch node (never a stub), wired as the site wires
it. tests/search/engines/ tests the node engine on its own."""

import uuid

import pytest

from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.node import search_node_url, skip_or_fail

ENGINES = ["database", "opensearch"]


def node_or_skip() -> str:
    url = search_node_url()
    if url is None:
        skip_or_fail("no search node: Java and Maven are needed to start scripts/search-node")
    return url


@pytest.fixture(params=ENGINES)
def engine(request, db):
    if request.param == "database":
        yield DatabaseEngine()
        return
    remote = SiteNode(node_or_skip(), index_name=f"passerelles-test-{uuid.uuid4().hex[:8]}")
    yield remote
    remote.drop_index()


class SiteNode(ElasticsearchEngine):
    """The node wired as the site wires it (search.service): the database engine kept in
    step beside it plans its queries and describes its hits."""

    def __init__(self, url: str, index_name: str) -> None:
        self.database = DatabaseEngine()
        super().__init__(
            url, flavour="opensearch", index_name=index_name, timeout=10.0, describer=self.database
        )

    def rebuild(self, documents, synonyms):
        documents, synonyms = list(documents), list(synonyms)
        self.database.rebuild(documents, synonyms)
        return super().rebuild(documents, synonyms)

    def index_documents(self, documents):
        documents = list(documents)
        self.database.index_documents(documents)
        return super().index_documents(documents)

    def delete_documents(self, page_ids):
        page_ids = list(page_ids)
        self.database.delete_documents(page_ids)
        super().delete_documents(page_ids)

    def set_synonyms(self, synonyms):
        synonyms = list(synonyms)
        self.database.set_synonyms(synonyms)
        super().set_synonyms(synonyms)

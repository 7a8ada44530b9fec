"""The engines every contract test runs on: the database engine (SQLite here, PostgreSQL
when DATABASE_URL says so) and a real OpenSearch node (never a stub)."""

import uuid

import pytest

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
        from search.engines.database import DatabaseEngine

        yield DatabaseEngine()
        return
    from search.engines.elasticsearch import ElasticsearchEngine

    remote = ElasticsearchEngine(
        node_or_skip(),
        flavour="opensearch",
        index_name=f"passerelles-test-{uuid.uuid4().hex[:8]}",
        timeout=10.0,
    )
    yield remote
    remote.drop_index()

"""The sitemaps as a crawler reads them: the index at /sitemap.xml, then every sitemap it names."""

import xml.etree.ElementTree as ET

from django.conf import settings

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def get_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path} answers {response.status_code}"
    return ET.fromstring(response.content)


def sitemap_paths(client):
    """The path of every sitemap the index names, in its order."""
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text.removeprefix(settings.SITE_URL) for loc in index.findall("s:sitemap/s:loc", NS)]


def sitemap_urls(client):
    """[(sitemap path, <url> element)] for every URL of every sitemap the index names."""
    return [(path, url) for path in sitemap_paths(client) for url in get_xml(client, path).findall("s:url", NS)]


def listed_locations(client):
    """Every <loc> the sitemaps list, as often as they list it."""
    return [url.findtext("s:loc", namespaces=NS) for _path, url in sitemap_urls(client)]

"""Telegram Desktop exports and RSS/Atom feeds read as reports (issue 14, part 3)."""

from __future__ import annotations

import json

import pytest

from geoevents import GeoEventsWarning, InvalidInputError, read_articles
from geoevents._feeds import is_telegram_export, read_feed, read_telegram, safe_url

CHANNEL = {
    "name": "Frontline digest",
    "type": "public_channel",
    "id": 1500123456,
    "messages": [
        {"id": 1, "type": "service", "action": "create_channel", "date": "2022-04-01T09:00:00"},
        {
            "id": 2,
            "type": "message",
            "date": "2022-04-02T10:15:00",
            "date_unixtime": "1648894500",
            "text": [
                "Night strike on ",
                {"type": "bold", "text": "Zolochiv"},
                "\nTwo drones hit a warehouse, see ",
                {"type": "link", "text": "https://example.org/post"},
            ],
        },
        {"id": 3, "type": "message", "date": "2022-04-02T11:00:00", "photo": "p.jpg", "text": ""},
        {"id": 4, "type": "message", "date": "2022-04-03T08:00:00", "text": "Quiet night."},
    ],
}


def test_telegram_channel_posts_become_reports():
    records = read_telegram(CHANNEL, "result.json")
    assert [r["article_id"] for r in records] == ["tg-1500123456-2", "tg-1500123456-4"]
    first = records[0]
    assert first["text"] == (
        "Night strike on Zolochiv\nTwo drones hit a warehouse, see https://example.org/post"
    )
    assert first["title"] == "Night strike on Zolochiv"
    assert first["published"] == "2022-04-02T10:15:00+00:00"
    assert first["source"] == "Frontline digest"
    assert first["url"] == "https://t.me/c/1500123456/2"
    # no unix time: the export's local date as written
    assert records[1]["published"] == "2022-04-03T08:00:00"


def test_telegram_username_gives_public_links_and_account_exports_read_every_chat():
    named = dict(CHANNEL, username="frontdigest")
    assert read_telegram(named, "x")[0]["url"] == "https://t.me/frontdigest/2"
    saved = {"name": "Saved", "type": "saved_messages", "id": 9, "messages": CHANNEL["messages"]}
    account = {"about": "export", "chats": {"list": [saved, CHANNEL]}}
    assert is_telegram_export(account) and is_telegram_export(CHANNEL)
    assert not is_telegram_export({"text": "a report"}) and not is_telegram_export([CHANNEL])
    assert len(read_telegram(account, "x")) == 2  # the saved messages are not reports
    with pytest.raises(InvalidInputError, match="chat 0"):
        read_telegram({"chats": {"list": [{"type": "public_channel"}]}}, "x")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Regional wire</title>
<item><title>Shelling in Vovchansk</title><link>https://example.org/a</link>
<guid>wire-1</guid><pubDate>Mon, 02 May 2022 06:30:00 +0300</pubDate>
<content:encoded><![CDATA[<p>Artillery hit the <b>market</b>.</p><script>x()</script>]]>
</content:encoded></item>
<item><title>Bad link</title><link>javascript:alert(1)</link>
<description>Drones over the bridge.</description></item>
</channel></rss>"""

ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Strike near Balakliia</title><id>urn:wire:7</id>
<link rel="edit" href="https://example.org/edit/7"/>
<link rel="alternate" href="https://example.org/7"/>
<updated>2022-05-04T10:00:00Z</updated><published>2022-05-04T09:00:00Z</published>
<summary type="html">&lt;p&gt;Balakliia: a depot burned.&lt;/p&gt;</summary></entry></feed>"""

RDF = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Old wire</title></channel>
<item><title>Fire in Kupiansk</title><link>https://example.org/r1</link>
<description>A fuel store burned.</description><dc:date>2022-05-05</dc:date></item>
</rdf:RDF>"""


def test_rss_items_read_with_dates_links_and_html_bodies():
    records = read_feed(RSS.encode(), "wire.xml")
    assert len(records) == 2
    one = records[0]
    assert one["text"] == "Shelling in Vovchansk\n\nArtillery hit the market."
    assert one["published"] == "2022-05-02T06:30:00+03:00"
    assert (one["source"], one["url"], one["article_id"]) == (
        "Regional wire", "https://example.org/a", "wire-1",
    )  # fmt: skip
    assert records[1]["url"] == "javascript:alert(1)"  # as written: read_articles empties it


def test_atom_and_rss1_feeds():
    (entry,) = read_feed(ATOM, "wire.atom")
    assert entry["text"] == "Strike near Balakliia\n\nBalakliia: a depot burned."
    assert entry["published"] == "2022-05-04T09:00:00Z"
    assert entry["url"] == "https://example.org/7"  # the alternate link, not the edit one
    assert entry["article_id"] == "urn:wire:7" and entry["source"] == "Atom wire"
    (item,) = read_feed(RDF, "old.rss")
    assert (item["title"], item["published"], item["source"]) == (
        "Fire in Kupiansk", "2022-05-05", "Old wire",
    )  # fmt: skip


def test_feeds_refuse_entity_bombs_and_other_xml():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item>'
        "<title>&b;</title></item></channel></rss>"
    )
    with pytest.raises(InvalidInputError, match="entities"):
        read_feed(bomb, "bomb.xml")
    with pytest.raises(InvalidInputError, match="not an RSS or Atom"):
        read_feed("<svg></svg>", "pic.xml")
    with pytest.raises(InvalidInputError, match="well-formed"):
        read_feed("<rss><channel>", "cut.xml")


def test_feed_in_a_declared_legacy_encoding():
    text = RSS.replace("UTF-8", "ISO-8859-1").replace("Vovchansk", "Vovchansk café")
    records = read_feed(text.encode("latin-1"), "legacy.xml")
    assert records[0]["title"] == "Shelling in Vovchansk café"


def test_safe_url_accepts_only_absolute_web_links():
    assert safe_url("http://example.org/x?y=1") == "http://example.org/x?y=1"
    for bad in ("ftp://example.org", "data:text/html,hi", "https://", "https://a b", 3, None):
        assert safe_url(bad) is None


def test_read_articles_reads_telegram_exports_and_feeds(tmp_path):
    (tmp_path / "result.json").write_text(json.dumps(CHANNEL), "utf-8")
    (tmp_path / "wire.xml").write_text(RSS, "utf-8")
    (tmp_path / "wire.atom").write_text(ATOM, "utf-8")
    (tmp_path / "plain.json").write_text(
        json.dumps({"text": "Shelling hit Izium.", "url": "javascript:go()"}), "utf-8"
    )
    with pytest.warns(GeoEventsWarning, match=r"plain\.json, item 0: url 'javascript:go\(\)'.*"
                      r"wire\.xml, record 2: url 'javascript:alert\(1\)'"):  # fmt: skip
        frame = read_articles(tmp_path)
    assert len(frame) == 6 and frame["article_id"].is_unique
    post = frame.set_index("article_id").loc["tg-1500123456-2"]
    assert post["source"] == "Frontline digest" and post["lang"] == "en"
    assert post["url"] == "https://t.me/c/1500123456/2"
    assert frame.set_index("text")["url"].isna().loc["Shelling hit Izium."]


def test_telegram_messages_without_ids_keep_ids_of_their_own(tmp_path):
    """An export edited by hand or by another tool may lose the message ids: each post
    then gets an id from the file and its text, not one "tg-<chat>-None" they share
    (a store would take the later ones for the first)."""
    posts = [{"type": "message", "date": "2022-04-05T08:00:00", "text": t}
             for t in ("Drones hit Zolochiv.", "Shelling hit Izium.")]  # fmt: skip
    odd = {"id": True, "type": "message", "date": "2022-04-05T09:00:00", "text": "Quiet."}
    chat = dict(CHANNEL, messages=[*posts, odd])
    records = read_telegram(chat, "result.json")
    assert [r["article_id"] for r in records] == [None, None, None]
    assert [r["url"] for r in records] == [None, None, None]
    (tmp_path / "result.json").write_text(json.dumps(chat), "utf-8")
    frame = read_articles(tmp_path)
    assert len(frame) == 3 and frame["article_id"].is_unique
    assert not frame["article_id"].str.contains("None").any()

"""The sample article that ``exporter init`` writes into a new project's ``source/``.

In: a language, ``ja`` or ``en``.
Out: the sample's file name and its text: a short article with a section, a quote, a
list, a key table and a summary, which ``exporter check`` passes without a warning and
``exporter build`` turns into both files. This module is all there is to change when the
sample becomes Markdown: ``NAME`` and the texts.
"""

from __future__ import annotations

NAME = "article.yaml"
"""The sample's file name in ``source/``."""

SAMPLES = {
    "ja": """\
# 記事のソース。書き方は docs/source-format.md(exporter のリポジトリ)にあります。
meta:
  title: "新製品の市場投入に向けて"
  subtitle: "サンプル記事:このファイルを書き換えてください"
  short_title: "新製品の市場投入"
  date: 2026-01-15
  lang: ja
body:
  - "このサンプルは、exporter が一つのソースから PDF とスライドを作る流れを示します。"
  - section: "市場の現状"
    id: market
    body:
      - "競合各社は昨年から価格を下げ、販売量を伸ばしています。"
      - quote: "「価格よりも導入の速さが決め手になりました」"
        author: "ある顧客"
      - list:
          - "導入までの期間を半分にする"
          - "サポート窓口を一つにまとめる"
        label: "私たちの方針:"
        id: plan
  - section: "まとめ"
    id: summary
    body:
      - table: takeaways
        caption: "要点"
        headline: "導入の速さで差をつけます。"
        key: true
        header: [項目, 現状, 目標]
        rows:
          - ["導入期間", "8週間", "4週間"]
          - ["窓口", "3つ", "1つ"]
summary:
  figures:
    - value: "4週間"
      label: "目標とする導入期間"
    - value: "1つ"
      label: "サポート窓口"
  takeaways: takeaways
  outlook: plan
""",
    "en": """\
# The article's source. The format is described in docs/source-format.md (exporter's repository).
meta:
  title: "Bringing the new product to market"
  subtitle: "A sample article: rewrite this file"
  short_title: "New product launch"
  date: 2026-01-15
  lang: en
body:
  - "This sample shows how exporter makes a PDF brief and a deck from one source."
  - section: "Where the market stands"
    id: market
    body:
      - "Competitors have cut prices since last year and are selling more."
      - quote: "Speed of roll-out, not price, decided it for us."
        lang: en
        author: "A customer"
      - list:
          - "Halve the time to roll out"
          - "One support desk instead of three"
        label: "Our plan:"
        id: plan
  - section: "Summary"
    id: summary
    body:
      - table: takeaways
        caption: "Key points"
        headline: "We win on speed of roll-out."
        key: true
        header: [Item, Today, Target]
        rows:
          - ["Roll-out", "8 weeks", "4 weeks"]
          - ["Support desks", "3", "1"]
summary:
  figures:
    - value: "4 weeks"
      label: "Target roll-out time"
    - value: "1"
      label: "Support desk"
  takeaways: takeaways
  outlook: plan
""",
}
"""The sample's text by language."""

"""The sample article that ``exporter init`` writes into a new project's ``source/``.

In: a language, ``ja`` or ``en``.
Out: the sample's file name and its text: a short article with a section, a quote, a
list, a key table and a summary, written in Markdown with YAML front matter, which
``exporter check`` passes without a warning and ``exporter build`` turns into both files.
"""

from __future__ import annotations

NAME = "article.md"
"""The sample's file name in ``source/``."""

SAMPLES = {
    "ja": """\
---
# 記事のソース。書き方は docs/source-format.md(exporter のリポジトリ)にあります。
meta:
  subtitle: "サンプル記事:このファイルを書き換えてください"
  short_title: "新製品の市場投入"
  date: 2026-01-15
  lang: ja
summary:
  figures:
    - value: "4週間"
      label: "目標とする導入期間"
    - value: "1つ"
      label: "サポート窓口"
  takeaways: takeaways
  outlook: plan
---

# 新製品の市場投入に向けて

このサンプルは、exporter が**一つのソース**から PDF とスライドを作る流れを示します。

{#market}
## 市場の現状

競合各社は昨年から価格を下げ、販売量を伸ばしています。

> 「価格よりも導入の速さが決め手になりました」
>
> — ある顧客

私たちの方針:

{#plan}
- 導入までの期間を半分にする
- サポート窓口を一つにまとめる

{#summary}
## まとめ

{#takeaways .key headline="導入の速さで差をつけます。" caption="要点"}
| 項目 | 現状 | 目標 |
|---|---|---|
| 導入期間 | 8週間 | 4週間 |
| 窓口 | 3つ | 1つ |
""",
    "en": """\
---
# The article's source. The format is described in docs/source-format.md (exporter's repository).
meta:
  subtitle: "A sample article: rewrite this file"
  short_title: "New product launch"
  date: 2026-01-15
  lang: en
summary:
  figures:
    - value: "4 weeks"
      label: "Target time to roll out"
    - value: "1"
      label: "Support desk"
  takeaways: takeaways
  outlook: plan
---

# Bringing the new product to market

This sample shows how exporter makes a PDF brief and a deck from **one source**.

{#market}
## Where the market stands

Competitors have cut prices since last year and are selling more.

{lang=en}
> Speed of roll-out, not price, decided it for us.
>
> — A customer

Our plan:

{#plan}
- Halve the time to roll out
- One support desk instead of three

{#summary}
## Summary

{#takeaways .key headline="We win on speed of roll-out." caption="Key points"}
| Item | Today | Target |
|---|---|---|
| Time to roll out | 8 weeks | 4 weeks |
| Support desks | 3 | 1 |
""",
}

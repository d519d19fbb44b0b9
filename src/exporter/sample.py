"""The sample article that ``exporter init`` writes into a new project's ``source/``.

In: a language: ``ja``, ``en``, ``zh-Hans``, ``zh-Hant`` or ``ko``.
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
    "zh-Hans": """\
---
# 文章的源文件。格式说明见 docs/source-format.md（exporter 的仓库）。
meta:
  subtitle: "示例文章：请改写此文件"
  short_title: "新产品上市"
  date: 2026-01-15
  lang: zh-Hans
summary:
  figures:
    - value: "4 周"
      label: "目标上线周期"
    - value: "1 个"
      label: "支持窗口"
  takeaways: takeaways
  outlook: plan
---

# 推动新产品上市

本示例展示 exporter 如何从**一个源文件**生成 PDF 简报和幻灯片。

{#market}
## 市场现状

自去年以来，竞争对手纷纷降价，销量持续增长。

> “决定因素是上线速度，而不是价格。”
>
> — 一位客户

我们的计划：

{#plan}
- 将上线周期缩短一半
- 把三个支持窗口合并为一个

{#summary}
## 总结

{#takeaways .key headline="我们以上线速度取胜。" caption="要点"}
| 项目 | 现状 | 目标 |
|---|---|---|
| 上线周期 | 8 周 | 4 周 |
| 支持窗口 | 3 个 | 1 个 |
""",
    "zh-Hant": """\
---
# 文章的原始檔。格式說明請見 docs/source-format.md（exporter 的儲存庫）。
meta:
  subtitle: "範例文章：請改寫此檔案"
  short_title: "新產品上市"
  date: 2026-01-15
  lang: zh-Hant
summary:
  figures:
    - value: "4 週"
      label: "目標導入期間"
    - value: "1 個"
      label: "支援窗口"
  takeaways: takeaways
  outlook: plan
---

# 推動新產品上市

本範例展示 exporter 如何從**一份原始檔**產生 PDF 簡報與投影片。

{#market}
## 市場現況

自去年起，競爭對手紛紛降價，銷量持續成長。

> 「決定關鍵是導入速度，而不是價格。」
>
> — 一位客戶

我們的計畫：

{#plan}
- 將導入期間縮短一半
- 把三個支援窗口整合為一個

{#summary}
## 總結

{#takeaways .key headline="我們以導入速度勝出。" caption="重點"}
| 項目 | 現況 | 目標 |
|---|---|---|
| 導入期間 | 8 週 | 4 週 |
| 支援窗口 | 3 個 | 1 個 |
""",
    "ko": """\
---
# 기사의 원본 파일입니다. 형식은 docs/source-format.md(exporter 저장소)를 참고하세요.
meta:
  subtitle: "샘플 기사: 이 파일을 수정하세요"
  short_title: "신제품 출시"
  date: 2026-01-15
  lang: ko
summary:
  figures:
    - value: "4주"
      label: "목표 도입 기간"
    - value: "1곳"
      label: "지원 창구"
  takeaways: takeaways
  outlook: plan
---

# 신제품 시장 출시를 위하여

이 샘플은 exporter가 **하나의 원본**으로 PDF 브리프와 슬라이드를 만드는 과정을 보여 줍니다.

{#market}
## 시장 현황

경쟁사들은 지난해부터 가격을 낮추고 판매량을 늘리고 있습니다.

> "가격보다 도입 속도가 결정적이었습니다."
>
> — 한 고객

우리의 계획:

{#plan}
- 도입 기간을 절반으로 줄인다
- 지원 창구를 하나로 통합한다

{#summary}
## 요약

{#takeaways .key headline="도입 속도로 차별화합니다." caption="핵심"}
| 항목 | 현재 | 목표 |
|---|---|---|
| 도입 기간 | 8주 | 4주 |
| 지원 창구 | 3곳 | 1곳 |
""",
}

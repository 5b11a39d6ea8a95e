"""PDFs of the official documents: a print template (templates/print/) rendered by WeasyPrint, Korean words kept
whole. Each kind's PDF renderer (documents/kinds/) names its template and file."""

import re

import weasyprint
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

WORD_JOINER = "\u2060"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
# Markup, and the elements whose text is no running text (CSS, the PDF's title, the charts' SVG), stay as they are.
_MARKUP_OR_TEXT = re.compile(r"(<(style|script|title|svg)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)|([^<]+)", re.S | re.I)
_INSIDE_KOREAN_WORD = re.compile(rf"(?<=[{_HANGUL}])(?=\w)|(?<=\w)(?=[{_HANGUL}])")


def render_pdf(template_name: str, context: dict) -> bytes:
    """A print template → PDF with WeasyPrint."""
    return html_to_pdf(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    """HTML → PDF with WeasyPrint, Korean words kept whole (`keep_words_whole`). The print templates inline their
    CSS and the fonts come from fontconfig, so nothing is fetched: every URL scheme but data: is refused."""
    fetcher = URLFetcher(allowed_protocols=["data"])
    return weasyprint.HTML(string=keep_words_whole(html), url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def keep_words_whole(html: str) -> str:
    """CSS's `word-break: keep-all` for WeasyPrint, which lacks it: a word joiner (U+2060: invisible, no break, not
    part of the PDF's text) between the letters of each Korean word in the running text, so that a line breaks
    between words and never inside one ("일자리창/출을"), as the pages do."""

    def join(match) -> str:
        return match[0] if match[1] else _INSIDE_KOREAN_WORD.sub(WORD_JOINER, match[3])

    return _MARKUP_OR_TEXT.sub(join, html)

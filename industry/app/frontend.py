"""Streamlit's own words in the page's language.

Streamlit's frontend writes a few fixed English words of its own: "No results" in an open dropdown that matches
nothing, "Press Enter to apply" under a text box, "Choose an option", the file uploader's "Upload" and
"50MB per file", "Skip to main content", the table toolbar's tooltips, and the screen reader's "126 options
available.". It offers no setting for their language. Where a widget has an option (the multiselect's
``select_all=False``, a placeholder) the pages use it; the rest are rewritten in the browser by a small script
the shell puts on every page: a MutationObserver that replaces exactly these texts (and the same words in
``placeholder``, ``aria-label`` and ``title``) with the locale's ``streamlit.*`` strings, and restores them
when the reader switches back to English. Nothing else on the page is touched.
"""

from __future__ import annotations

import json
import re

import streamlit as st

from ..core.i18n import Translator
from . import first_screen

# Streamlit 1.67's text → the locale key that says it in the page's language
WORDS = {
    "No results": "no_results",
    "No options": "no_options",
    "Choose an option": "choose",
    "Press Enter to apply": "press_enter",
    "Press Enter to submit form": "press_enter_form",
    "Press Ctrl+Enter to submit form": "press_ctrl_enter_form",  # under a text area in a form
    "Press ⌘+Enter to submit form": "press_cmd_enter_form",
    "Press Ctrl+Enter to apply": "press_ctrl_enter",
    "Press ⌘+Enter to apply": "press_cmd_enter",
    "Skip to main content": "skip",
    "Upload": "upload",
    "Drag and drop a file here": "drop_file",
    "Drag and drop file here": "drop_files",
    "Download as CSV": "download_csv",
    "Search": "search",
    "Fullscreen": "fullscreen",
    "Close fullscreen": "close_fullscreen",
    "Show/hide columns": "columns",
    "Running...": "running",
    "Stop": "stop",
    "Selectbox options": "options",
}
# texts with a number in them: a pattern (named groups) → the locale key, its {placeholders} named as the groups
PATTERNS = {
    r"^(?<n>\d+) options? available\.$": "options_available",
    r"^(?<size>\d+(?:\.\d+)?\s?[KMGT]?B) per file$": "per_file",
}


def table(tr: Translator, years: tuple[int, int] = (0, 0)) -> dict:
    """The replacements for the page's language; none for English, Streamlit's own (the script then restores what it
    replaced on a Vietnamese page); and the text alternative of a metric card's trend line (``{label}`` its label)."""
    trend = tr("chart.trend_alt", label="{label}", first=years[0], last=years[1])
    if tr.lang == "en":
        return {"words": {}, "patterns": [], "trend": trend}
    patterns = []
    for pattern, key in PATTERNS.items():
        names = [part.split(">")[0] for part in pattern.split("(?<")[1:]]
        patterns.append([pattern, tr(f"streamlit.{key}", **{name: f"$<{name}>" for name in names})])
    return {"words": {en: tr(f"streamlit.{key}") for en, key in WORDS.items()}, "patterns": patterns, "trend": trend}


# every chart and map on the page has drawn: a plotly chart its picture, a map its canvases sized to its box; found by
# their elements (their keys end in "chart" or "map"), which are on the page before plotly's or deck.gl's code is
CHARTS_DRAWN = """[...document.querySelectorAll('[data-testid="stElementContainer"]')]
  .filter(e => [...e.classList].some(c => c.startsWith('st-key-') && (c.endsWith('chart') || c.endsWith('map'))))
  .every(e => e.querySelector('.main-svg') || ((canvases) => canvases.length > 0 && canvases.every(
    c => Math.abs(c.getBoundingClientRect().width - e.getBoundingClientRect().width) < 3))(
    [...e.querySelectorAll('canvas')]))"""

_SCRIPT = """<script>
(() => {
  const table = %(table)s;
  const w = window;
  const rules = {words: table.words, patterns: table.patterns.map(([p, r]) => [new RegExp(p), r])};
  w.__dashboardWords = rules;
  const say = (text) => {
    const t = text.trim();
    if (!t || t.length > 60) return text;
    const r = w.__dashboardWords;
    if (Object.prototype.hasOwnProperty.call(r.words, t)) return text.replace(t, r.words[t]);
    for (const [re, out] of r.patterns) if (re.test(t)) return text.replace(t, t.replace(re, out));
    return text;
  };
  // the text React wrote is kept beside what was shown, so a later language reads the original again
  const fixText = (n) => {
    const original = (n.__dwShown !== undefined && n.nodeValue === n.__dwShown) ? n.__dwOriginal : n.nodeValue;
    const out = say(original);
    if (out !== n.nodeValue) { n.__dwOriginal = original; n.__dwShown = out; n.nodeValue = out; }
  };
  const ATTRS = ['placeholder', 'aria-label', 'title'];
  const fixAttr = (el, name) => {
    const value = el.getAttribute(name);
    if (value === null) return;
    const kept = (el.__dwAttrs = el.__dwAttrs || {})[name];
    const original = (kept && value === kept[1]) ? kept[0] : value;
    const out = say(original);
    if (out !== value) { el.__dwAttrs[name] = [original, out]; el.setAttribute(name, out); }
  };
  const SKIP = 'svg, canvas, script, style, .js-plotly-plot';
  const fix = (root) => {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1 || root.closest(SKIP)) return;
    for (const name of ATTRS) fixAttr(root, name);
    for (const el of root.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (!el.closest(SKIP)) for (const name of ATTRS) fixAttr(el, name);
    }
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement && n.parentElement.closest(SKIP))
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    while (walk.nextNode()) fixText(walk.currentNode);
  };
  // a metric card's trend line is a picture: it says what it shows (its card's label and the years)
  w.__dashboardTrend = table.trend;
  const describe = () => {
    for (const card of document.querySelectorAll('[data-testid="stMetric"]')) {
      const label = (card.querySelector('[data-testid="stMetricLabel"]') || {}).textContent || '';
      const text = w.__dashboardTrend.replace('{label}', label.trim());
      for (const el of card.querySelectorAll('svg[role], svg [role="graphics-symbol"], svg [role="img"]')) {
        if (el.getAttribute('aria-label') !== text) el.setAttribute('aria-label', text);
      }
    }
  };
  const pending = {t: null};
  const later = () => { if (!pending.t) pending.t = setTimeout(() => { pending.t = null; describe(); }, 200); };
  if (!w.__dashboardObserver) {
    w.__dashboardObserver = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') fixText(r.target);
        else if (r.type === 'attributes') fixAttr(r.target, r.attributeName);
        else for (const n of r.addedNodes) fix(n);
      }
      later();
    });
    w.__dashboardObserver.observe(document.body, {subtree: true, childList: true, characterData: true,
                                                  attributes: true, attributeFilter: ATTRS});
  }
  fix(document.body);
  describe();
  // what a page draws below its first screen (industry/app/first_screen.py) is asked for once the first screen is drawn:
  // the script has finished and every chart and map on the page has drawn (or after FOLD_WAIT ms at most)
  if (!w.__dashboardFold) {
    const FOLD_WAIT = 4000;
    w.__dashboardFold = setInterval(() => {
      const buttons = [...document.querySelectorAll(%(fold)s + ' button')].filter(b => !b.__dwAsked);
      if (!buttons.length) { w.__dwFoldSeen = 0; return; }
      const now = performance.now();
      w.__dwFoldSeen = w.__dwFoldSeen || now;
      const app = document.querySelector('[data-testid="stApp"]');
      const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
      const drawn = %(drawn)s;
      if ((idle && drawn) || now - w.__dwFoldSeen > FOLD_WAIT) {
        for (const b of buttons) { b.__dwAsked = true; b.click(); }
        w.__dwFoldSeen = 0;
      }
    }, 50);
  }
})();
</script>"""


# a link that names a section of its page (``?section=ww_failures``) scrolls to that chart card once it is drawn
_SCROLL = """<script>
(() => {
  const target = %s;
  let tries = 0, seen = 0;
  const timer = setInterval(() => {
    const el = document.querySelector('.st-key-card_' + target);
    const idle = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
    if (el && idle) { el.scrollIntoView({block: 'start'}); seen += 1; }
    if (seen >= 3 || ++tries > 60) clearInterval(timer);  // again while the charts above it finish drawing
  }, 300);
})();
</script>"""
SECTION = re.compile(r"[a-z][a-z0-9_]{0,39}")


def install(tr: Translator, section: str | None = None, years: tuple[int, int] = (0, 0)) -> None:
    """Put the script on the page, in a container of its own that takes no room; with `section` (a chart card's
    key), the page scrolls to that card."""
    # Streamlit's sanitiser drops a script whose text has "<" before a letter, as the patterns' "(?<n>" do
    words = json.dumps(table(tr, years), ensure_ascii=False).replace("<", "\\u003c")
    scroll = _SCROLL % json.dumps(section) if section and SECTION.fullmatch(section) else ""
    with st.container(key="streamlit_words"):
        st.html(_SCRIPT % {"table": words, "drawn": CHARTS_DRAWN, "fold": json.dumps(first_screen.SELECTOR)} + scroll,
                unsafe_allow_javascript=True)

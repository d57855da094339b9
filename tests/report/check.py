#!/usr/bin/env python3
"""Checks a report page against the compare JSON it was written from.

    check.py PAGE.html DOM.html REPORT.json

PAGE is what aisubsidy wrote, DOM what headless Chromium made of it
(--dump-dom).  Checks that PAGE is self-contained (no script, nothing
fetched: no src=, href=, url(), @import, http: or https:), that the DOM
holds every figure of PAGE, and that each figure (an element with a
data-key, its JSON path) reads as the JSON's value there: a number's very
digits (thousands separators and a change's '+' taken off), a string as it
is, null as an em dash.  Then that every figure of the JSON that the page
is meant to show is there.  Prints one line; exits 1 on the first failures.
"""
import html.parser
import json
import re
import sys


class Num(str):
    """A JSON number, kept as the text of its digits."""


class Figures(html.parser.HTMLParser):
    """The text of each element with a data-key, in page order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures = []   # [key, text]
        self.open = []      # the figures being read (nesting: none)
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        key = dict(attrs).get("data-key")
        if key is not None:
            self.figures.append([key, ""])
            self.open.append((tag, len(self.figures) - 1))

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data):
        for _, i in self.open:
            self.figures[i][1] += data


def at(doc, path):
    v = doc
    for part in path.split("."):
        if isinstance(v, list):
            if not part.isdigit() or int(part) >= len(v):
                raise KeyError(path)
            v = v[int(part)]
        elif isinstance(v, dict):
            if part not in v:
                raise KeyError(path)
            v = v[part]
        else:
            raise KeyError(path)
    return v


def shown(text):
    """What the page's text says: a number's digits, or the text."""
    t = text.strip()
    if t == "\u2014":
        return None
    if re.fullmatch(r"[+-]?[0-9][0-9,]*(\.[0-9]+)?", t):
        t = t.replace(",", "")
        return t[1:] if t.startswith("+") else t
    return t


def expected_keys(doc):
    """The JSON paths of the figures the page must show."""
    c = doc["compare"]
    reform = c.get("reform") is not None
    sides = ["baseline", "reform"] if reform else ["baseline"]
    keys = ["compare.profiles", "compare.rejected"]
    for s in sides + (["change"] if reform else []):
        for k in ("eligible", "demanded", "paid", "cut"):
            keys.append("compare.total.%s.%s" % (s, k))
    for i, p in enumerate(c["programs"]):
        base = "compare.programs.%d" % i
        idle = all(p[s]["eligible"] == Num("0") for s in sides)
        for s in sides:
            keys.append("%s.%s.eligible" % (base, s))
            keys.append("%s.%s.pool" % (base, s))
            if idle:
                continue
            for k in ("demanded", "paid", "fill_ratio", "cut"):
                keys.append("%s.%s.%s" % (base, s, k))
            for j in range(len(p[s]["distribution"])):
                keys.append("%s.%s.distribution.%d.count" % (base, s, j))
        if reform and not idle:
            for k in p["change"]:
                keys.append("%s.change.%s" % (base, k))
    if reform:
        keys.append("compare.unchanged")
        for w, total in (("winners", "gained"), ("losers", "lost")):
            keys.append("compare.%s.count" % w)
            keys.append("compare.%s.%s" % (w, total))
            for j, e in enumerate(c[w]["largest"]):
                for k in ("line", "profile", "baseline", "reform", "change"):
                    keys.append("compare.%s.largest.%d.%s" % (w, j, k))
    return keys


def main():
    page_path, dom_path, json_path = sys.argv[1:4]
    page = open(page_path, encoding="utf-8").read()
    dom = open(dom_path, encoding="utf-8").read()
    doc = json.load(open(json_path, encoding="utf-8"),
                    parse_float=Num, parse_int=Num)
    errors = []

    for pat, what in ((r"<script", "a script"), (r"\bsrc\s*=", "a src="),
                      (r"\bhref\s*=", "a link"), (r"url\(", "a url()"),
                      (r"@import", "an @import"),
                      (r"https?:", "an address")):
        if re.search(pat, page, re.I):
            errors.append("%s: %s in the page" % (page_path, what))
    if not re.match(r'<!DOCTYPE html>\n<html lang="(zh-CN|en)">', page):
        errors.append("%s: no doctype and lang" % page_path)

    want = Figures()
    want.feed(page)
    got = Figures()
    got.feed(dom)
    if "script" in got.tags:
        errors.append("%s: a script in the DOM" % dom_path)
    if len(got.figures) != len(want.figures):
        errors.append("%s: %d figures in the DOM, %d in the page" %
                      (dom_path, len(got.figures), len(want.figures)))
    keys = set()
    for key, text in got.figures:
        keys.add(key)
        try:
            v = at(doc, key)
        except KeyError:
            errors.append("%s: data-key %s is not in the JSON" %
                          (dom_path, key))
            continue
        s = shown(text)
        if isinstance(v, (dict, list, bool)):
            errors.append("%s: %s is not a figure" % (dom_path, key))
        elif isinstance(v, str) and not isinstance(v, Num) and text == v:
            pass    # a string shown as it is (an id "1,234" too)
        elif (v is None) != (s is None) or (v is not None and s != str(v)):
            errors.append("%s: %s shows %r, the JSON has %s" %
                          (dom_path, key, text, json.dumps(v)))
    for key in expected_keys(doc):
        if key not in keys:
            errors.append("%s: no figure for %s" % (dom_path, key))
    if errors:
        for e in errors[:20]:
            print("report-check: " + e)
        if len(errors) > 20:
            print("report-check: ... and %d more" % (len(errors) - 20))
        return 1
    print("report-check: %s: %d figures equal the JSON's" %
          (page_path.rsplit("/", 1)[-1], len(got.figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validates everything aisubsidy writes against schema/result.schema.json.

Run from the top of the tree (make schema-check does):

    python3 tests/schema/validate.py [--aisubsidy BIN] [--result-schema FILE]
                                     [--profile-schema FILE] [--verbose]

It runs the binary on every example profile (examples/*.json: full, --compact,
--lang en, --eligible-only, --pretty, in batch and one at a time) and on the
profile of every case of the rule tests (rules/tests/*.yaml, in batch by
jurisdiction: full in both languages, compact, --eligible-only, --summary; the
cases that expect an error give batch error records; each case without an
error also once on its own, which writes without the batch's output cache),
runs aisubsidy pool on the same profiles, reads every tests/cli/*.out that
holds JSON, and validates each document against the part of the schema it
should match, then against the whole schema (its oneOf must pick exactly one
part).  Amounts are checked exact to the fen: numbers are read as decimals
and the schema's "yuan" gets "multipleOf": 0.01 here (see its description).

With --profile-schema FILE, or by default when the binary has a command
'schema' ('BIN schema profile' exits 0), every example profile and every
rule-test profile that expects no error is validated against that schema
too; otherwise that part is skipped with a note.

Then tests/schema/negative/*.json, results broken by hand, must each be
rejected, at the path they name: a schema that accepts everything fails.

Prints each failure as FILE[:LINE]: JSON-PATH: message, then
"schema: N profiles, M results valid, K invalid"; exits 1 when K > 0.
It needs python3-jsonschema (4.10 or later) and python3-yaml.
"""
import argparse
import concurrent.futures
import copy
import decimal
import glob
import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
    import jsonschema.exceptions
except ImportError:
    sys.exit("validate.py: the python module jsonschema is missing "
             "(Debian: apt-get install python3-jsonschema; or make deps)")
try:
    import yaml
except ImportError:
    sys.exit("validate.py: the python module yaml is missing "
             "(Debian: apt-get install python3-yaml; or make deps)")

Validator = jsonschema.Draft202012Validator

# The parts of the schema ($defs) that a whole document matches.
KINDS = ("result", "compact", "batch_error", "summary", "pool_report",
         "pool_allocation", "compare_report", "compare_change")
KIND_WORDS = {
    "result": "a result", "compact": "a compact result",
    "batch_error": "a batch error record", "summary": "a summary",
    "pool_report": "a pool report", "pool_allocation": "a pool allocation",
    "compare_report": "a compare report",
    "compare_change": "a line of compare --changes",
    None: "a document of no known shape",
}

# (part, array, part of its elements): see Checker.split.
SPLIT = (("result", "items", "item"), ("item", "checks", "check"),
         ("item", "terms", "term"))

# The claim date of the runs whose profiles may lack one.
AS_OF = "2025-06-30"


class DuplicateKey(ValueError):
    pass


def no_duplicates(pairs):
    """object_pairs_hook: a dict, or DuplicateKey (JSON allows duplicate
    keys, a schema cannot see them, and a reader keeps only one)."""
    d = {}
    for k, v in pairs:
        if k in d:
            raise DuplicateKey("duplicate key %s" % json.dumps(k))
        d[k] = v
    return d


DECODER = json.JSONDecoder(parse_float=decimal.Decimal,
                           object_pairs_hook=no_duplicates)


def json_path(parts):
    """$.items[3].checks[0]["a b"] for the path parts."""
    s = "$"
    for p in parts:
        if isinstance(p, int):
            s += "[%d]" % p
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p):
            s += "." + p
        else:
            s += "[%s]" % json.dumps(p, ensure_ascii=False)
    return s


def parse_path(path):
    """The parts of a path as json_path writes it."""
    if not path.startswith("$"):
        raise ValueError("a path begins with $: %r" % path)
    parts, i = [], 1
    tok = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
    while i < len(path):
        m = tok.match(path, i)
        if not m:
            raise ValueError("cannot read the path %r at %d" % (path, i))
        if m.group(1) is not None:
            parts.append(m.group(1))
        elif m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            parts.append(json.loads(m.group(3)))
        i = m.end()
    return parts


def documents(text):
    """Each JSON document of text (one, pretty; or one a line; or both in
    turn) as (line, value); ValueError naming the line when one is not
    JSON."""
    i, n, line, at = 0, len(text), 1, 0
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            return
        line += text.count("\n", at, i)
        at = i
        try:
            value, i = DECODER.raw_decode(text, i)
        except DuplicateKey as e:
            raise ValueError("line %d: %s" % (line, e))
        except json.JSONDecodeError as e:
            raise ValueError("line %d: not JSON: %s" % (line, e))
        yield line, value


def kind_of(doc):
    """Which part of the schema a document is meant to match, by its
    keys: the error messages of the part are clearer than the oneOf's."""
    if not isinstance(doc, dict):
        return None
    if "compare" in doc:
        return "compare_report"
    if "line" in doc and "programs" in doc and "change" in doc:
        return "compare_change"
    if "summary" in doc:
        return "summary"
    if "error" in doc:
        return "batch_error"
    if "pools" in doc:
        return "pool_report"
    if "demand" in doc:
        return "pool_allocation"
    if "items" in doc:
        return "result"
    if "eligible" in doc:
        return "compact"
    return None


def yaml_json(node):
    """The JSON text of a YAML node, as the rule tests make it
    (src/ruletest.c, to_json): a plain scalar that is true, false, null or
    a JSON number is written as it is, every other scalar as a string
    (a plain scalar's style is None, or "" with the C loader)."""
    if isinstance(node, yaml.MappingNode):
        return "{" + ",".join(json.dumps(k.value, ensure_ascii=False) + ":" +
                              yaml_json(v) for k, v in node.value) + "}"
    if isinstance(node, yaml.SequenceNode):
        return "[" + ",".join(yaml_json(v) for v in node.value) + "]"
    s = node.value
    if not node.style and (s in ("true", "false", "null") or re.fullmatch(
            r"-?(0|[1-9][0-9]*)(\.[0-9]+)?", s)):
        return s
    return json.dumps(s, ensure_ascii=False)


class Case:
    """A rule-test case: its profile as one line of JSON."""

    def __init__(self, where, profile, jurisdictions, error):
        self.where = where
        self.profile = profile
        self.jurisdictions = jurisdictions
        self.error = error


def rule_cases(paths):
    """Every case of the rule-test files, in order."""
    cases = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            root = yaml.compose(f, Loader=getattr(yaml, "CSafeLoader",
                                                  yaml.SafeLoader))
        if not isinstance(root, yaml.MappingNode):
            continue
        for k, v in root.value:
            if k.value != "cases" or not isinstance(v, yaml.SequenceNode):
                continue
            for c in v.value:
                if not isinstance(c, yaml.MappingNode):
                    continue
                d = {kk.value: vv for kk, vv in c.value}
                name = d["name"].value if "name" in d else "?"
                where = "%s:%d: case '%s'" % (path, c.start_mark.line + 1, name)
                prof = d.get("profile")
                if prof is None:
                    continue
                text = yaml_json(prof)
                if (isinstance(prof, yaml.MappingNode) and "as_of" in d and
                        "as_of" not in [kk.value for kk, _ in prof.value]):
                    # the case's claim date, which the profile's own wins
                    sep = "," if prof.value else ""
                    text = text[:-1] + sep + '"as_of":%s}' % json.dumps(
                        d["as_of"].value)
                jur = ()
                if isinstance(d.get("jurisdiction"), yaml.SequenceNode):
                    jur = tuple(j.value for j in d["jurisdiction"].value)
                cases.append(Case(where, text, jur, "error" in d))
    return cases


def one_line(text):
    """A JSON profile as one line, its numbers as written."""
    def dump(v):
        if isinstance(v, dict):
            return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" +
                                  dump(x) for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ",".join(dump(x) for x in v) + "]"
        if isinstance(v, decimal.Decimal):
            return str(v)
        return json.dumps(v, ensure_ascii=False)
    return dump(DECODER.decode(text))


class Run:
    """One run of the binary and what each document it writes should be:
    expect is a list of kinds in order, or None to go by their keys;
    lines, for a batch, the input line of each result."""

    def __init__(self, label, argv, stdin=None, expect=None, status=0,
                 lines=None):
        self.label = label
        self.argv = argv
        self.stdin = stdin
        self.expect = expect
        self.status = status
        self.lines = lines
        self.out = self.err = None
        self.rc = None

    def __call__(self):
        p = subprocess.run(self.argv, input=self.stdin, capture_output=True,
                           text=True, encoding="utf-8")
        self.out, self.err, self.rc = p.stdout, p.stderr, p.returncode
        return self


class Checker:
    """Validates documents against the parts of the result schema and
    counts them."""

    def __init__(self, schema, name, verbose):
        self.verbose = verbose
        self.valid = 0
        self.invalid = 0
        self.profiles = 0
        self.fc = jsonschema.FormatChecker()
        Validator.check_schema(schema)
        defs = schema.get("$defs", {})
        exact = self.exact(defs)
        self.root = Validator(exact(dict(schema, **{"$defs": {}})),
                              format_checker=self.fc)
        self.part = {}
        self.memo = {}
        for k in KINDS:
            if k not in defs:
                self.fail(name, "$", "the schema has no $defs/%s" % k)
        for k in defs:
            self.part[k] = Validator(dict(exact({"$ref": "#/$defs/" + k}),
                                          **{"$schema": schema.get("$schema")}),
                                     format_checker=self.fc)
        # The arrays whose elements are validated one by one (each distinct
        # element once: a run of rule tests writes the same item, check and
        # term many times, and validating the same value again can only
        # give the same answer).  Only an array that says nothing but the
        # schema of its elements, so that [] in its place drops no
        # constraint on the array itself.
        self.split = {}
        for kind, key, sub in SPLIT:
            a = defs.get(kind, {}).get("properties", {}).get(key)
            if (isinstance(a, dict) and a.get("type") == "array" and
                    set(a) <= {"type", "items", "description", "title"} and
                    a.get("items", {}).get("$ref") == "#/$defs/" + sub and
                    set(a["items"]) <= {"$ref", "description"} and sub in defs):
                self.split.setdefault(kind, []).append((key, sub))

    @staticmethod
    def exact(defs):
        """A function that makes a part of the schema exact: amounts
        checked to the fen, and every "$ref": "#/$defs/NAME" replaced by
        what it names (the same constraints, several times faster to
        check)."""
        defs = copy.deepcopy(defs)
        for name in ("yuan", "yuan_or_null"):
            if isinstance(defs.get(name), dict):
                defs[name]["multipleOf"] = decimal.Decimal("0.01")
        done = {}

        def inline(v, depth=0):
            if isinstance(v, list):
                return [inline(x, depth) for x in v]
            if not isinstance(v, dict):
                return v
            r = v.get("$ref")
            if (isinstance(r, str) and r.startswith("#/$defs/") and
                    r[8:] in defs and depth < 32):
                if r not in done:
                    done[r] = inline(defs[r[8:]], depth + 1)
                rest = {k: inline(x, depth) for k, x in v.items() if k != "$ref"}
                if set(rest) <= {"description", "title", "$comment"}:
                    return done[r]
                return dict(rest, allOf=rest.get("allOf", []) + [done[r]])
            return {k: (x if k in ("enum", "const") else inline(x, depth))
                    for k, x in v.items()}
        return inline

    def fail(self, where, path, msg):
        self.invalid += 1
        print("%s: %s: %s" % (where, path, msg))

    @staticmethod
    def short(msg, n=300):
        msg = " ".join(msg.split())
        return msg if len(msg) <= n else msg[:n] + "..."

    def errors(self, validator, doc, prefix=()):
        """Each error of doc, as (path, message), at the deepest place
        that explains it; prefix: the path of doc in its document."""
        out = []
        for e in sorted(validator.iter_errors(doc),
                        key=lambda e: [str(p) for p in e.absolute_path]):
            b = jsonschema.exceptions.best_match([e])
            out.append((json_path(tuple(prefix) + tuple(b.absolute_path)),
                        self.short(b.message)))
        return out

    def part_errors(self, kind, doc, prefix=()):
        """The errors of doc against the part kind of the schema, as (path,
        message); the elements of the arrays of self.split one by one."""
        todo = []
        if isinstance(doc, dict):
            for key, sub in self.split.get(kind, ()):
                if isinstance(doc.get(key), list):
                    todo.append((key, sub))
        if todo:
            shell = dict(doc, **{key: [] for key, _ in todo})
            errs = self.memo_errors(kind, shell, prefix)
            for key, sub in todo:
                for i, x in enumerate(doc[key]):
                    errs += self.part_errors(sub, x, tuple(prefix) + (key, i))
            return errs
        return self.memo_errors(kind, doc, prefix)

    def memo_errors(self, kind, doc, prefix):
        key = (kind, repr(doc))
        if key not in self.memo:
            self.memo[key] = self.errors(self.part[kind], doc)
        return [(json_path(prefix) + p[1:], m) for p, m in self.memo[key]]

    def doc_errors(self, kind, doc):
        """The errors of a document of kind: against its part, then against
        the whole schema, whose oneOf must pick that part and no other (a
        result's items are the part's alone: every other part is closed
        and has no "items", so it rejects the document with or without
        them)."""
        errs = self.part_errors(kind, doc)
        if not errs:
            shell = dict(doc, items=[]) if (kind == "result" and
                                            "result" in self.split) else doc
            errs = [(p, "valid as %s, but the schema's oneOf rejects it: %s" %
                     (KIND_WORDS[kind], m)) for p, m in self.errors(self.root, shell)]
        return errs

    def document(self, where, doc, kind):
        """Validates doc, meant to be of kind (None: by its keys)."""
        got = kind_of(doc)
        if kind is not None and got != kind:
            msg = "expected %s, got %s" % (KIND_WORDS[kind], KIND_WORDS[got])
            if got == "batch_error":
                msg += ": %s: %s" % (doc["error"].get("path"),
                                     doc["error"].get("message"))
            self.fail(where, "$", msg)
            return False
        if got is None or got not in self.part:
            self.fail(where, "$", "not a document the schema knows: keys %s" %
                      (list(doc) if isinstance(doc, dict) else type(doc).__name__))
            return False
        errs = self.doc_errors(got, doc)
        if errs:
            self.invalid += 1
            for path, msg in errs[:10]:
                print("%s: %s: %s" % (where, path, msg))
            if len(errs) > 10:
                print("%s: ... and %d more" % (where, len(errs) - 10))
            return False
        self.valid += 1
        if self.verbose:
            print("%s: valid %s" % (where, got))
        return True

    def run(self, r):
        """The documents of a finished run."""
        where = r.label
        if r.rc != r.status:
            self.fail(where, "$", "exit status %s, expected %s; standard error: %s"
                      % (r.rc, r.status, self.short(r.err or "(empty)")))
            return
        try:
            docs = list(documents(r.out))
        except ValueError as e:
            self.fail(where, "$", str(e))
            return
        if r.expect is not None and len(docs) != len(r.expect):
            self.fail(where, "$", "%d documents written, expected %d" %
                      (len(docs), len(r.expect)))
            return
        for i, (line, doc) in enumerate(docs):
            w = "%s: output line %d" % (where, line)
            if r.lines is not None and i < len(r.lines):
                w = "%s (%s)" % (where, r.lines[i])
            kind = r.expect[i] if r.expect is not None else None
            if (self.document(w, doc, kind) and kind == "batch_error" and
                    r.lines is not None and doc["line"] != r.lines[i].line):
                self.fail(w, "$.line", "%s, expected %d" % (doc["line"], r.lines[i].line))

    def file(self, path):
        """The documents of a file such as tests/cli/NAME.out."""
        try:
            docs = list(documents(open(path, encoding="utf-8").read()))
        except ValueError as e:
            self.fail(path, "$", str(e))
            return
        for line, doc in docs:
            self.document("%s:%d" % (path, line), doc, None)


def words(argv):
    """A command line, for a label."""
    return " ".join(argv)


class Line:
    """An input line of a batch: where its profile comes from."""

    def __init__(self, line, where):
        self.line = line
        self.where = where

    def __str__(self):
        return "input line %d, %s" % (self.line, self.where)


def batch_runs(bin_, label, profiles, extra_args, modes):
    """The runs of one batch: profiles is a list of (where, text, rejected)."""
    stdin = "".join(p + "\n" for _, p, _ in profiles)
    lines = [Line(i + 1, w) for i, (w, _, _) in enumerate(profiles)]
    rejected = any(r for _, _, r in profiles)
    runs = []
    for mode in modes:
        each = "compact" if "--compact" in mode else "result"
        expect = ["batch_error" if r else each for _, _, r in profiles]
        if "--summary" in mode:
            expect.append("summary")
        runs.append(Run("%s: %s" % (label, words(["calc", "--batch"] + mode + extra_args)),
                        [bin_, "calc", "--batch"] + mode + extra_args + ["-"],
                        stdin, expect, 1 if rejected else 0, lines))
    return runs


def pool_run(bin_, label, profiles, extra_args):
    """aisubsidy pool over profiles, with the allocations after the report:
    the report first, then allocations."""
    stdin = "".join(p + "\n" for _, p, _ in profiles)
    rejected = any(r for _, _, r in profiles)
    r = Run("%s: %s" % (label, words(["pool"] + extra_args)),
            [bin_, "pool", "--as-of", AS_OF, "--allocations", "-"] + extra_args + ["-"],
            stdin, None, 1 if rejected else 0)
    r.pool = True
    return r


def check_pool(checker, r):
    """A pool run: its first document is the report, the rest allocations."""
    r.expect = None
    try:
        n = len(list(documents(r.out))) if r.rc == r.status else 0
    except ValueError:
        n = 0
    if n:
        r.expect = ["pool_report"] + ["pool_allocation"] * (n - 1)
    checker.run(r)


def described(schema, path="$", inside_if=False):
    """The paths of properties declared without a description."""
    bad = []
    if isinstance(schema, dict):
        for k, v in schema.items():
            if k == "properties" and isinstance(v, dict) and not inside_if:
                for name, sub in v.items():
                    if isinstance(sub, dict) and "description" not in sub:
                        bad.append("%s.properties.%s" % (path, name))
            bad += described(v, "%s.%s" % (path, k), inside_if or k == "if")
    elif isinstance(schema, list):
        for i, v in enumerate(schema):
            bad += described(v, "%s[%d]" % (path, i), inside_if)
    return bad


def negative(checker, path):
    """A broken result must be rejected, at the path it names."""
    try:
        spec = DECODER.decode(open(path, encoding="utf-8").read())
        if "literal" in spec:
            base = spec["literal"]
        else:
            docs = list(documents(open(spec["base"], encoding="utf-8").read()))
            base = docs[spec.get("index", 1) - 1][1]
        want = spec["rejected_at"]
        why = spec["why"]
    except (OSError, ValueError, KeyError, IndexError) as e:
        checker.fail(path, "$", "not a negative case: %s" % e)
        return False
    kind = spec.get("kind") or kind_of(base)
    part = checker.part.get(kind) if kind in KINDS else None
    if "literal" not in spec:
        if part is None:
            checker.fail(path, "$", "no part of the schema for its base, %s" %
                         KIND_WORDS.get(kind, kind))
            return False
        if checker.doc_errors(kind, base):
            checker.fail(path, "$", "its base %s (document %d) is not valid to "
                         "begin with" % (spec["base"], spec.get("index", 1)))
            return False
    doc = copy.deepcopy(base)
    try:
        for p, v in spec.get("set", {}).items():
            parts = parse_path(p)
            t = doc
            for q in parts[:-1]:
                t = t[q]
            if isinstance(parts[-1], int) and parts[-1] == len(t):
                t.append(v)
            else:
                t[parts[-1]] = v
        for p in spec.get("delete", []):
            parts = parse_path(p)
            t = doc
            for q in parts[:-1]:
                t = t[q]
            del t[parts[-1]]
    except (ValueError, KeyError, IndexError, TypeError) as e:
        checker.fail(path, "$", "cannot apply its edits: %s" % e)
        return False

    if part is not None:
        errs = checker.doc_errors(kind, doc)
    else:
        errs = checker.errors(checker.root, doc)
    if not errs:
        checker.fail(path, "$", "accepted, but must be rejected: %s" % why)
        return False
    if want not in [p for p, _ in errs]:
        checker.fail(path, want, "rejected, but not there (%s): %s" % (
            "; ".join("%s: %s" % e for e in errs[:3]), why))
        return False
    if checker.verbose:
        print("%s: rejected at %s, as expected" % (path, want))
    return True


def profile_schema(args):
    """The profile schema and its name, or (None, None) with a note printed
    when there is none; ValueError(name, message) when it is not JSON."""
    if args.profile_schema:
        with open(args.profile_schema, encoding="utf-8") as f:
            text, name = f.read(), args.profile_schema
    else:
        try:
            p = subprocess.run([args.aisubsidy, "schema", "profile"],
                               capture_output=True, text=True, encoding="utf-8")
        except OSError:
            p = None
        if p is None or p.returncode != 0:
            print("schema: note: '%s schema profile' does not exist yet and no "
                  "--profile-schema was given: the profiles are not validated"
                  % args.aisubsidy)
            return None, None
        text, name = p.stdout, "'%s schema profile'" % args.aisubsidy
    try:
        # numbers as decimals, as the profiles are read: a multipleOf of
        # 0.01 is then exact
        return DECODER.decode(text), name
    except ValueError as e:
        raise ValueError(name, "not JSON: %s" % e)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--aisubsidy", default="build/aisubsidy", metavar="BIN",
                    help="the binary (default: build/aisubsidy)")
    ap.add_argument("--result-schema", default="schema/result.schema.json",
                    metavar="FILE", help="default: schema/result.schema.json")
    ap.add_argument("--profile-schema", metavar="FILE",
                    help="validate the profiles against FILE (default: the "
                    "output of 'BIN schema profile', when it exists)")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="name every document validated")
    args = ap.parse_args()
    bin_ = args.aisubsidy
    if not os.access(bin_, os.X_OK):
        print("validate.py: no binary '%s' (make builds build/aisubsidy)" % bin_)
        return 1
    env_rules = os.environ.pop("AISUBSIDY_RULES", None)
    if env_rules:
        print("schema: note: AISUBSIDY_RULES is ignored: the built-in rules are used")

    with open(args.result_schema, encoding="utf-8") as f:
        schema = DECODER.decode(f.read())
    try:
        checker = Checker(schema, args.result_schema, args.verbose)
    except jsonschema.exceptions.SchemaError as e:
        print("%s: %s: not a valid draft 2020-12 schema: %s" % (
            args.result_schema, json_path(e.absolute_path), e.message))
        return 1
    for p in described(schema):
        checker.fail(args.result_schema, p, "a property without a description")

    help_text = subprocess.run([bin_, "calc", "--help"], capture_output=True,
                               text=True).stdout
    eligible_only = "--eligible-only" in help_text

    examples = []
    for path in sorted(glob.glob("examples/*.json")):
        with open(path, encoding="utf-8") as f:
            examples.append((path, one_line(f.read()), False))
    cases = rule_cases(sorted(glob.glob("rules/tests/*.yaml")))

    runs, pools = [], []
    # the examples one at a time: the writer without the batch's cache
    singles = [[], ["--lang", "en"], ["--compact"], ["--pretty", "--lang", "en"]]
    if eligible_only:
        singles += [["--eligible-only"], ["--eligible-only", "--lang", "en"]]
    for path, _, _ in examples:
        for mode in singles:
            runs.append(Run("%s: %s" % (path, words(["calc"] + mode)),
                            [bin_, "calc"] + mode + [path], None,
                            ["compact" if "--compact" in mode else "result"]))
    modes = [[], ["--lang", "en"], ["--compact", "--summary"],
             ["--compact", "--lang", "en"]]
    if eligible_only:
        modes += [["--eligible-only", "--summary"],
                  ["--eligible-only", "--lang", "en"]]
    else:
        modes.append(["--summary", "--lang", "en"])
    runs += batch_runs(bin_, "examples", examples, [], modes)
    pools.append(pool_run(bin_, "examples", examples, []))
    # the demonstration rules of docs/batch.md, with their own profiles
    demo = "examples/pool-demo/profiles.ndjson"
    if os.path.exists(demo):
        with open(demo, encoding="utf-8") as f:
            lines = [("%s:%d" % (demo, i + 1), l.strip(), False)
                     for i, l in enumerate(f) if l.strip()]
        runs += batch_runs(bin_, demo, lines,
                           ["--rules", "examples/pool-demo", "--as-of", AS_OF],
                           [["--lang", "en"], ["--compact", "--summary"]])
    # the rule tests, in batch by jurisdiction, and one at a time
    groups = {}
    for c in cases:
        groups.setdefault(c.jurisdictions, []).append(c)
    for jur, cs in groups.items():
        extra = []
        for j in jur:
            extra += ["--jurisdiction", j]
        label = "rules/tests" + ("" if not jur else " (--jurisdiction %s)" % ",".join(jur))
        profiles = [(c.where, c.profile, c.error) for c in cs]
        runs += batch_runs(bin_, label, profiles, extra, modes)
        pools.append(pool_run(bin_, label, profiles, extra))
        pools.append(pool_run(bin_, label, profiles, extra + ["--pretty"]))
        for c in cs:
            if not c.error:
                runs.append(Run("%s: %s" % (c.where, words(["calc"] + extra + ["-"])),
                                [bin_, "calc"] + extra + ["-"], c.profile + "\n",
                                ["result"]))

    # validating while the next runs run
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        for r in ex.map(lambda r: r(), runs + pools):
            if getattr(r, "pool", False):
                check_pool(checker, r)
            else:
                checker.run(r)

    for path in sorted(glob.glob("tests/cli/*.out")):
        args_file = path[:-4] + ".args"
        if os.path.exists(args_file):
            with open(args_file, encoding="utf-8") as f:
                command = (f.read().split() or [""])[0]
            if command == "schema":
                continue        # a JSON Schema, checked as one below
            if command == "rules":
                continue        # the rules (docs/rule-tools.md), not a result
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(64).lstrip()
        if head.startswith("{"):
            checker.file(path)

    # the profiles, against the profile schema
    try:
        pschema, pname = profile_schema(args)
    except ValueError as e:
        checker.fail(e.args[0], "$", e.args[1])
        pschema = None
    pv = None
    if pschema is not None:
        try:
            Validator.check_schema(pschema)
            pv = Validator(pschema, format_checker=checker.fc)
        except jsonschema.exceptions.SchemaError as e:
            checker.fail(pname, json_path(e.absolute_path),
                         "not a valid draft 2020-12 schema: %s" % e.message)
            pv = None
        todo = [(w, t) for w, t, _ in examples] + \
            [(c.where, c.profile) for c in cases if not c.error]
        for where, text in todo if pv else []:
            errs = checker.errors(pv, DECODER.decode(text))
            checker.profiles += 1
            if errs:
                checker.invalid += 1
                for p, m in errs[:10]:
                    print("%s: %s: %s (profile schema %s)" % (where, p, m, pname))

    # profiles broken by hand, each of which the tool refuses or warns
    # about, must be rejected by the profile schema where they say
    pneg = sorted(glob.glob("tests/schema/negative-profile/*.json"))
    prejected = 0
    for path in pneg if pv else []:
        spec = DECODER.decode(open(path, encoding="utf-8").read())
        errs = checker.errors(pv, spec["literal"])
        if not errs:
            checker.fail(path, "$", "accepted by the profile schema, but must "
                         "be rejected: %s" % spec["why"])
        elif spec["rejected_at"] not in [p for p, _ in errs]:
            checker.fail(path, spec["rejected_at"], "rejected, but not there "
                         "(%s)" % "; ".join("%s: %s" % e for e in errs[:3]))
        else:
            prejected += 1
    if pv:
        if not pneg:
            checker.fail("tests/schema/negative-profile", "$", "no negative "
                         "profiles: a profile schema that accepts everything "
                         "would pass")
        print("schema: %d broken profiles rejected, as expected, of %d" %
              (prejected, len(pneg)))

    neg = sorted(glob.glob("tests/schema/negative/*.json"))
    rejected = sum(negative(checker, p) for p in neg)
    if not neg:
        checker.fail("tests/schema/negative", "$", "no negative cases: the harness "
                     "would not notice a schema that accepts everything")
    print("schema: %d broken results rejected, as expected, of %d" % (rejected, len(neg)))
    print("schema: %d profiles, %d results valid, %d invalid" % (
        checker.profiles, checker.valid, checker.invalid))
    return 1 if checker.invalid else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:     # | head
        sys.exit(1)

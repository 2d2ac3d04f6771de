#!/usr/bin/env python3
# Writes small Anki packages for the tests, in both of Anki's formats,
# and broken ones:
#
#   make-anki-packages.py OUTDIR [--bench NOTES REVIEWS IMAGES | --fuzz-seeds]
#
# legacy.apkg      collection.anki2, schema 11, JSON media map: Chinese
#                  notes, a reversed note type, cloze notes, HTML of every
#                  kind, an image, an unused image, a review log, a
#                  suspended and a buried card
# latest.apkg      meta, collection.anki21b (zstd, schema 18), a dummy
#                  collection.anki2, a zstd protobuf media list, zstd media
# whole.colpkg     a whole collection (latest format) with four top decks
#                  (two whose names give the same id), subdecks, images,
#                  reviews, suspended and buried cards in several decks,
#                  an empty deck and a deck whose only card is left out
# broken-*.apkg    truncated zip, zip bomb, no collection, not SQLite,
#                  wrong schema, corrupt zstd, absurd field counts, a media
#                  name that is a path
import json
import os
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile

# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101004a"
    "d6d3f50000000049454e44ae426082")

# SOURCE_DATE_EPOCH pins the clock, so that fuzz seeds are the same bytes
# on every run.
NOW = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
DAY = 86400


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data,
                          stdout=subprocess.PIPE, check=True).stdout


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_bytes(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def pb_int(field, value):
    return varint(field << 3) + varint(value)


SCHEMA11 = """
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
"""

SCHEMA18_EXTRA = """
CREATE TABLE notetypes (id integer not null primary key, name text not null,
  mtime_secs integer not null, usn integer not null, config blob not null);
CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null,
  config blob not null, primary key (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer not null, ord integer not null, name text not null,
  mtime_secs integer not null, usn integer not null, config blob not null,
  primary key (ntid, ord)) without rowid;
CREATE TABLE decks (id integer primary key not null, name text not null,
  mtime_secs integer not null, usn integer not null, common blob not null, kind blob not null);
"""

BASIC = {"id": 1001, "name": "基础", "type": 0,
         "flds": ["正面", "背面"],
         "tmpls": [("卡片 1", "<style>.x{}</style>{{正面}}", "{{FrontSide}}<hr id=answer>{{背面}}")]}
REVERSED = {"id": 1002, "name": "Basic (and reversed card)", "type": 0,
            "flds": ["Front", "Back"],
            "tmpls": [("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
                      ("Card 2", "{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}")]}
CLOZE = {"id": 1003, "name": "Cloze", "type": 1,
         "flds": ["Text", "Back Extra"],
         "tmpls": [("Cloze", "{{cloze:Text}}{{#Back Extra}}{{/Back Extra}}",
                    "{{cloze:Text}}<br>{{Back Extra}}{{type:Text}}{{unknownfilter:Text}}")]}
SHUATI = {"id": 1004, "name": "Shuati", "type": 0,
          "flds": ["Question", "Answer", "Explanation", "Key points", "Topic"],
          "tmpls": [("Card", "{{Question}}", "{{FrontSide}}<hr id=answer>{{Answer}}"
                     "{{#Explanation}}<br>{{Explanation}}{{/Explanation}}{{^Key points}}{{/Key points}}")]}

# (note id, type, fields, tags, deck id)
NOTES = [
    (1700000000001, BASIC, ["什么是 <b>TCP</b> 三次握手？",
                            "<div>客户端发送 SYN</div><div>服务器回复 SYN-ACK</div>"
                            "<ul><li>第一步</li><li>第二步<ol><li>嵌套</li></ol></li></ul>"
                            "<img src=\"diagram.png\" alt=\"握手图\">"
                            "<script>alert(1)</script>[sound:syn.mp3]"],
     " 网络::TCP 面试 ", 11),
    (1700000000002, BASIC, ["质能方程 \\(E = mc^2\\) 与积分 \\[\\int_0^1 x\\,dx\\]",
                            "<table><tr><th>量</th><th>含义</th></tr><tr><td>E</td><td>能量</td></tr></table>"
                            "<pre>def f(x):\n    return x * 2</pre><i>注意</i> <code>a*b</code>"],
     "物理", 12),
    (1700000000003, REVERSED, ["apple", "苹果"], "英语::词汇", 12),
    (1700000000004, CLOZE, ["{{c1::北京::首都}}是中国的首都，{{c2::上海}}是最大城市。", "地理"],
     "地理", 11),
    (1700000000005, BASIC, ["", "没有正面的卡片"], "", 11),
    (1700000000006, BASIC, ["缺图片 <img src=\"missing.png\">", "答案"], "", 11),
]

DECKS = {1: "Default", 11: "计算机::网络", 12: "计算机::算法"}


def card_rows(notes):
    """(card id, note id, deck id, ord, type, queue, due, ivl)."""
    rows = []
    cid = 1800000000000
    for nid, model, fields, tags, did in notes:
        if model["type"] == 1:
            n = 2
        else:
            n = len(model["tmpls"])
        for ord_ in range(n):
            cid += 1
            rows.append([cid, nid, did, ord_, 0, 0, 0, 0])
    return rows


def write_collection(path, schema, notes, decks, revlog_for, states, models=None,
                     dummy=False):
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA11)
    models = models or [BASIC, REVERSED, CLOZE, SHUATI]
    crt = NOW - 100 * DAY
    if schema == 11:
        mjson = {}
        for m in models:
            mjson[str(m["id"])] = {
                "id": m["id"], "name": m["name"], "type": m["type"],
                "flds": [{"name": f, "ord": i} for i, f in enumerate(m["flds"])],
                "tmpls": [{"name": t[0], "ord": i, "qfmt": t[1], "afmt": t[2]}
                          for i, t in enumerate(m["tmpls"])],
                "css": ".card {}"}
        djson = {str(k): {"id": k, "name": v} for k, v in decks.items()}
        db.execute("INSERT INTO col VALUES (1,?,0,0,11,0,0,0,'{}',?,?,'{}','{}')",
                   (crt, json.dumps(mjson, ensure_ascii=False), json.dumps(djson, ensure_ascii=False)))
    else:
        db.executescript(SCHEMA18_EXTRA)
        db.execute("INSERT INTO col VALUES (1,?,0,0,?,0,0,0,'','','','','')", (crt, schema))
        for m in models:
            db.execute("INSERT INTO notetypes VALUES (?,?,0,0,?)",
                       (m["id"], m["name"], pb_int(1, m["type"]) + pb_bytes(3, b".card {}")))
            for i, f in enumerate(m["flds"]):
                db.execute("INSERT INTO fields VALUES (?,?,?,?)", (m["id"], i, f, b""))
            for i, t in enumerate(m["tmpls"]):
                db.execute("INSERT INTO templates VALUES (?,?,?,0,0,?)",
                           (m["id"], i, t[0], pb_bytes(1, t[1].encode()) + pb_bytes(2, t[2].encode())))
        for k, v in decks.items():
            db.execute("INSERT INTO decks VALUES (?,?,0,0,?,?)", (k, v.replace("::", "\x1f"), b"", b""))
    for nid, model, fields, tags, did in notes:
        db.execute("INSERT INTO notes VALUES (?,?,?,0,0,?,?,?,0,0,'')",
                   (nid, "g%d" % nid, model["id"], tags, "\x1f".join(fields), fields[0]))
    rows = card_rows(notes)
    for r in rows:
        s = states.get((r[1], r[3]))
        if s:
            r[4], r[5], r[6], r[7] = s
        db.execute("INSERT INTO cards VALUES (?,?,?,?,0,0,?,?,?,?,2500,0,0,0,0,0,0,'')",
                   (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]))
    rid = 0
    for r in rows:
        for at, ease, ms, kind in revlog_for(r):
            rid += 1
            db.execute("INSERT INTO revlog VALUES (?,?,0,?,1,0,2500,?,?)",
                       (at * 1000 + rid % 1000, r[0], ease, ms, kind))
    db.commit()
    db.close()
    return rows


def legacy_revlog(row):
    # The first card of the first note: four reviews over a month.
    if row[1] == 1700000000001 and row[3] == 0:
        base = NOW - 30 * DAY
        return [(base, 3, 8000, 0), (base + 600, 3, 5000, 0),
                (base + 3 * DAY, 1, 12000, 1), (base + 4 * DAY, 3, 4000, 2),
                (base + 5 * DAY, 0, 0, 4)]
    if row[1] == 1700000000003 and row[3] == 0:
        return [(NOW - 10 * DAY, 4, 3000, 0)]
    return []


LEGACY_STATES = {
    (1700000000003, 1): (0, -1, 0, 0),      # suspended
    (1700000000004, 1): (0, -3, 0, 0),      # buried
    (1700000000002, 0): (2, 2, 120, 20),    # in review, no history
}


# A whole collection: "计算机" (two subdecks), "English" (one card of its
# own, one in a subdeck), "C++" and "C#" (both slug to "c"), "Empty" with
# no cards, "Skipped" whose only card has no front, and Anki's "Default".
WHOLE_NOTES = NOTES[:3] + [
    (1700000000010, BASIC, ["Second deck question <img src=\"diagram.png\">", "Answer"], "", 21),
    (1700000000011, BASIC, ["Past tense of <i>go</i>?", "went \\(x^2\\)"], "grammar", 22),
    (1700000000012, BASIC, ["What is RAII?", "Resource acquisition is initialisation"], "", 31),
    (1700000000013, BASIC, ["What is LINQ?", "Language-integrated query"], "", 32),
    (1700000000014, BASIC, ["", "a card without a front"], "", 51),
]

WHOLE_DECKS = dict(DECKS)
WHOLE_DECKS.update({21: "English", 22: "English::Grammar", 23: "English::Empty subdeck",
                    31: "C++", 32: "C#", 41: "Empty", 51: "Skipped"})


def whole_revlog(row):
    if row[1] == 1700000000010:
        return [(NOW - 3 * DAY, 3, 6000, 0), (NOW - 2 * DAY, 4, 2000, 1)]
    if row[1] == 1700000000012:
        return [(NOW - 5 * DAY, 1, 9000, 0)]
    return legacy_revlog(row)


WHOLE_STATES = {
    (1700000000003, 1): (0, -1, 0, 0),      # 计算机: suspended
    (1700000000011, 0): (0, -1, 0, 0),      # English: suspended
    (1700000000012, 0): (1, -3, 0, 0),      # C++: buried
    (1700000000002, 0): (2, 2, 120, 20),    # 计算机: in review, no history
}


def make_zip(path, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, time.gmtime(NOW)[:6])
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def build_legacy(out, tmp):
    col = os.path.join(tmp, "legacy.anki2")
    write_collection(col, 11, NOTES, DECKS, legacy_revlog, LEGACY_STATES)
    media = {"0": "diagram.png", "1": "unused.png"}
    make_zip(os.path.join(out, "legacy.apkg"),
             [("collection.anki2", open(col, "rb").read()),
              ("media", json.dumps(media)), ("0", PNG), ("1", PNG)])
    return col


def dummy_collection(tmp):
    col = os.path.join(tmp, "dummy.anki2")
    write_collection(col, 11, [(1, BASIC, ["Please update to the latest Anki version, then import the .colpkg/.apkg file again.", ""], "", 1)],
                     {1: "Default"}, lambda r: [], {})
    return open(col, "rb").read()


def latest_entries(tmp, name, notes, decks, media_names, revlog_for=legacy_revlog, states=LEGACY_STATES):
    col = os.path.join(tmp, name)
    write_collection(col, 18, notes, decks, revlog_for, states)
    entries = [("collection.anki2", dummy_collection(tmp)),
               ("collection.anki21b", zstd(open(col, "rb").read())),
               ("meta", pb_int(1, 3))]
    media_list = b"".join(pb_bytes(1, pb_bytes(1, n.encode()) + pb_int(2, len(PNG)))
                          for n in media_names)
    entries.append(("media", zstd(media_list)))
    for i, _ in enumerate(media_names):
        entries.append((str(i), zstd(PNG)))
    return entries


def build_latest(out, tmp):
    make_zip(os.path.join(out, "latest.apkg"),
             latest_entries(tmp, "latest.anki21b", NOTES, DECKS, ["diagram.png", "unused.png"]),
             zipfile.ZIP_STORED)
    make_zip(os.path.join(out, "whole.colpkg"),
             latest_entries(tmp, "whole.anki21b", WHOLE_NOTES, WHOLE_DECKS, ["diagram.png", "unused.png"],
                            whole_revlog, WHOLE_STATES),
             zipfile.ZIP_STORED)


def build_broken(out, tmp, legacy_col):
    data = open(os.path.join(out, "legacy.apkg"), "rb").read()
    open(os.path.join(out, "broken-truncated.apkg"), "wb").write(data[: len(data) // 2])

    # 64 MiB of zeros deflate to about 64 KiB.
    make_zip(os.path.join(out, "broken-bomb.apkg"),
             [("collection.anki2", b"\0" * (64 << 20))])

    make_zip(os.path.join(out, "broken-no-collection.apkg"), [("media", "{}"), ("0", PNG)])
    make_zip(os.path.join(out, "broken-not-sqlite.apkg"),
             [("collection.anki2", b"this is not a database" * 10), ("media", "{}")])

    col = os.path.join(tmp, "wrong.anki2")
    write_collection(col, 11, NOTES[:1], DECKS, lambda r: [], {})
    db = sqlite3.connect(col)
    db.execute("UPDATE col SET ver = 99")
    db.commit()
    db.close()
    make_zip(os.path.join(out, "broken-wrong-schema.apkg"),
             [("collection.anki2", open(col, "rb").read()), ("media", "{}")])

    # Two note-type objects one after the other: not one JSON value.
    col = os.path.join(tmp, "twice.anki2")
    write_collection(col, 11, NOTES[:1], DECKS, lambda r: [], {})
    db = sqlite3.connect(col)
    db.execute("UPDATE col SET models = models || models")
    db.commit()
    db.close()
    make_zip(os.path.join(out, "broken-two-models.apkg"),
             [("collection.anki2", open(col, "rb").read()), ("media", "{}")])

    good = zstd(open(legacy_col, "rb").read())
    bad = good[:8] + bytes(b ^ 0x5A for b in good[8:40]) + good[40:len(good) // 2]
    make_zip(os.path.join(out, "broken-corrupt-zstd.apkg"),
             [("collection.anki2", dummy_collection(tmp)), ("collection.anki21b", bad),
              ("meta", pb_int(1, 3)), ("media", zstd(b""))], zipfile.ZIP_STORED)

    wide = {"id": 2001, "name": "Wide", "type": 0,
            "flds": ["F%d" % i for i in range(5000)], "tmpls": [("C", "{{F0}}", "{{F1}}")]}
    col = os.path.join(tmp, "wide.anki2")
    write_collection(col, 11, [(1, wide, ["a"] * 5000, "", 1)], {1: "Default"}, lambda r: [], {},
                     models=[wide])
    make_zip(os.path.join(out, "broken-fields.apkg"),
             [("collection.anki2", open(col, "rb").read()), ("media", "{}")])

    # An image whose name is a path: the card keeps its text, the file
    # is never written.
    evil = [(1700000000100, BASIC, ["<img src=\"../../evil.png\"> path", "x"], "", 1)]
    col = os.path.join(tmp, "evil.anki2")
    write_collection(col, 11, evil, {1: "Default"}, lambda r: [], {})
    make_zip(os.path.join(out, "broken-media-path.apkg"),
             [("collection.anki2", open(col, "rb").read()),
              ("media", json.dumps({"0": "../../evil.png"})), ("0", PNG)])


def build_bench(out, tmp, n_notes, n_reviews, n_images):
    notes = []
    for i in range(n_notes):
        img = "<img src=\"img%d.png\">" % (i % n_images) if i < n_images else ""
        notes.append((1600000000000 + i, BASIC,
                      ["问题 %d：<b>什么</b>是第 %d 个概念？%s" % (i, i, img),
                       "<div>答案 %d</div><ul><li>要点一</li><li>要点二</li></ul>" % i],
                      "tag%d" % (i % 50), 11 + i % 10))
    decks = {11 + k: "Bench::Topic %d" % k for k in range(10)}
    per_card = max(1, n_reviews // n_notes)
    eases = [3, 3, 1, 3, 4, 2]

    def revlog(row):
        base = NOW - 200 * DAY + row[0] % 100000
        return [(base + k * 7 * DAY, eases[(row[0] + k) % len(eases)], 5000, 1) for k in range(per_card)]

    col = os.path.join(tmp, "bench.anki2")
    write_collection(col, 11, notes, decks, revlog, {})
    media = {str(i): "img%d.png" % i for i in range(n_images)}
    entries = [("collection.anki2", open(col, "rb").read()), ("media", json.dumps(media))]
    entries += [(str(i), PNG) for i in range(n_images)]
    make_zip(os.path.join(out, "bench.apkg"), entries)


def build_fuzz_seeds(out, tmp):
    pk = os.path.join(tmp, "packages")
    os.makedirs(pk)
    legacy_col = build_legacy(pk, tmp)
    build_latest(pk, tmp)
    sep = b"\0ENTRY\0"
    seeds = {}
    for name in ("legacy.apkg", "latest.apkg", "whole.colpkg"):
        seeds["package-" + name] = b"\0" + open(os.path.join(pk, name), "rb").read()
    seeds["entries-legacy"] = b"\1" + sep.join([open(legacy_col, "rb").read(),
                                                json.dumps({"0": "diagram.png"}).encode(), PNG])
    latest_col = os.path.join(tmp, "latest.anki21b")
    media_list = pb_bytes(1, pb_bytes(1, b"diagram.png") + pb_int(2, len(PNG)))
    seeds["entries-latest"] = b"\1" + sep.join([dummy_collection(tmp), zstd(media_list), zstd(PNG),
                                                pb_int(1, 3), zstd(open(latest_col, "rb").read())])
    seeds["media-list"] = b"\2" + media_list + pb_bytes(1, pb_bytes(1, "图.png".encode()) + pb_int(255, 7))
    seeds["zstd"] = b"\3" + zstd(b"hello " * 200)
    for i, (nid, model, fields, tags, did) in enumerate(NOTES):
        for t, tmpl in enumerate(model["tmpls"]):
            fmt = tmpl[1] + tmpl[2]
            for k, f in enumerate(model["flds"]):
                fmt = fmt.replace("{{%s}}" % f, "{{F%d}}" % k).replace(":%s}}" % f, ":F%d}}" % k)
            seeds["template-%d-%d" % (i, t)] = b"\4" + "\x1f".join([fmt] + fields).encode()
        seeds["html-%d" % i] = b"\5" + "".join(fields).encode()
    for name, data in seeds.items():
        open(os.path.join(out, name), "wb").write(data)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if len(sys.argv) > 2 and sys.argv[2] == "--fuzz-seeds":
            build_fuzz_seeds(out, tmp)
            return
        if len(sys.argv) > 2 and sys.argv[2] == "--bench":
            build_bench(out, tmp, int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
            return
        legacy_col = build_legacy(out, tmp)
        build_latest(out, tmp)
        build_broken(out, tmp, legacy_col)
    open(os.path.join(out, "stamp"), "w").write("ok\n")


if __name__ == "__main__":
    main()
